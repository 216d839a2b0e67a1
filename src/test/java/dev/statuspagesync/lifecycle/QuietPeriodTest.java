package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FaultMatrixTest;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * STATUSPAGE_RESOLVE_AFTER=5m: the last recovery is recorded silently and the scheduled sweep resolves, at the
 * time of that recovery, once every alarm stayed recovered for five minutes.
 */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class QuietPeriodTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final String TIMELINE = FlashdutyPaths.TIMELINE_PATH;
    static final String EDIT = FlashdutyPaths.TIMELINE_UPDATE_PATH;
    static final String LIST = FlashdutyPaths.ACTIVE_LIST_PATH;

    @Test
    void aFlappingAlarmMakesOneIncidentAndTwoSubscriberVisibleUpdates() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        JsonNode recovered = Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:02:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:03:00.000+0000"));

        assertEquals("updated", recovered.path("outcome").asText());
        assertEquals("alarm " + AlarmEvents.NAME + " recovered; incident " + recovered.path("change_id").asLong()
                + " resolves at 2026-03-14T09:06:00Z unless an alarm fires again", recovered.path("reason").asText());
        var incident = fake().incidents().get(0);
        assertEquals("investigating", incident.status());
        assertEquals(List.of(), fake().requests(TIMELINE), "recoveries and re-fires are edits of the alarm list");
        assertEquals(3, fake().requests(EDIT).size());

        JsonNode early = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:07:59Z"));
        JsonNode due = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:08:00Z"));

        assertEquals("ignored", early.path("outcome").asText());
        assertEquals("sweep at 2026-03-14T09:07:59Z: nothing resolved; 1 incident(s) in their quiet period",
                early.path("reason").asText());
        assertEquals("resolved", due.path("outcome").asText());
        assertEquals(incident.changeId(), due.path("change_id").asLong());
        assertEquals(1, fake().incidents().size());
        var resolved = fake().incidents().get(0);
        assertEquals("resolved", resolved.status());
        assertEquals(2, resolved.updates().size(), "the opening and the resolution: " + resolved.updates());
        FakeFlashduty.Update resolution = resolved.updates().get(1);
        assertEquals(Instant.parse("2026-03-14T09:03:00Z").getEpochSecond(), resolution.atSeconds(),
                "resolved when the alarm recovered, not when the sweep ran");
        assertEquals("Resolved: CloudWatch alarm " + AlarmEvents.NAME + " recovered at 2026-03-14 09:03:00 UTC, and"
                + " every alarm has stayed recovered for 5 minutes. All affected components are operational again.",
                resolution.description());
        assertEquals(Map.of(API_COMPONENT, "operational", DB_COMPONENT, "operational"), resolved.components());
    }

    @Test
    void theQuietPeriodHoldsWhicheverPathDeliversTheChanges() {
        Lambda.answer(AlarmEvents.eventBridge("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        JsonNode recovered = Lambda.answer(AlarmEvents.sqsBatch(List.of(
                new AlarmEvents.Change(AlarmEvents.NAME, "OK", "ALARM", "2026-03-14T09:01:00.000+0000"))));
        Lambda.answer(AlarmEvents.eventBridge("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), recovered);
        assertEquals("investigating", fake().incidents().get(0).status());
        assertEquals("resolved", Lambda.answer(AlarmEvents.sweep("2026-03-14T09:06:00Z")).path("outcome").asText());
        assertEquals(2, fake().incidents().get(0).updates().size());
    }

    @Test
    void aSweepWithNothingDueReadsThePageOnceAndWritesNothing() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        int before = fake().requests().size();

        JsonNode answer = Lambda.answer(AlarmEvents.sweep("2026-03-14T10:00:00Z"));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("sweep at 2026-03-14T10:00:00Z: nothing resolved", answer.path("reason").asText());
        assertEquals(List.of(LIST), fake().requests().subList(before, fake().requests().size()).stream()
                .map(FakeFlashduty.Recorded::path).toList());
    }

    @Test
    void aBatchWithARecoveryAndItsReFireLeavesTheIncidentOpenAndWritesItsListOnce() {
        long changeId = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"))
                .path("change_id").asLong();
        int edits = fake().requests(EDIT).size();

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(List.of(
                new AlarmEvents.Change(AlarmEvents.NAME, "OK", "ALARM", "2026-03-14T09:01:00.000+0000"),
                new AlarmEvents.Change(AlarmEvents.NAME, "ALARM", "OK", "2026-03-14T09:02:00.000+0000"))));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals(edits + 1, fake().requests(EDIT).size());
        assertEquals(List.of(), fake().requests(TIMELINE));
        var incident = fake().incidents().get(0);
        assertEquals(changeId, incident.changeId());
        assertEquals("investigating", incident.status());
        assertEquals(Membership.State.ALARM, IncidentText.readAlarmList(incident.updates().get(0).description())
                .get(MemberKey.alarm(AlarmEvents.ARN)).orElseThrow().state());
        assertEquals("ignored", Lambda.answer(AlarmEvents.sweep("2026-03-14T10:00:00Z")).path("outcome").asText());
    }

    @Test
    void aFailedSweepFailsItsInvocationAndTheNextOneDoesTheWork() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        fake().failNext(LIST, Collections.nCopies(FaultMatrixTest.defaultMaxRetries() + 1,
                new FakeFlashduty.Fault.Status(503, "ServiceUnavailable", null)).toArray(FakeFlashduty.Fault[]::new));

        var failed = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:10:00Z"));
        JsonNode next = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:11:00Z"));

        assertEquals(500, failed.statusCode(), failed.asString());
        assertEquals("resolved", next.path("outcome").asText());
        assertEquals("resolved", fake().incidents().get(0).status());
    }

    @Test
    void anAlarmFiringAgainAfterTheSweepResolvedOpensANewIncident() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        Lambda.answer(AlarmEvents.sweep("2026-03-14T09:06:00Z"));

        JsonNode again = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:20:00.000+0000"));

        assertEquals("created", again.path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
    }
}
