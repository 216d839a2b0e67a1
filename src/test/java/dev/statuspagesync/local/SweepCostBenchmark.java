package dev.statuspagesync.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.support.AlarmEvents;

/**
 * What a reconciling sweep costs in CloudWatch and Flashduty calls, for accounts of N alarms (10, 1,000 and 10,000
 * by default), P % of them in ALARM over C components, measured on the packaged function through the Lambda runtime
 * API against the fake CloudWatch (through the AWS SDK) and the fake Flashduty (50 requests a second). Three sweeps
 * a minute apart: every firing alarm's delivery was lost (the sweep opens and joins); the page agrees (the
 * steady state); every alarm recovered and those deliveries were lost too (the sweep resolves).
 */
public final class SweepCostBenchmark {

    static final String USAGE = "usage: scripts/bench-sweep.sh [--alarms N,N,...] [--firing PERCENT] [--components C]";
    static final long PAGE_ID = StormBenchmark.PAGE_ID;
    static final String KEY = StormBenchmark.KEY;
    static final Instant FIRED = Instant.parse("2026-03-14T08:00:00Z");
    static final Instant RECOVERED = Instant.parse("2026-03-14T08:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sweep's cost. */
    record Row(int alarms, int firing, String sweep, long cloudWatchCalls, Map<String, Long> cloudWatchByCall,
            long flashdutyCalls, long refused, String outcome, Duration wall) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10, 1_000, 10_000);
        int firingPercent = 10;
        int components = 10;
        Path functionDir = null;
        String ricClasspath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alarms" -> sizes = List.of(args[++i].split(",")).stream().map(Integer::parseInt).toList();
                case "--firing" -> firingPercent = Integer.parseInt(args[++i]);
                case "--components" -> components = Integer.parseInt(args[++i]);
                case "--function-dir" -> functionDir = Path.of(args[++i]);
                case "--ric-classpath" -> ricClasspath = args[++i];
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        boolean correct = true;
        for (int alarms : sizes) {
            correct &= run(alarms, Math.max(1, alarms * firingPercent / 100), components, functionDir, ricClasspath,
                    rows);
        }
        System.out.printf("%n%7s %7s  %-36s %10s %10s %5s %7s  %s%n", "alarms", "firing", "sweep", "CloudWatch",
                "Flashduty", "429s", "wall", "CloudWatch calls by operation");
        for (Row row : rows) {
            System.out.printf("%7d %7d  %-36s %10d %10d %5d %6.1fs  %s%n", row.alarms(), row.firing(), row.sweep(),
                    row.cloudWatchCalls(), row.flashdutyCalls(), row.refused(), row.wall().toMillis() / 1000.0,
                    row.cloudWatchByCall());
        }
        System.exit(correct ? 0 : 1);
    }

    static boolean run(int alarms, int firing, int components, Path functionDir, String ricClasspath, List<Row> rows)
            throws Exception {
        Map<String, String> componentNames = new LinkedHashMap<>();
        IntStream.range(0, components).forEach(c -> componentNames.put(StormBenchmark.componentId(c),
                "Component " + c));
        try (FakeFlashduty fake = FakeFlashduty.start(KEY, PAGE_ID, componentNames);
                FakeCloudWatch cloudWatch = FakeCloudWatch.start();
                LocalRuntimeApi runtime = new LocalRuntimeApi(Duration.ofSeconds(120))) {
            fake.enforceRateLimit(50);
            List<String> names = IntStream.range(0, alarms)
                    .mapToObj(i -> "storm-c" + (i % components) + "-alarm-" + i).toList();
            for (int i = 0; i < alarms; i++) {
                cloudWatch.metricAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + names.get(i),
                        i < firing ? AlarmState.ALARM : AlarmState.OK, FIRED, "AWS/EC2", "CPUUtilization");
            }
            Map<String, String> settings = new LinkedHashMap<>(Map.of(
                    "FLASHDUTY_BASE_URL", fake.baseUrl(),
                    "FLASHDUTY_APP_KEY", KEY,
                    "STATUSPAGE_ROUTES", StormBenchmark.routes(components),
                    "STATUSPAGE_RECONCILE", "true",
                    "STATUSPAGE_ALARM_SOURCES", FakeCloudWatch.ALARM_TOPIC,
                    "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint(),
                    "AWS_ACCESS_KEY_ID", "AKIAFAKECLOUDWATCH0",
                    "AWS_SECRET_ACCESS_KEY", "fake-cloudwatch-secret",
                    // Sweeps come a minute apart, long after a warm function's reads have expired.
                    "FLASHDUTY_READ_CACHE_MS", "0"));
            Path log = functionDir.getParent().resolve("bench-sweep-" + alarms + ".log");
            Process function = LocalRun.startFunction(functionDir, ricClasspath, runtime.address(), true, settings,
                    log);
            try {
                rows.add(sweep(runtime, fake, cloudWatch, alarms, firing, "every firing alarm's delivery lost",
                        "2026-03-14T08:01:00Z"));
                boolean opened = fake.incidents().stream().mapToLong(incident -> incident.updates().get(0)
                        .description().lines().filter(line -> line.contains(": ALARM since")).count()).sum()
                        == firing;
                rows.add(sweep(runtime, fake, cloudWatch, alarms, firing, "the page agrees (steady state)",
                        "2026-03-14T08:02:00Z"));
                for (int i = 0; i < firing; i++) {
                    cloudWatch.move(names.get(i), AlarmState.OK, RECOVERED);
                }
                rows.add(sweep(runtime, fake, cloudWatch, alarms, firing, "every recovery's delivery lost",
                        "2026-03-14T08:31:00Z"));
                boolean resolved = fake.incidents().stream().allMatch(incident -> incident.status().equals("resolved")
                        && incident.components().values().stream().allMatch("operational"::equals));
                if (!opened || !resolved) {
                    System.err.printf("%d alarms: %s%n", alarms, !opened ? "not every firing alarm is on the page"
                            : "not every incident is resolved");
                }
                return opened && resolved;
            } finally {
                function.destroy();
                function.waitFor();
            }
        }
    }

    private static Row sweep(LocalRuntimeApi runtime, FakeFlashduty fake, FakeCloudWatch cloudWatch, int alarms,
            int firing, String label, String time) throws Exception {
        int flashdutyBefore = fake.requests().size();
        int refusedBefore = fake.refusedForRate();
        int cloudWatchBefore = cloudWatch.requests().size();
        long started = System.nanoTime();
        LocalRuntimeApi.Result answer = runtime.invoke(AlarmEvents.sweep(time), Duration.ofSeconds(180));
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        var calls = cloudWatch.requests().subList(cloudWatchBefore, cloudWatch.requests().size());
        Map<String, Long> byCall = new LinkedHashMap<>();
        calls.forEach(call -> byCall.merge(call.operation(), 1L, Long::sum));
        String outcome = answer.error() ? "failed" : JSON.readTree(answer.body()).path("outcome").asText();
        return new Row(alarms, firing, label + " -> " + outcome, calls.size(), byCall,
                fake.requests().size() - flashdutyBefore, fake.refusedForRate() - refusedBefore, outcome, wall);
    }
}
