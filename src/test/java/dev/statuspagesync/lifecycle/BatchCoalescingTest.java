package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An SQS batch reads each page once and writes each incident's alarm list once. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
class BatchCoalescingTest {

    static final int ALARMS = 20;
    static final List<String> NAMES = IntStream.range(0, ALARMS).mapToObj(i -> "storm-alarm-" + i).toList();
    static final String EDIT = "/status-page/change/timeline/update";

    @BeforeEach
    void resetFake() {
        fake().reset();
    }

    @Test
    void opensOneIncidentForABatchOfAlarmsInFiveCalls() {
        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals(1, fake().incidents().size());
        assertEquals(ALARMS, memberLines(fake().incidents().get(0)));
        assertEquals(List.of("/status-page/change/active/list", "/status-page/change/list",
                "/status-page/change/create", "/status-page/change/info", EDIT),
                fake().requests().stream().map(FakeFlashduty.Recorded::path).toList());
    }

    @Test
    void resolvesTheIncidentOfABatchOfRecoveriesInThreeCalls() {
        Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));
        int before = fake().requests().size();

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "OK", "ALARM", "2026-03-14T22:30:00.000+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals("resolved", fake().incidents().get(0).status());
        var calls = fake().requests().subList(before, fake().requests().size()).stream()
                .map(FakeFlashduty.Recorded::path).toList();
        assertEquals(List.of("/status-page/change/active/list", EDIT, "/status-page/change/timeline/create"), calls,
                "the list of alarms is written once, before the resolution");
        assertEquals(0, fake().incidents().get(0).updates().get(0).description().lines()
                .filter(line -> line.contains(": ALARM since")).count(), "every alarm recorded as recovered");
    }

    @Test
    void redeliversEveryMessageWhoseCoalescedEditFailed() {
        fake().failNext(EDIT, new FakeFlashduty.Fault.Status(400, "InvalidParameter", null));

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(NAMES, "ALARM", "OK", "2026-03-14T22:01:15.642+0000"));

        List<String> redelivered = IntStream.range(0, answer.path("batchItemFailures").size())
                .mapToObj(i -> answer.path("batchItemFailures").get(i).path("itemIdentifier").asText()).toList();
        assertEquals(IntStream.range(1, ALARMS).mapToObj(AlarmEvents::messageId).toList(), redelivered,
                "the alarms that joined, not the one that opened the incident");
    }

    private static long memberLines(FakeFlashduty.Incident incident) {
        return incident.updates().get(0).description().lines().filter(line -> line.startsWith("- `arn:")).count();
    }
}
