package dev.statuspagesync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.support.Fixtures;

/** The Embedded Metric Format record, member by member, as CloudWatch's specification defines it. */
class EmbeddedMetricsTest {

    @Test
    void namesEveryMetricWithItsUnitUnderTheFunctionsDimension() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("ChangesReceived", 3L);
        counts.put("Created", 1L);
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        millis.put("FlashdutyLatency", List.of(41L, 17L));
        millis.put("Unused", List.of());

        var record = EmbeddedMetrics.record(Fixtures.JSON, "StatusPageSync", "statuspage-sync-Function-1A2B",
                "1.2.0", 1_773_478_800_000L, counts, millis);

        assertEquals(Fixtures.json("""
                {"_aws": {"Timestamp": 1773478800000, "CloudWatchMetrics": [{"Namespace": "StatusPageSync",
                   "Dimensions": [["FunctionName"]],
                   "Metrics": [{"Name": "ChangesReceived", "Unit": "Count"}, {"Name": "Created", "Unit": "Count"},
                               {"Name": "FlashdutyLatency", "Unit": "Milliseconds"}]}]},
                 "FunctionName": "statuspage-sync-Function-1A2B", "Version": "1.2.0", "ChangesReceived": 3, "Created": 1,
                 "FlashdutyLatency": [41, 17]}
                """).toString(), record.toString(), "the same members in the same order");
    }
}
