package dev.statuspagesync.reconcile;

import static dev.statuspagesync.fake.FakeCloudWatchResource.cloudWatch;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A dry run of a reconciling sweep reads CloudWatch and the page, and answers with the writes the repairs plan. */
@QuarkusTest
@TestProfile(Profiles.DryRun.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class ReconcileDryRunTest {

    @BeforeEach
    void emptyCloudWatch() {
        cloudWatch().reset();
    }

    @Test
    void answersWithTheIncidentItWouldOpenForAnAlarmNeverDelivered() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, Instant.parse("2026-03-14T09:00:00Z"),
                "AWS/EC2", "CPUUtilization");

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("created", swept.path("outcome").asText(), swept.toString());
        assertEquals("reconciled with CloudWatch: 1 alarm(s) firing, 0 asked by name, 1 repair(s) (dry run: would"
                + " open an incident for alarm " + AlarmEvents.NAME + "); sweep at 2026-03-14T09:01:00Z: nothing"
                + " resolved", swept.path("reason").asText());
        assertEquals(List.of(FlashdutyPaths.CREATE_PATH), swept.path("planned").findValuesAsText("path"));
        assertEquals(AlarmEvents.NAME, swept.path("planned").get(0).path("body").path("title").asText());
        assertEquals(List.of(), fake().requests(FlashdutyPaths.CREATE_PATH), "nothing is written");
    }
}
