package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** STATUSPAGE_INSUFFICIENT_DATA=resolve: missing data counts as a recovery. */
@QuarkusTest
@TestProfile(InsufficientDataResolvesTest.Resolve.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
class InsufficientDataResolvesTest {

    public static class Resolve implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.insufficient-data", "resolve");
        }
    }

    @Test
    void resolvesIncidentWhenAlarmLosesItsData() {
        fake().reset();
        long changeId = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:26:53.304+0000")).path("change_id").asLong();

        JsonNode answer = Lambda.answer(AlarmEvents.sns("INSUFFICIENT_DATA", "ALARM", "2026-03-14T09:50:00.000+0000"));

        assertEquals("resolved", answer.path("outcome").asText());
        assertEquals(changeId, answer.path("change_id").asLong());
        assertEquals("resolved", fake().incidents().get(0).status());
    }

}
