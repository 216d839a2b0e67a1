package dev.statuspagesync.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;

/**
 * The jvm-aot build's two runs of its own bootstrap, as Lambda's custom runtime starts it, against the fakes.
 * {@code train TASK CACHE}: the function's own work (an alarm through every envelope, a batch, a published event,
 * a reconciling sweep), then SIGTERM, at which the JVM writes the AOT cache. {@code check TASK}: the zip unpacked
 * elsewhere answers an alarm with {@code -XX:AOTMode=on}, which refuses a cache it cannot use, so a cache the JVM
 * would silently ignore fails the build. Started by scripts/build.sh jvm-aot from the project's root.
 */
public final class AotTraining {

    static final Duration WAIT = Duration.ofSeconds(120);
    /** The memory the template gives the jvm-aot build: the heap the cache is trained with. */
    static final String MEMORY_MB = "1024";

    /** One training step: an event file, and whether only CloudWatch learns of it (a lost delivery). */
    record Step(String file, boolean lost) {
        Step(String file) {
            this(file, false);
        }
    }

    static final List<Step> TRAINING = List.of(
            new Step("src/test/resources/events/sns-single-metric-alarm.json"),
            new Step("src/test/resources/events/sns-single-metric-alarm.json"),
            new Step("src/test/resources/events/sns-metric-math-alarm.json"),
            new Step("src/test/resources/events/eventbridge-single-metric-alarm.json"),
            new Step("src/test/resources/events/alarm-action-metric-alarm.json"),
            new Step("src/test/resources/events/alarm-action-composite-alarm.json"),
            new Step("src/test/resources/events/sqs-sns-envelope-batch.json"),
            new Step("src/test/resources/events/sqs-raw-delivery.json"),
            new Step("src/test/resources/events/health-issue-open.json"),
            new Step("src/test/resources/stories/maintenance/1-maintenance-in-progress.json"),
            new Step("src/test/resources/events/sns-plain-text-message.json"),
            new Step("src/test/resources/events/sns-single-metric-ok.json"),
            new Step("src/test/resources/events/eventbridge-metric-math-ok.json"),
            new Step("src/test/resources/stories/lost/1-alarm.json"),
            new Step("src/test/resources/stories/lost/2-ok.json", true),
            new Step("src/test/resources/stories/lost/3-other-alarm.json", true),
            new Step("src/test/resources/stories/lost/4-sweep.json"),
            new Step("src/test/resources/events/eventbridge-scheduled-event.json"));

