package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * STATUSPAGE_MONITORING_UPDATE=true with a quiet period: subscribers hear that the service recovered and is
 * watched, and hear again if an alarm fires before the sweep resolves.
 */
@QuarkusTest
@TestProfile(MonitoringUpdateTest.Monitoring.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class MonitoringUpdateTest {

    public static class Monitoring implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.resolve-after", "5m", "statuspage.monitoring-update", "true");
        }
    }

    @Test
    void tellsSubscribersOfTheRecoveryAndOfTheReFireThenResolves() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));

        var monitoring = fake().incidents().get(0);
        assertEquals("monitoring", monitoring.status());
        assertEquals(Map.of(API_COMPONENT, "operational", DB_COMPONENT, "operational"), monitoring.components());

        JsonNode again = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:02:00.000+0000"));

        assertEquals("alarm " + AlarmEvents.NAME + " fires again in incident " + monitoring.changeId()
                + ", which is identified again", again.path("reason").asText());
        var identified = fake().incidents().get(0);
        assertEquals("identified", identified.status());
        assertEquals(Map.of(API_COMPONENT, "partial_outage", DB_COMPONENT, "partial_outage"), identified.components());

        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:03:00.000+0000"));
        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:08:00Z"));

        assertEquals("resolved", swept.path("outcome").asText());
        assertEquals(List.of("investigating", "monitoring", "identified", "monitoring", "resolved"),
                fake().incidents().get(0).updates().stream().map(FakeFlashduty.Update::status).toList());
    }

    @Test
    void aBatchWithARecoveryAndItsReFireNotifiesNoOne() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(List.of(
                new AlarmEvents.Change(AlarmEvents.NAME, "OK", "ALARM", "2026-03-14T09:01:00.000+0000"),
                new AlarmEvents.Change(AlarmEvents.NAME, "ALARM", "OK", "2026-03-14T09:02:00.000+0000"))));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals(List.of(), fake().requests(FlashdutyPaths.TIMELINE_PATH));
        assertEquals(1, fake().incidents().get(0).updates().size());
    }
}
