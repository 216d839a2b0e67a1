package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.WithDefault;

/**
 * The default deploy's page, through the handler: the public audience with component names and a quiet period.
 * Subscribers read the title, the opening and the sweep's resolution in customer words, none of the alarm's.
 */
@QuarkusTest
@TestProfile(PublicPageTest.PublicWithNames.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class PublicPageTest {

    public static class PublicWithNames implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.audience", "public", "statuspage.component-names", "Checkout API,Orders database",
                    "statuspage.resolve-after", "5m");
        }
    }

    @Test
    void tellsSubscribersInCustomerWordsFromOpeningToTheSweepsResolution() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:06:00Z"));

        assertEquals("resolved", swept.path("outcome").asText(), swept.toString());
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals("Checkout API and Orders database: partial outage", incident.title());
        List<String> updates = incident.updates().stream().map(FakeFlashduty.Update::description).toList();
        assertEquals("We are investigating an issue affecting Checkout API and Orders database (partial outage).",
                updates.get(0).substring(0, updates.get(0).indexOf("\n\n")));
        assertEquals("This incident has been resolved. Service is operating normally for Checkout API and Orders"
                + " database.", updates.get(1));
        assertFalse(incident.title().contains(AlarmEvents.NAME));
    }

    @Test
    void servesThePublicAudienceUnlessTheOperatorSaysOtherwise() throws NoSuchMethodException {
        assertEquals("public", StatusPageConfig.class.getMethod("audience").getAnnotation(WithDefault.class).value());
    }
}