    static final String CHECK_EVENT = "src/test/resources/events/sns-single-metric-alarm.json";

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !List.of("train", "check").contains(args[0])) {
            System.err.println("usage: AotTraining train TASK CACHE | check TASK");
            System.exit(2);
        }
        Path task = Path.of(args[1]).toAbsolutePath();
        boolean train = args[0].equals("train");
        String aot = train ? "-XX:AOTCacheOutput=" + Path.of(args[2]).toAbsolutePath()
                : "-XX:AOTCache=" + task.resolve("function.aot");
        Path log = Files.createTempFile("jvm-aot-" + args[0], ".log");
        int exit;
        try (FakeFlashduty fake = FakeFlashduty.start(LocalRun.DEMO_APP_KEY, LocalRun.DEMO_PAGE_ID,
                LocalRun.DEMO_COMPONENTS); FakeCloudWatch cloudWatch = FakeCloudWatch.start();
                LocalRuntimeApi runtime = new LocalRuntimeApi(WAIT)) {
            Map<String, String> settings = new LinkedHashMap<>(LocalRun.fakeSettings(Map.of(), Map.of(
                    "STATUSPAGE_RECONCILE", "true", "STATUSPAGE_DEFER_TO", "people,maintenance,published",
                    "STATUSPAGE_EVENT_MAX_AGE", "3650d")));
            settings.put("FLASHDUTY_BASE_URL", fake.baseUrl());
            settings.put("FLASHDUTY_APP_KEY", LocalRun.DEMO_APP_KEY);
            settings.put("STATUSPAGE_ALARM_SOURCES", FakeCloudWatch.ALARM_TOPIC);
            settings.putAll(LocalRun.cloudWatchSettings(Map.of(), cloudWatch.endpoint()));
            settings.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", MEMORY_MB);
            settings.put("FUNCTION_AOT_OPTION", aot);
            if (!train) {
                settings.put("FUNCTION_AOT_MODE", "on"); // refuses a cache the JVM cannot use
            }
            Process function = LocalRun.startExecutable(task.resolve("bootstrap"), task, runtime.address(), settings,
                    log);
            exit = train ? train(function, runtime, cloudWatch, log) : check(function, runtime, cloudWatch, log);
        }
        if (exit == 0) {
            Files.deleteIfExists(log); // kept, and named, when a step failed
        }
        System.exit(exit);
    }

    private static int train(Process function, LocalRuntimeApi runtime, FakeCloudWatch cloudWatch, Path log)
            throws Exception {
        int failures = 0;
        // JVM_AOT_TRAINING=alarm trains on the first alarm alone, to compare a narrow training with the whole.
        String breadth = System.getenv().getOrDefault("JVM_AOT_TRAINING", "all");
        if (!List.of("all", "alarm").contains(breadth)) {
            System.err.println("jvm-aot: JVM_AOT_TRAINING is '" + breadth + "'; use all or alarm");
            return 2;
        }
        List<Step> training = breadth.equals("alarm") ? TRAINING.subList(0, 1) : TRAINING;
        for (Step step : training) {
            String event = Files.readString(Path.of(step.file()), StandardCharsets.UTF_8);
            LocalRun.follow(cloudWatch, event);
            if (step.lost()) {
                continue;
            }
            LocalRuntimeApi.Result result = answer(function, runtime, event);
            // The plain-text message is skipped with its reason; every other step is the function's work.
            if (!function.isAlive()) {
                System.err.println("jvm-aot: the function's process ended at training step " + step.file()
                        + "; its log (" + log + "):\n" + Files.readString(log));
                return 1;
            }
            if (result.error() || LocalRun.summarise(step.file(), result).path("outcome").asText().equals("failed")) {
                System.err.println("jvm-aot: training step " + step.file() + " failed: " + result.body());
                failures++;
            }
        }
        function.destroy(); // SIGTERM, as Lambda ends an environment: the JVM writes the cache as it exits
        if (!function.waitFor(300, TimeUnit.SECONDS)) {
            function.destroyForcibly().waitFor();
            System.err.println("jvm-aot: the training run did not exit after SIGTERM; see " + log);
            return 1;
        }
        if (failures > 0) {
            System.err.println("jvm-aot: " + failures + " training step(s) failed; see " + log);
        }
        return failures == 0 ? 0 : 1;
    }

    /** The invocation's answer, or a failed one as soon as the function's process ends without answering. */
    static LocalRuntimeApi.Result answer(Process function, LocalRuntimeApi runtime, String event) throws Exception {
        CompletableFuture<LocalRuntimeApi.Result> answered = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.invoke(event, WAIT);
            } catch (Exception noAnswer) {
                return new LocalRuntimeApi.Result(true, "no answer: " + noAnswer);
            }
        });
        CompletableFuture<LocalRuntimeApi.Result> ended = function.onExit().thenApply(process ->
                new LocalRuntimeApi.Result(true, "the function's process ended with " + process.exitValue()));
        return (LocalRuntimeApi.Result) CompletableFuture.anyOf(answered, ended).get();
    }

    private static int check(Process function, LocalRuntimeApi runtime, FakeCloudWatch cloudWatch, Path log)
            throws Exception {
        String event = Files.readString(Path.of(CHECK_EVENT), StandardCharsets.UTF_8);
        LocalRun.follow(cloudWatch, event);
        try {
            LocalRuntimeApi.Result result = answer(function, runtime, event);
            String outcome = LocalRun.summarise(CHECK_EVENT, result).path("outcome").asText();
            if (result.error() || !outcome.equals("created")) {
                System.err.println("jvm-aot: the unpacked zip answered '" + outcome + "' with -XX:AOTMode=on, which"
                        + " refuses a cache the JVM cannot use: " + result.body() + "\nits log (" + log + "):\n"
                        + Files.readString(log));
                return 1;
            }
            return 0;
        } finally {
            function.destroy();
            function.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
