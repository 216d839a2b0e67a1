package dev.statuspagesync.metrics;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.ByHand;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Each invocation writes one Embedded Metric Format line that counts what it did, and never the key. */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class MetricsTest {

    @Test
    void countsTheChangesOutcomesCallsRetriesAndRateLimitsOfABatch() {
        fake().failNext(FlashdutyPaths.CREATE_PATH, new FakeFlashduty.Fault.Status(429, "RequestTooFrequently", null));

        List<JsonNode> records = metricsOf(() -> Lambda.answer(AlarmEvents.sqsBatch(List.of(
                new AlarmEvents.Change(AlarmEvents.NAME, "ALARM", "OK", "2026-03-14T09:00:00.000+0000"),
                new AlarmEvents.Change("orders-5xx", "OK", "ALARM", "2026-03-14T09:01:00.000+0000")))));

        assertEquals(1, records.size(), "one record per invocation");
        JsonNode record = records.get(0);
        int calls = fake().requests().size();
        assertEquals("StatusPageTest", record.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals(ConfigProvider.getConfig().getValue("quarkus.application.version", String.class),
                record.path("Version").asText(), "the release that wrote the record");
        assertEquals(Fixtures.json("[[\"FunctionName\"]]"), record.at("/_aws/CloudWatchMetrics/0/Dimensions"));
        assertEquals(2, record.path("ChangesReceived").asLong());
        assertEquals(2, record.path("ChangesViaSNS").asLong());
        assertEquals(2, record.path("ChangesViaSQS").asLong());
        assertEquals(1, record.path("Created").asLong());
        assertEquals(1, record.path("Ignored").asLong());
        assertEquals(calls, record.path("FlashdutyCalls").asLong(), "every request the fake received");
        assertEquals(2, record.path("FlashdutyCallsCreate").asLong(), "the refused create and its retry");
        assertEquals(1, record.path("FlashdutyRetries").asLong());
        assertEquals(1, record.path("FlashdutyRateLimited").asLong());
        assertEquals(calls, record.path("FlashdutyLatency").size(), "one latency per call");
        assertEquals(0, record.path("ItemsReturnedForRedelivery").asLong());
        assertEquals(units(record), Map.of("FlashdutyLatency", "Milliseconds"), "every other metric counts");
    }

    @Test
    void countsWhatASweepResolvedAndWhatWaits() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));

        JsonNode waiting = metricsOf(() -> Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"))).get(0);
        JsonNode resolved = metricsOf(() -> Lambda.answer(AlarmEvents.sweep("2026-03-14T09:06:00Z"))).get(0);

        assertEquals(List.of(1L, 0L, 1L), List.of(waiting.path("Sweeps").asLong(),
                waiting.path("SweepResolved").asLong(), waiting.path("SweepWaiting").asLong()));
        assertEquals(List.of(1L, 1L, 0L), List.of(resolved.path("Sweeps").asLong(),
                resolved.path("SweepResolved").asLong(), resolved.path("SweepWaiting").asLong()));
        assertEquals(1, resolved.path("Resolved").asLong());
        assertFalse(resolved.has("ChangesReceived"), "a sweep is not a change");
    }

    @Test
    void countsAnAlarmThatDefersToAPersonsIncident() {
        ByHand.open("published/incident-by-a-person.json");

        JsonNode record = metricsOf(() -> Lambda.answer(AlarmEvents.sns("ALARM", "OK",
                "2026-03-14T09:10:00.000+0000"))).get(0);

        assertEquals(1, record.path("Ignored").asLong());
        assertEquals(1, record.path("Deferred").asLong());
    }

    /** The metrics lines the function printed on standard output while {@code invocation} ran. */
    private static List<JsonNode> metricsOf(Supplier<?> invocation) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            invocation.get();
        } finally {
            System.setOut(original);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(APP_KEY), "the key stays out of the metrics");
        List<JsonNode> records = new ArrayList<>();
        text.lines().filter(line -> line.startsWith("{\"_aws\"")).map(Fixtures::json).forEach(records::add);
        return records;
    }

    private static Map<String, String> units(JsonNode record) {
        Map<String, String> notCounts = new TreeMap<>();
        record.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(metric -> {
            if (!"Count".equals(metric.path("Unit").asText())) {
                notCounts.put(metric.path("Name").asText(), metric.path("Unit").asText());
            }
        });
        return notCounts;
    }
}
