package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** STATUSPAGE_INSUFFICIENT_DATA=degrade: missing data counts as an outage. */
@QuarkusTest
@TestProfile(InsufficientDataDegradesTest.Degrade.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
class InsufficientDataDegradesTest {

    public static class Degrade implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.insufficient-data", "degrade");
        }
    }

    @Test
    void opensIncidentWhenAlarmLosesItsData() {
        fake().reset();

        JsonNode answer = Lambda.answer(Fixtures.event("sns-insufficient-data.json"));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals("investigating", fake().incidents().get(0).status());
        assertEquals("batch-queue-depth", fake().incidents().get(0).title());
    }

}
