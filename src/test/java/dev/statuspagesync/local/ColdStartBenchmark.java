package dev.statuspagesync.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.support.AlarmEvents;

/**
 * Cold start and memory, measured side by side: each JVM set-up starts the packaged function through the Lambda
 * runtime API with the fake Flashduty on loopback, and the time from process start to the first event's answer
 * is taken, round-robin across set-ups so that drift hits them alike. Then each handles a cold start plus a run
 * of events, and its peak resident set (VmHWM) is read.
 */
public final class ColdStartBenchmark {

    static final String USAGE = "usage: scripts/bench-cold-start.sh [--starts N] [--events N] [--rss-runs N]"
            + " [--jdk25 PATH] [--native EXECUTABLE] [--jvm-aot TASK_DIR] [--baseline TASK_DIR] [--zip-only]"
            + " [--first-sweep|--first-batch] [--echo] [--profile]";
    static final long PAGE_ID = 1001;
    /** The --first-batch event: an SQS batch of SNS notifications, as AWS documents them. */
    static final String BATCH = "src/test/resources/events/sqs-sns-envelope-batch.json";
    static final String KEY = "bench-key";
    static final String COMPONENT = "01BENCHCOMPONENT0000000000";
    static final Duration WAIT = Duration.ofSeconds(120);

    /**
     * What Lambda's managed Java runtimes pass by default: C1 only, serial collector
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html); and the memory the JVM sizes its
     * heap from, which on Lambda is the function's: the template's 1024 MB for the JVM build.
     */
    static final List<String> LAMBDA_JVM = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:MaxRAM=1024m");
    /** jboss-threads resets thread locals through java.lang internals, which Java 24 and later close. */
    static final String JDK24_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    /**
     * One way of starting the function: a JVM ({@code javaHome}; {@code training} makes the archive the options
     * then use) or, with {@code executable}, the native build.
     */
    record Setup(String name, Path javaHome, boolean jarLayout, List<String> options, List<String> training,
            Path executable, Path taskRoot, String handler) {

        Setup(String name, Path javaHome, boolean jarLayout, List<String> options, List<String> training) {
            this(name, javaHome, jarLayout, options, training, null, null, null);
        }

        Setup(String name, Path javaHome, boolean jarLayout, List<String> options, List<String> training,
                Path executable, Path taskRoot) {
            this(name, javaHome, jarLayout, options, training, executable, taskRoot, null);
        }

        static Setup nativeBuild(Path executable) {
            return new Setup("native executable", null, false, List.of(), List.of(), executable, null);
        }

        /** The jvm-aot build, unpacked: its bootstrap starts its own runtime with its AOT cache. */
        static Setup jvmAot(Path taskRoot, boolean named) {
            return new Setup("jvm-aot: own JDK 25 runtime + AOT cache" + (named ? " (" + taskRoot.getParent()
                    .getFileName() + "/" + taskRoot.getFileName() + ")" : " (custom runtime)"), null, false,
                    List.of(), List.of(), taskRoot.resolve("bootstrap"), taskRoot);
        }

        /** An earlier build, unpacked as Lambda unpacks function.zip, for a before-and-after comparison. */
        static Setup baseline(Path javaHome, String version, Path taskRoot) {
            return new Setup(version + ", baseline " + taskRoot.getFileName() + ", as Lambda unpacks it", javaHome,
                    false, lambdaJvm(Runtime.version().feature()), List.of(), null, taskRoot);
        }
    }

    /** What one set-up measured. */
    record Figures(Setup setup, List<Long> startMillis, List<Long> peakKilobytes) {
    }

