package dev.statuspagesync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;

/**
 * The packaged function.zip, run as the managed Java runtime runs it (unpacked, with the runtime interface client
 * polling a local runtime API): every line of its log is one JSON object, each change's facts are fields with the
 * request id, and each invocation's metrics are an Embedded Metric Format record with their units. Runs after
 * {@code package}, in the JVM build only.
 */
class PackagedFunctionLogIT {

    static final String KEY = "packaged-it-key";
    static final long PAGE = 1001;
    static final String COMPONENT = "01PACKAGEDCOMPONENT0000000";

    @Test
    void logsJsonLinesWithTheChangesFieldsAndEmbeddedMetrics() throws Exception {
        Path task = unpack(Path.of("target/function.zip"), Path.of("target/packaged-it/task"));
        Path log = task.getParent().resolve("function.log");
        List<String> lines;
        try (FakeFlashduty fake = FakeFlashduty.start(KEY, PAGE, Map.of(COMPONENT, "Component"));
                LocalRuntimeApi runtime = new LocalRuntimeApi(Duration.ofSeconds(60))) {
            Process function = LocalRun.startFunction(task, runtimeInterfaceClient(), runtime.address(), true,
                    Map.of("FLASHDUTY_BASE_URL", fake.baseUrl(), "FLASHDUTY_APP_KEY", KEY,
                            "STATUSPAGE_PAGE_ID", String.valueOf(PAGE), "STATUSPAGE_COMPONENT_IDS", COMPONENT),
                    log);
            try {
                assertFalse(runtime.invoke(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"),
                        Duration.ofSeconds(120)).error());
                assertFalse(runtime.invoke(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:05:00.000+0000"),
                        Duration.ofSeconds(120)).error());
            } finally {
                function.destroy();
                function.waitFor();
            }
            lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        }

        List<JsonNode> json = lines.stream().map(Fixtures::json).toList();
        List<JsonNode> changes = json.stream().filter(line -> line.path("mdc").has("outcome")).toList();
        List<JsonNode> metrics = json.stream().filter(line -> line.has("_aws")).toList();
        assertEquals(List.of("created", "resolved"),
                changes.stream().map(line -> line.path("mdc").path("outcome").asText()).toList(), lines.toString());
        for (JsonNode change : changes) {
            for (String field : List.of("alarm", "state", "via", "outcome", "change_id", "reason", "request_id")) {
                assertFalse(change.path("mdc").path(field).asText().isBlank(), field + " in " + change);
            }
        }
        assertEquals(2, metrics.size(), "one record per invocation: " + lines);
        JsonNode directive = metrics.get(0).at("/_aws/CloudWatchMetrics/0");
        assertEquals("StatusPageSync", directive.path("Namespace").asText());
        assertEquals("cloudwatch-statuspage-sync", metrics.get(0).path("FunctionName").asText());
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            assertTrue(metrics.get(0).has(name), name + " has a value");
            assertEquals(name.equals("FlashdutyLatency") ? "Milliseconds" : "Count", metric.path("Unit").asText());
        }
        assertEquals(1, metrics.get(0).path("Created").asLong());
        assertEquals(1, metrics.get(1).path("Resolved").asLong());
        assertFalse(String.join("\n", lines).contains(KEY), "the key stays out of the log and the metrics");
        assertTrue(json.stream().anyMatch(line -> line.path("message").asText()
                .matches("cloudwatch-statuspage-sync \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? starting")),
                "the first lines say which release starts: " + lines);
    }

    @Test
    void reconcilesThroughTheSdkItCarries() throws Exception {
        Path task = unpack(Path.of("target/function.zip"), Path.of("target/packaged-it/task"));
        Path log = task.getParent().resolve("function.log");
        List<String> lines;
        try (FakeFlashduty fake = FakeFlashduty.start(KEY, PAGE, Map.of(COMPONENT, "Component"));
                FakeCloudWatch cloudWatch = FakeCloudWatch.start();
                LocalRuntimeApi runtime = new LocalRuntimeApi(Duration.ofSeconds(60))) {
            cloudWatch.metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, Instant.parse("2026-03-14T09:00:00Z"),
                    "AWS/EC2", "CPUUtilization");
            Map<String, String> settings = new HashMap<>(Map.of("FLASHDUTY_BASE_URL", fake.baseUrl(),
                    "FLASHDUTY_APP_KEY", KEY, "STATUSPAGE_PAGE_ID", String.valueOf(PAGE),
                    "STATUSPAGE_COMPONENT_IDS", COMPONENT, "STATUSPAGE_RECONCILE", "true",
                    "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint(), "AWS_ACCESS_KEY_ID", "AKIAPACKAGEDIT00000",
                    "AWS_SECRET_ACCESS_KEY", "packaged-it-secret"));
            settings.put("STATUSPAGE_ALARM_SOURCES", FakeCloudWatch.ALARM_TOPIC);
            Process function = LocalRun.startFunction(task, runtimeInterfaceClient(), runtime.address(), true,
                    settings, log);
            try {
                var answer = runtime.invoke(AlarmEvents.sweep("2026-03-14T09:01:00Z"), Duration.ofSeconds(120));
                assertFalse(answer.error(), answer.body());
                assertEquals("created", Fixtures.json(answer.body()).path("outcome").asText(), answer.body());
            } finally {
                function.destroy();
                function.waitFor();
            }
            assertEquals(List.of("DescribeAlarms", "ListAlarmMuteRules"),
                    cloudWatch.requests().stream().map(FakeCloudWatch.Recorded::operation).toList());
            assertEquals(1, fake.requests(FlashdutyPaths.CREATE_PATH).size());
            lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        }

        JsonNode metrics = lines.stream().map(Fixtures::json).filter(line -> line.has("_aws")).findFirst()
                .orElseThrow();
        assertEquals(2, metrics.path("CloudWatchCalls").asLong(), lines.toString());
        assertEquals(1, metrics.path("Reconciled").asLong());
        assertEquals("CLOUDWATCH", lines.stream().map(Fixtures::json).map(line -> line.path("mdc"))
                .filter(mdc -> mdc.has("alarm")).findFirst().orElseThrow().path("via").asText());
        assertFalse(String.join("\n", lines).contains("packaged-it-secret"));
    }

    /** The runtime interface client's jars and what it needs, from this test's own class path. */
    static String runtimeInterfaceClient() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-core") || entry.contains("aws-lambda-java-serialization")
                        || entry.contains("awssdk" + File.separator + "utils-lite")
                        || entry.contains("awssdk" + File.separator + "annotations"))
                .toList());
    }

    /** function.zip unpacked as Lambda unpacks it into the task root. */
    static Path unpack(Path zip, Path into) throws IOException {
        if (Files.exists(into)) {
            try (var old = Files.walk(into)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(into);
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
        return into;
    }
}
