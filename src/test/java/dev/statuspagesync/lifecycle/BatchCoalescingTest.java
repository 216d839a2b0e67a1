package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

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

/** An SQS batch reads each page once and writes each incident's alarm list once. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class BatchCoalescingTest {

    static final int ALARMS = 20;
    static final List<String> NAMES = IntStream.range(0, ALARMS).mapToObj(i -> "storm-alarm-" + i).toList();
    static final String EDIT = FlashdutyPaths.TIMELINE_UPDATE_PATH;


    @Test
    void opensOneIncidentForABatchOfAlarmsInSixCalls() {
        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals(1, fake().incidents().size());
        assertEquals(ALARMS, memberLines(fake().incidents().get(0)));
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.LIST_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.CREATE_PATH, FlashdutyPaths.ACTIVE_LIST_PATH, EDIT),
                fake().requests().stream().map(FakeFlashduty.Recorded::path).toList());
    }

    @Test
    void resolvesTheIncidentOfABatchOfRecoveriesInTwoCallsWithoutRewritingItsList() {
        Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));
        String listBefore = fake().incidents().get(0).updates().get(0).description();
        int before = fake().requests().size();

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "OK", "ALARM", "2026-03-14T22:30:00.000+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        var incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.TIMELINE_PATH),
                callsSince(before), "recoveries alone are not written: the resolution stands for them");
        assertEquals(listBefore, incident.updates().get(0).description());
        assertEquals("Resolved: CloudWatch alarm storm-alarm-19 is OK since 2026-03-14 22:30:00 UTC, the last of the"
                + " 20 alarms in this incident to recover. All affected components are operational again.",
                incident.updates().get(incident.updates().size() - 1).description().lines().findFirst().orElseThrow());
    }

    @Test
    void writesTheListBeforeResolvingWhenAnAlarmJoinedInTheSameBatch() {
        Lambda.answer(AlarmEvents.sqsBatch(NAMES.subList(0, 1), "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));
        int before = fake().requests().size();
        String late = "storm-alarm-late";

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(List.of(
                new AlarmEvents.Change(late, "ALARM", "OK", "2026-03-14T22:05:00.000+0000"),
                new AlarmEvents.Change(NAMES.get(0), "OK", "ALARM", "2026-03-14T22:10:00.000+0000"),
                new AlarmEvents.Change(late, "OK", "ALARM", "2026-03-14T22:20:00.000+0000"))));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        var incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.LIST_PATH, EDIT,
                FlashdutyPaths.TIMELINE_PATH), callsSince(before));
        assertEquals(2, memberLines(incident), "the resolved incident keeps who joined it");
    }

    @Test
    void redeliversTheRecoveriesTheResolutionWasToStandForWhenItFails() {
        Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));
        fake().failNext(FlashdutyPaths.TIMELINE_PATH, new FakeFlashduty.Fault.Status(400, "InvalidParameter",
                null));

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "OK", "ALARM", "2026-03-14T22:30:00.000+0000"));

        assertEquals(IntStream.range(0, ALARMS).mapToObj(AlarmEvents::messageId).toList(), failedItems(answer),
                "every recovery, so that the redelivered batch resolves the incident");
        assertEquals("investigating", fake().incidents().get(0).status());

        Lambda.answer(AlarmEvents.sqsBatch(NAMES, "OK", "ALARM", "2026-03-14T22:30:00.000+0000"));
        assertEquals("resolved", fake().incidents().get(0).status());
    }

    @Test
    void redeliversEveryMessageWhoseCoalescedEditFailed() {
        fake().failNext(EDIT, new FakeFlashduty.Fault.Status(400, "InvalidParameter", null));

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));

        assertEquals(IntStream.range(1, ALARMS).mapToObj(AlarmEvents::messageId).toList(), failedItems(answer),
                "the alarms that joined, not the one that opened the incident");
    }

    private static List<String> failedItems(JsonNode answer) {
        return IntStream.range(0, answer.path("batchItemFailures").size())
                .mapToObj(i -> answer.path("batchItemFailures").get(i).path("itemIdentifier").asText()).toList();
    }

    private static List<String> callsSince(int before) {
        List<FakeFlashduty.Recorded> all = fake().requests();
        return all.subList(before, all.size()).stream().map(FakeFlashduty.Recorded::path).toList();
    }

    private static long memberLines(FakeFlashduty.Incident incident) {
        return incident.updates().get(0).description().lines().filter(line -> line.startsWith("- `arn:")).count();
    }
}