    public static void main(String[] args) throws Exception {
        int starts = 10;
        int events = 1000;
        int rssRuns = 3;
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        boolean profile = false;
        Path nativeExecutable = null;
        List<Path> jvmAot = new ArrayList<>();
        Path baseline = null;
        boolean zipOnly = false;
        boolean firstSweep = false;
        boolean firstBatch = false;
        boolean echo = false;
        Path functionDir = null;
        String ricClasspath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--starts" -> starts = Integer.parseInt(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rss-runs" -> rssRuns = Integer.parseInt(args[++i]);
                case "--jdk25" -> jdk25 = Path.of(args[++i]);
                case "--profile" -> profile = true;
                case "--native" -> nativeExecutable = Path.of(args[++i]);
                case "--jvm-aot" -> jvmAot.add(Path.of(args[++i]).toAbsolutePath());
                case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath();
                case "--zip-only" -> zipOnly = true;
                case "--first-sweep" -> firstSweep = true;
                case "--first-batch" -> firstBatch = true;
                case "--echo" -> echo = true;
                case "--function-dir" -> functionDir = Path.of(args[++i]);
                case "--ric-classpath" -> ricClasspath = args[++i];
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        Path work = functionDir.toAbsolutePath().getParent();
        Path jdkHere = Path.of(System.getProperty("java.home"));
        String hereLabel = "JDK " + Runtime.version().feature();
        List<String> jvmHere = lambdaJvm(Runtime.version().feature());
        List<Setup> setups = new ArrayList<>(List.of(
                new Setup(hereLabel + ", as Lambda unpacks function.zip", jdkHere, false, jvmHere, List.of()),
                new Setup(hereLabel + ", function as a jar", jdkHere, true, jvmHere, List.of()),
                new Setup(hereLabel + ", jar + AppCDS", jdkHere, true,
                        with(jvmHere, "-XX:SharedArchiveFile=" + work.resolve("app-here.jsa")),
                        with(jvmHere, "-XX:ArchiveClassesAtExit=" + work.resolve("app-here.jsa")))));
        if (zipOnly) {
            setups.subList(1, setups.size()).clear();
        }
        if (baseline != null) {
            setups.add(0, Setup.baseline(jdkHere, hereLabel, baseline));
        }
        if (!zipOnly && Files.isExecutable(jdk25.resolve("bin/java"))) {
            List<String> jvm25 = lambdaJvm(25);
            setups.add(new Setup("JDK 25, function as a jar", jdk25, true, jvm25, List.of()));
            setups.add(new Setup("JDK 25, jar + AppCDS", jdk25, true,
                    with(jvm25, "-XX:SharedArchiveFile=" + work.resolve("app-25.jsa")),
                    with(jvm25, "-XX:ArchiveClassesAtExit=" + work.resolve("app-25.jsa"))));
            setups.add(new Setup("JDK 25, jar + AOT cache", jdk25, true,
                    with(jvm25, "-XX:AOTCache=" + work.resolve("app-25.aot")),
                    with(jvm25, "-XX:AOTCacheOutput=" + work.resolve("app-25.aot"))));
        } else if (!zipOnly) {
            System.err.println("no JDK 25 at " + jdk25 + " (--jdk25): its set-ups are left out");
        }
        if (nativeExecutable != null) {
            setups.add(Setup.nativeBuild(nativeExecutable.toAbsolutePath()));
        }
        // Several jvm-aot builds side by side (another runtime, another training) carry their folder's name.
        jvmAot.forEach(task -> setups.add(Setup.jvmAot(task, jvmAot.size() > 1)));
        if (echo) {
            setups.add(new Setup("plain-Java echo handler (the floor)", jdkHere, false, jvmHere, List.of(), null,
                    null, EchoHandler.class.getName() + "::handleRequest"));
        }
        Path jar = jarOf(functionDir, work);

        try (FakeFlashduty fake = FakeFlashduty.start(KEY, PAGE_ID, Map.of(COMPONENT, "Bench component"));
                FakeCloudWatch cloudWatch = FakeCloudWatch.start()) {
            var bench = new ColdStartBenchmark(fake, cloudWatch, functionDir, jar, ricClasspath, work, firstSweep,
                    firstBatch);
            if (firstBatch) {
                System.out.println("The measured first event is an SQS batch: " + BATCH + ".");
            }
            if (firstSweep) {
                System.out.println("The measured first event is a sweep that reconciles: DescribeAlarms finds one"
                        + " alarm in ALARM, and an incident opens for it.");
            }
            for (Setup setup : setups) {
                bench.train(setup);
            }
            Map<Setup, List<Long>> startTimes = new LinkedHashMap<>();
            setups.forEach(setup -> startTimes.put(setup, new ArrayList<>()));
            int failures = 0;
            for (int round = 0; round < starts; round++) {
                for (Setup setup : setups) {
                    var start = bench.coldStart(setup);
                    start.ifPresent(startTimes.get(setup)::add);
                    failures += start.isEmpty() ? 1 : 0;
                }
            }
            List<Figures> figures = new ArrayList<>();
            for (Setup setup : setups) {
                List<Long> peaks = new ArrayList<>();
                for (int run = 0; run < rssRuns; run++) {
                    peaks.add(bench.peakResidentKilobytes(setup, events));
                }
                figures.add(new Figures(setup, startTimes.get(setup), peaks));
            }
            print(figures, starts, events, Files.size(functionDir.getParent().getParent().resolve("function.zip")),
                    failures, firstBatch ? "an SQS batch of SNS notifications" : firstSweep
                            ? "a sweep: DescribeAlarms, ListAlarmMuteRules, and an incident opened on loopback"
                            : "an alarm's change: 3 Flashduty calls on loopback");
            if (profile) {
                bench.profile(setups.get(0));
            }
            System.exit(failures == 0 ? 0 : 1);
        }
    }

