package dev.statuspagesync.handler;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.LogCapture;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The log as the function prints it on Lambda: every line one JSON object, the facts of each change as fields
 * under {@code mdc}, with Lambda's request id, and never the key.
 */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class JsonLogTest {

    @Test
    void printsEveryLineAsJsonWithTheChangesFieldsAndTheRequestId() {
        List<String> printed;
        try (LogCapture capture = LogCapture.start()) {
            Lambda.answer(AlarmEvents.sqsBatch(List.of(
                    new AlarmEvents.Change(AlarmEvents.NAME, "ALARM", "OK", "2026-03-14T09:00:00.000+0000"),
                    new AlarmEvents.Change("orders-5xx", "OK", "ALARM", "2026-03-14T09:01:00.000+0000"))));
            printed = capture.asPrinted();
        }

        List<JsonNode> lines = printed.stream().map(Fixtures::json).toList();
        List<JsonNode> changes = lines.stream()
                .filter(line -> line.path("loggerName").asText().endsWith("StatusPageSync")).toList();
        assertEquals(2, changes.size(), String.join("\n", printed));
        JsonNode opened = changes.get(0).path("mdc");
        assertEquals(AlarmEvents.NAME, opened.path("alarm").asText());
        assertEquals("ALARM", opened.path("state").asText());
        assertEquals("SNS", opened.path("via").asText());
        assertEquals(AlarmEvents.messageId(0), opened.path("sqs_message_id").asText());
        assertEquals("created", opened.path("outcome").asText());
        assertTrue(opened.path("change_id").asText().matches("\\d+"), opened.toString());
        assertEquals("incident opened for alarm " + AlarmEvents.NAME, opened.path("reason").asText());
        assertFalse(opened.path("request_id").asText().isBlank(), "the Lambda request id: " + opened);
        assertEquals("ignored", changes.get(1).path("mdc").path("outcome").asText());
        assertEquals(opened.path("request_id"), changes.get(1).path("mdc").path("request_id"),
                "one invocation, one request id");
        lines.forEach(line -> assertTrue(line.has("timestamp") && line.has("level") && line.has("message"),
                line.toString()));
        assertFalse(String.join("\n", printed).contains(APP_KEY));
    }

    @Test
    void printsEachIncidentASweepResolvesWithItsFields() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        List<String> printed;
        try (LogCapture capture = LogCapture.start()) {
            Lambda.answer(AlarmEvents.sweep("2026-03-14T09:06:00Z"));
            printed = capture.asPrinted();
        }

        List<JsonNode> fields = printed.stream().map(Fixtures::json).map(line -> line.path("mdc"))
                .filter(mdc -> mdc.has("sweep")).toList();
        assertEquals(2, fields.size(), "the incident resolved, then the sweep's sum: " + printed);
        assertEquals("resolved", fields.get(0).path("outcome").asText());
        assertTrue(fields.get(0).path("change_id").asText().matches("\\d+"), fields.get(0).toString());
        assertEquals("2026-03-14T09:06:00Z", fields.get(1).path("sweep").asText());
        assertFalse(fields.get(1).path("request_id").asText().isBlank());
    }

    @Test
    void namesTheContributorOfAMultiTimeSeriesAlarmsChange() {
        List<String> printed;
        try (LogCapture capture = LogCapture.start()) {
            Lambda.answer(AlarmEvents.contributor("9f2c07a4e1b35d68", "checkout-orders", "ALARM",
                    "2026-03-14T09:30:12.000+0000"));
            printed = capture.asPrinted();
        }

        JsonNode fields = printed.stream().map(Fixtures::json)
                .filter(line -> line.path("loggerName").asText().endsWith("StatusPageSync")).findFirst()
                .orElseThrow().path("mdc");
        assertEquals(AlarmEvents.TABLES, fields.path("alarm").asText());
        assertEquals("9f2c07a4e1b35d68", fields.path("contributor").asText());
        assertEquals("EVENTBRIDGE", fields.path("via").asText());
    }
}
