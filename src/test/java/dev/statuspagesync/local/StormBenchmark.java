package dev.statuspagesync.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;

/**
 * A regional outage, measured: N alarms over C components fire and then recover, delivered one per invocation
 * (as SNS does) or in SQS batches, to the packaged function through the Lambda runtime API, against the fake
 * Flashduty enforcing Flashduty's 50 requests per second, with resolution at once and after a quiet period (then a
 * sweep at its end resolves). Prints calls per alarm, 429s, subscriber-visible updates, wall time, and whether the
 * page ends as it should.
 */
public final class StormBenchmark {

    static final String USAGE = "usage: scripts/bench-storm.sh [--alarms N] [--components C] [--batch B] [--delivery sns|sqs|both]"
            + " [--arrival interleaved|by-component] [--quiet off|on|both] [--resolve-after 5m]";
    static final long PAGE_ID = 1001;
    static final String KEY = "bench-key";
    static final String FIRED_AT = "2026-03-14T08:00:00.000+0000";
    static final String RECOVERED_AT = "2026-03-14T09:00:00.000+0000";
    /** The sweep after the storm: an hour after the recoveries, when every quiet period has passed. */
    static final String SWEPT_AT = "2026-03-14T10:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one delivery mode cost. */
    record Result(String mode, int alarms, int calls, Map<String, Long> callsByPath, int refused,
            long visibleUpdates, int failedInvocations, Duration wall, boolean pageCorrect, String detail) {
    }

    public static void main(String[] args) throws Exception {
        int alarms = 1000;
        int components = 10;
        int batch = 100;
        String delivery = "both";
        String arrival = "interleaved";
        String quiet = "both";
        String resolveAfter = "5m";
        Path functionDir = null;
        String ricClasspath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alarms" -> alarms = Integer.parseInt(args[++i]);
                case "--components" -> components = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--delivery" -> delivery = args[++i];
                case "--arrival" -> arrival = args[++i];
                case "--quiet" -> quiet = args[++i];
                case "--resolve-after" -> resolveAfter = args[++i];
                case "--function-dir" -> functionDir = Path.of(args[++i]);
                case "--ric-classpath" -> ricClasspath = args[++i];
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        List<Result> results = new ArrayList<>();
        if (!List.of("sns", "sqs", "both").contains(delivery)
                || !List.of("interleaved", "by-component").contains(arrival)
                || !List.of("off", "on", "both").contains(quiet)) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<String> quietPeriods = switch (quiet) {
            case "off" -> List.of("0");
            case "on" -> List.of(resolveAfter);
            default -> List.of("0", resolveAfter);
        };
        for (String period : quietPeriods) {
            String label = period.equals("0") ? ", no quiet period" : ", quiet " + period;
            if (!delivery.equals("sqs")) {
                results.add(run("SNS, one per invocation" + label, alarms, components, 1, arrival, period,
                        functionDir, ricClasspath));
            }
            if (!delivery.equals("sns")) {
                results.add(run("SQS, batches of " + batch + label, alarms, components, batch, arrival, period,
                        functionDir, ricClasspath));
            }
        }
        // Each alarm changes twice, ALARM then OK: a change is one delivered alarm state change.
        System.out.printf("%n%-44s %7s %8s %7s %12s %6s %8s %7s %8s %s%n", "delivery", "alarms", "changes", "calls",
                "calls/change", "429s", "visible", "failed", "wall", "page");
        for (Result result : results) {
            System.out.printf("%-44s %7d %8d %7d %12.3f %6d %8d %7d %7.1fs %s%n", result.mode(), result.alarms(),
                    2 * result.alarms(), result.calls(), result.calls() / (2.0 * result.alarms()), result.refused(),
                    result.visibleUpdates(), result.failedInvocations(), result.wall().toMillis() / 1000.0,
                    result.pageCorrect() ? "all resolved, every alarm recorded" : "WRONG: " + result.detail());
        }
        for (Result result : results) {
            System.out.printf("%n%s, calls by path:%n", result.mode());
            result.callsByPath().forEach((path, count) -> System.out.printf("  %6d  %s%n", count, path));
        }
        System.exit(results.stream().allMatch(Result::pageCorrect) ? 0 : 1);
    }

    static Result run(String mode, int alarms, int components, int batch, String arrival, String resolveAfter,
            Path functionDir, String ricClasspath) throws Exception {
        Map<String, String> componentNames = new LinkedHashMap<>();
        IntStream.range(0, components).forEach(c -> componentNames.put(componentId(c), "Component " + c));
        // Interleaved: consecutive alarms affect different components, so every batch touches every incident.
        List<String> names = IntStream.range(0, alarms)
                .mapToObj(i -> "storm-c" + (i % components) + "-alarm-" + i).toList();
        if (arrival.equals("by-component")) {
            names = names.stream().sorted(Comparator.comparingInt(name -> Integer.parseInt(
                    name.substring("storm-c".length(), name.indexOf("-alarm-"))))).toList();
        }
        try (FakeFlashduty fake = FakeFlashduty.start(KEY, PAGE_ID, componentNames);
                LocalRuntimeApi runtime = new LocalRuntimeApi(Duration.ofSeconds(60))) {
            fake.enforceRateLimit(50);
            Map<String, String> settings = Map.of(
                    "FLASHDUTY_BASE_URL", fake.baseUrl(),
                    "FLASHDUTY_APP_KEY", KEY,
                    "STATUSPAGE_ROUTES", routes(components),
                    "STATUSPAGE_RESOLVE_AFTER", resolveAfter);
            Path log = functionDir.getParent().resolve("bench-" + batch + "-" + resolveAfter + ".log");
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
                if (!resolveAfter.equals("0")) {
                    LocalRuntimeApi.Result answer = runtime.invoke(AlarmEvents.sweep(SWEPT_AT), Duration.ofSeconds(120));
                    failed += answer.error() ? 1 : 0;
                }
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                long visible = fake.requests().stream().filter(request -> request.path().equals(
                        FlashdutyPaths.CREATE_PATH) || request.path().equals(FlashdutyPaths.TIMELINE_PATH))
                        .count();
                String problem = check(fake, alarms, components);
                Map<String, Long> byPath = fake.requests().stream().collect(Collectors.groupingBy(
                        FakeFlashduty.Recorded::path, TreeMap::new, Collectors.counting()));
                return new Result(mode, alarms, fake.requests().size(), byPath, fake.refusedForRate(), visible, failed,
                        wall, problem.isEmpty(), problem);
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