    private final FakeFlashduty fake;
    private final FakeCloudWatch cloudWatch;
    private final Path functionDir;
    private final Path jar;
    private final String ricClasspath;
    private final Path work;
    private final boolean firstSweep;
    private final boolean firstBatch;

    ColdStartBenchmark(FakeFlashduty fake, FakeCloudWatch cloudWatch, Path functionDir, Path jar, String ricClasspath,
            Path work, boolean firstSweep, boolean firstBatch) {
        this.fake = fake;
        this.cloudWatch = cloudWatch;
        this.functionDir = functionDir;
        this.jar = jar;
        this.ricClasspath = ricClasspath;
        this.work = work;
        this.firstSweep = firstSweep;
        this.firstBatch = firstBatch;
    }

    /** The page and CloudWatch as every start finds them: empty, and one alarm in ALARM. */
    private void reset() {
        fake.reset();
        cloudWatch.reset();
        cloudWatch.metricAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:bench-alarm-0", AlarmState.ALARM,
                Instant.parse("2026-03-14T08:00:00Z"), "AWS/EC2", "CPUUtilization");
    }

    /** The measured first event: an alarm's change, with --first-sweep a sweep that reconciles, with --first-batch
     * an SQS batch. */
    private String first() throws IOException {
        if (firstBatch) {
            return Files.readString(Path.of(BATCH));
        }
        return firstSweep ? AlarmEvents.sweep("2026-03-14T08:01:00Z") : event(0);
    }

    /** Makes the set-up's archive: a run over the same first event and a few more, then a clean exit. */
    void train(Setup setup) throws Exception {
        if (setup.training().isEmpty()) {
            return;
        }
        reset();
        try (LocalRuntimeApi runtime = new LocalRuntimeApi(WAIT)) {
            Process function = start(setup, setup.training(), runtime);
            for (int i = 0; i < 20; i++) {
                runtime.invoke(event(i), WAIT);
            }
            stop(function);
        }
        String option = setup.training().get(setup.training().size() - 1);
        String archive = option.substring(option.indexOf('=') + 1);
        if (!Files.exists(Path.of(archive))) {
            throw new IllegalStateException(setup.name() + ": training wrote no " + archive + "; see "
                    + work.resolve("bench-function.log"));
        }
    }

    /** Milliseconds from process start to the first event's answer, or empty when it failed. */
    Optional<Long> coldStart(Setup setup) throws Exception {
        reset();
        try (LocalRuntimeApi runtime = new LocalRuntimeApi(WAIT)) {
            long started = System.nanoTime();
            Process function = start(setup, setup.options(), runtime);
            var answer = runtime.invoke(first(), WAIT);
            long elapsed = System.nanoTime() - started;
            stop(function);
            return answer.error() ? Optional.empty() : Optional.of(TimeUnit.NANOSECONDS.toMillis(elapsed));
        }
    }

    /** The peak resident set of a cold start plus {@code events} events, in kilobytes. */
    long peakResidentKilobytes(Setup setup, int events) throws Exception {
        reset();
        try (LocalRuntimeApi runtime = new LocalRuntimeApi(WAIT)) {
            Process function = start(setup, setup.options(), runtime);
            for (int i = 0; i < events; i++) {
                var answer = runtime.invoke(event(i), WAIT);
                if (answer.error()) {
                    throw new IllegalStateException(setup.name() + ": event " + i + " failed: " + answer.body());
                }
            }
            long peak = Files.readAllLines(Path.of("/proc", String.valueOf(function.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElseThrow();
            stop(function);
            return peak;
        }
    }

    /**
     * Where one cold start of {@code setup} goes: Quarkus' own start-up time (from its log), the time to the
     * first answer, and the classes loaded, by package.
     */
    void profile(Setup setup) throws Exception {
        Path classLog = work.resolve("cold-start-classes.log");
        Path log = work.resolve("bench-function.log");
        Files.deleteIfExists(classLog);
        reset();
        long elapsed;
        try (LocalRuntimeApi runtime = new LocalRuntimeApi(WAIT)) {
            long started = System.nanoTime();
            Process function = start(setup, with(setup.options(), "-Xlog:class+load=info:file=" + classLog),
                    runtime, Map.of("QUARKUS_LOG_CATEGORY__IO_QUARKUS__LEVEL", "INFO"));
            runtime.invoke(first(), WAIT);
            elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            stop(function);
        }
        String boot = Files.readAllLines(log).stream().filter(line -> line.contains(" started in "))
                .map(line -> line.replaceAll(".* started in ([0-9.]+)s.*", "$1")).findFirst().orElse("?");
        Map<String, Integer> byPackage = new java.util.HashMap<>();
        int classes = 0;
        for (String line : Files.readAllLines(classLog)) {
            int start = line.indexOf("[class,load] ");
            if (start < 0) {
                continue;
            }
            String name = line.substring(start + "[class,load] ".length()).split(" ")[0];
            String[] parts = name.split("\\.");
            byPackage.merge(String.join(".", java.util.Arrays.copyOf(parts, Math.max(1, Math.min(2,
                    parts.length - 1)))), 1, Integer::sum);
            classes++;
        }
        System.out.printf("%nOne cold start (%s), profiled: Quarkus started in %s s by its own log, first answer"
                + " after %d ms; %d classes loaded, by package:%n", setup.name(), boot, elapsed, classes);
        int total = classes;
        byPackage.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(entry -> System.out.printf("  %5d  %4.1f %%  %s%n", entry.getValue(),
                        100.0 * entry.getValue() / total, entry.getKey()));
    }

    private Process start(Setup setup, List<String> options, LocalRuntimeApi runtime) throws IOException {
        return start(setup, options, runtime, Map.of());
    }

    private Process start(Setup setup, List<String> options, LocalRuntimeApi runtime, Map<String, String> extra)
            throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.putAll(Map.of(
                "FLASHDUTY_BASE_URL", fake.baseUrl(),
                "FLASHDUTY_APP_KEY", KEY,
                "STATUSPAGE_PAGE_ID", String.valueOf(PAGE_ID),
                "STATUSPAGE_COMPONENT_IDS", COMPONENT,
                // The fake does not count minutes; an unpaced minute keeps the memory run short.
                "FLASHDUTY_CALLS_PER_MINUTE", "100000",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
        // Reconciliation on, as the template deploys it; only a sweep builds the CloudWatch client.
        settings.putAll(Map.of("STATUSPAGE_RECONCILE", "true", "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint(),
                "AWS_ACCESS_KEY_ID", "AKIAFAKECLOUDWATCH0", "AWS_SECRET_ACCESS_KEY", "fake-cloudwatch-secret",
                "STATUSPAGE_ALARM_SOURCES", FakeCloudWatch.ALARM_TOPIC));
        Path log = work.resolve("bench-function.log");
        if (setup.handler() != null) {
            // The floor: the runtime interface client and a handler of a few lines, nothing of the function.
            String classpath = String.join(File.pathSeparator, ricClasspath, Path.of("target/test-classes")
                    .toAbsolutePath().toString());
            return LocalRun.startFunctionWithClasspath(setup.javaHome(), options, classpath, setup.handler(),
                    functionDir, runtime.address(), true, settings, log);
        }
        if (setup.executable() != null) {
            return LocalRun.startExecutable(setup.executable(),
                    setup.taskRoot() != null ? setup.taskRoot() : functionDir, runtime.address(), settings, log);
        }
        if (!setup.jarLayout()) {
            return LocalRun.startFunction(setup.javaHome(), options,
                    setup.taskRoot() != null ? setup.taskRoot() : functionDir, ricClasspath, runtime.address(), true,
                    settings, log);
        }
        // Class-data sharing archives classes from jars only, so these set-ups run the function's classes as one.
        String classpath = String.join(File.pathSeparator, jar.toString(),
                functionDir.resolve("lib").toAbsolutePath() + File.separator + "*", ricClasspath);
        return LocalRun.startFunctionWithClasspath(setup.javaHome(), options, classpath, functionDir,
                runtime.address(), true, settings, log);
    }

    private static void stop(Process function) throws InterruptedException {
        function.destroy();
        if (!function.waitFor(30, TimeUnit.SECONDS)) {
            function.destroyForcibly().waitFor();
        }
    }

    /**
     * Event {@code i}: 100 alarms take turns, firing in one pass and recovering in the next, so that events
     * open, join, recover and resolve incidents as a storm does.
     */
    static String event(int i) {
        int alarm = i % 100;
        int pass = i / 100;
        LongFunction<String> time = minute -> "2026-03-14T%02d:%02d:00.000+0000".formatted(8 + minute / 60,
                minute % 60);
        return pass % 2 == 0
                ? AlarmEvents.sns("bench-alarm-" + alarm, "ALARM", "OK", time.apply(2L * pass))
                : AlarmEvents.sns("bench-alarm-" + alarm, "OK", "ALARM", time.apply(2L * pass + 1));
    }

    /** The function's own classes (the task root without lib/) as one jar, built once. */
    private static Path jarOf(Path functionDir, Path work) throws Exception {
        Path jar = work.resolve("function-classes.jar");
        Files.deleteIfExists(jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jar")
                .toString(), "cf", jar.toString()));
        try (var entries = Files.list(functionDir)) {
            entries.filter(entry -> !entry.getFileName().toString().equals("lib"))
                    .forEach(entry -> command.addAll(List.of("-C", functionDir.toString(),
                            entry.getFileName().toString())));
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jar failed");
        }
        return jar;
    }

    private static void print(List<Figures> figures, int starts, int events, long zipBytes, int failures,
            String first) {
        Figures baseline = figures.get(0);
        long baseStart = median(baseline.startMillis());
        long basePeak = median(baseline.peakKilobytes());
        System.out.printf("%nCold start: process start to the first event's answer (%s), median of %d starts;"
                + " peak RSS: cold start plus %d events, median of %d runs.%n", first, starts, events,
                baseline.peakKilobytes().size());
        System.out.printf("%-40s %10s %8s %8s %8s %10s %8s%n", "set-up", "start ms", "min", "max", "ratio",
                "peak MB", "ratio");
        for (Figures figure : figures) {
            long start = median(figure.startMillis());
            long peak = median(figure.peakKilobytes());
            System.out.printf("%-40s %10d %8d %8d %8.2f %10.1f %8.2f%n", figure.setup().name(), start,
                    figure.startMillis().stream().mapToLong(Long::longValue).min().orElse(-1),
                    figure.startMillis().stream().mapToLong(Long::longValue).max().orElse(-1),
                    (double) start / baseStart, peak / 1024.0, (double) peak / basePeak);
        }
        System.out.printf("%nfunction.zip: %.1f MB (%d bytes); failed starts: %d%n", zipBytes / 1_048_576.0, zipBytes,
                failures);
    }

    /** Lambda's JVM options, with those the JDK of {@code feature} version needs to run the function. */
    static List<String> lambdaJvm(int feature) {
        List<String> options = new ArrayList<>(LAMBDA_JVM);
        options.addAll(LocalRun.jvmOptions(feature));
        return List.copyOf(options);
    }

    private static List<String> with(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return List.copyOf(all);
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
