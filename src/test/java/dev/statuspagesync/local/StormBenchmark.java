package dev.statuspagesync.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.support.AlarmEvents;

/**
 * A regional outage, measured: N alarms over C components fire and then recover, delivered one per invocation
 * (as SNS does) or in SQS batches, to the packaged function through the Lambda runtime API, against the fake
 * Flashduty enforcing Flashduty's 50 requests per second. Prints calls per alarm, 429s, subscriber-visible
 * updates, wall time, and whether the page ends as it should.
 */
public final class StormBenchmark {

    static final String USAGE = "usage: scripts/bench-storm.sh [--alarms N] [--components C] [--batch B]";
    static final long PAGE_ID = 1001;
    static final String KEY = "bench-key";
    static final String FIRED_AT = "2026-03-14T08:00:00.000+0000";
    static final String RECOVERED_AT = "2026-03-14T09:00:00.000+0000";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one delivery mode cost. */
    record Result(String mode, int alarms, int calls, int refused, long visibleUpdates, int failedInvocations,
            Duration wall, boolean pageCorrect, String detail) {
    }

    public static void main(String[] args) throws Exception {
        int alarms = 1000;
        int components = 10;
        int batch = 100;
        Path functionDir = null;
        String ricClasspath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alarms" -> alarms = Integer.parseInt(args[++i]);
                case "--components" -> components = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--function-dir" -> functionDir = Path.of(args[++i]);
                case "--ric-classpath" -> ricClasspath = args[++i];
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        List<Result> results = new ArrayList<>();
        results.add(run("SNS, one alarm per invocation", alarms, components, 1, functionDir, ricClasspath));
        results.add(run("SQS, batches of " + batch, alarms, components, batch, functionDir, ricClasspath));
        System.out.printf("%n%-32s %7s %7s %10s %6s %9s %8s %9s %s%n", "delivery", "alarms", "calls", "calls/alarm",
                "429s", "visible", "failed", "wall", "page");
        for (Result result : results) {
            System.out.printf("%-32s %7d %7d %10.3f %6d %9d %8d %8.1fs %s%n", result.mode(), result.alarms(),
                    result.calls(), (double) result.calls() / result.alarms(), result.refused(),
                    result.visibleUpdates(), result.failedInvocations(), result.wall().toMillis() / 1000.0,
                    result.pageCorrect() ? "all resolved, every alarm recorded" : "WRONG: " + result.detail());
        }
        System.exit(results.stream().allMatch(Result::pageCorrect) ? 0 : 1);
    }

    static Result run(String mode, int alarms, int components, int batch, Path functionDir, String ricClasspath)
            throws Exception {
        Map<String, String> componentNames = new LinkedHashMap<>();
        IntStream.range(0, components).forEach(c -> componentNames.put(componentId(c), "Component " + c));
        List<String> names = IntStream.range(0, alarms)
                .mapToObj(i -> "storm-c" + (i % components) + "-alarm-" + i).toList();
        try (FakeFlashduty fake = FakeFlashduty.start(KEY, PAGE_ID, componentNames);
                LocalRuntimeApi runtime = new LocalRuntimeApi(Duration.ofSeconds(60))) {
            fake.enforceRateLimit(50);
            Map<String, String> settings = Map.of(
                    "FLASHDUTY_BASE_URL", fake.baseUrl(),
                    "FLASHDUTY_APP_KEY", KEY,
                    "STATUSPAGE_ROUTES", routes(components));
            Path log = functionDir.getParent().resolve("bench-" + batch + ".log");
            Process function = LocalRun.startFunction(functionDir, ricClasspath, runtime.address(), true, settings, log);
            try {
                long started = System.nanoTime();
                int failed = 0;
                for (String state : List.of("ALARM", "OK")) {
                    String previous = state.equals("ALARM") ? "OK" : "ALARM";
                    String time = state.equals("ALARM") ? FIRED_AT : RECOVERED_AT;
                    for (int from = 0; from < alarms; from += batch) {
                        List<String> chunk = names.subList(from, Math.min(alarms, from + batch));
                        String event = batch == 1 ? AlarmEvents.sns(chunk.get(0), state, previous, time)
                                : AlarmEvents.sqsBatch(chunk, state, previous, time);
                        LocalRuntimeApi.Result answer = runtime.invoke(event, Duration.ofSeconds(120));
                        failed += answer.error() || JSON.readTree(answer.body()).path("batchItemFailures").size() > 0
                                ? 1 : 0;
                    }
                }
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                long visible = fake.requests().stream().filter(request -> request.path().equals(
                        "/status-page/change/create") || request.path().equals("/status-page/change/timeline/create"))
                        .count();
                String problem = check(fake, alarms, components);
                return new Result(mode, alarms, fake.requests().size(), fake.refusedForRate(), visible, failed, wall,
                        problem.isEmpty(), problem);
            } finally {
                function.destroy();
                function.waitFor();
            }
        }
    }

    /** Every incident resolved with its components operational, and every alarm recorded exactly once. */
    static String check(FakeFlashduty fake, int alarms, int components) {
        List<String> problems = new ArrayList<>();
        long recorded = 0;
        for (FakeFlashduty.Incident incident : fake.incidents()) {
            if (!incident.status().equals("resolved")) {
                problems.add("incident " + incident.changeId() + " is " + incident.status());
            }
            if (incident.components().values().stream().anyMatch(status -> !status.equals("operational"))) {
                problems.add("incident " + incident.changeId() + " leaves components down");
            }
            recorded += incident.updates().get(0).description().lines().filter(line -> line.startsWith("- `arn:"))
                    .count();
        }
        if (fake.incidents().size() > components) {
            problems.add(fake.incidents().size() + " incidents for " + components + " components");
        }
        if (recorded != alarms) {
            problems.add(recorded + " of " + alarms + " alarms recorded");
        }
        return String.join("; ", problems);
    }

    /** One rule per component: alarms named storm-cK-* affect component K. */
    static String routes(int components) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            rules.add(Map.of("name", "component " + c, "match", Map.of("alarm_name", "storm-c" + c + "-*"),
                    "page_id", PAGE_ID, "components", List.of(componentId(c)), "notify_subscribers", true));
        }
        return JSON.writeValueAsString(Map.of("routes", rules));
    }

    static String componentId(int index) {
        return "01STORMCOMPONENT%010d".formatted(index);
    }
}
