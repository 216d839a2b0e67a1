package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** STATUSPAGE_JOIN_OPEN_INCIDENTS=false: every alarm opens its own incident. */
@QuarkusTest
@TestProfile(SeparateIncidentsTest.NoJoin.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
class SeparateIncidentsTest {

    public static class NoJoin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.join-open-incidents", "false");
        }
    }

    @Test
    void opensAnIncidentPerAlarmWhenJoiningIsOff() {
        fake().reset();

        Lambda.answer(Fixtures.event("sns-single-metric-alarm.json"));
        var second = Lambda.answer(Fixtures.event("sns-metric-math-alarm.json"));

        assertEquals("created", second.path("outcome").asText());
        assertEquals(2, fake().incidents().size());
    }
}
