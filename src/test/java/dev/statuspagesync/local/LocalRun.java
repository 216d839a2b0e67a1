package dev.statuspagesync.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;

/**
 * Runs the packaged function as AWS runs it: the Lambda Java runtime interface client starts the function
 * from its unpacked {@code function.zip} and polls a local runtime API, which this class feeds with event
 * files, in order, in one function instance. Flashduty is the embedded fake unless the environment holds a
 * key and a route (a routing document, or a page and its components).
 */
public final class LocalRun {

    static final String USAGE = "usage: scripts/run-local.sh [--json] [--dry-run]"
            + " [--story incident|flapping|maintenance|lost|aws-health] [[--lost] event.json ...]";
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final long DEMO_PAGE_ID = 1001;
    static final String DEMO_APP_KEY = "local-demo-key";
    static final String REFERENCE_KEY = "STATUSPAGE_REFERENCE_KEY";
    /** The key of the fake page's opaque references: no secret, as nothing it names leaves this machine. */
    static final String LOCAL_REFERENCE_KEY = "local-run-reference-key-for-the-fake-page";
    static final Map<String, String> DEMO_COMPONENTS = demoComponents();
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    /** The caller's settings that stay the fake's when the fake stands in for Flashduty. */
    static final List<String> FAKE_SETTINGS = List.of("FLASHDUTY_APP_KEY", "FLASHDUTY_BASE_URL");

    /**
     * One event file: {@code lost} when CloudWatch makes its change but the function is not told; {@code expected},
     * the outcome its meaning tells of (null when it tells none).
     */
    record Step(String file, String meaning, boolean lost, String expected) {

        /**
         * Where the file is: a bundled story's (it has a meaning) in the project, where the script runs the class;
         * the caller's own relative to the folder they called from.
         */
        Path path() {
            return meaning != null ? Path.of(file) : resolve(file);
        }

        Step(String file, String meaning, boolean lost) {
            this(file, meaning, lost, null);
        }

        Step(String file, String meaning) {
            this(file, meaning, false, null);
        }

        static Step expecting(String file, String outcome, String meaning) {
            return new Step(file, meaning, false, outcome);
        }
    }

    /** Steps told from the function's settings, and the settings the story needs unless the caller sets them. */
    record Story(Function<Stories.Told, List<Step>> steps, Map<String, String> settings) {

        static Story of(List<Step> steps) {
            return new Story(told -> steps, Map.of());
        }

        List<Step> stepsFor(Map<String, String> functionSettings) {
            return steps.apply(Stories.Told.from(functionSettings));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    public static void main(String[] args) throws Exception {
        boolean json = false;
        boolean dryRun = false;
        List<Step> steps = new ArrayList<>();
        Story story = Stories.ALL.get("incident");
        String storyName = null;
        Path functionDir = null;
        String ricClasspath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lost" -> {
                    if (i + 1 == args.length) {
                        System.err.println("run-local: --lost takes the event file CloudWatch changes without telling"
                                + " the function");
                        System.exit(2);
                    }
                    steps.add(new Step(args[++i], null, true));
                }
                case "--json" -> json = true;
                case "--dry-run" -> dryRun = true;
                case "--story" -> {
                    storyName = i + 1 < args.length ? args[i + 1] : null;
                    story = i + 1 < args.length ? Stories.ALL.get(args[++i]) : null;
                    if (story == null) {
                        System.err.println("run-local: --story takes one of " + new TreeSet<>(Stories.ALL.keySet()));
                        System.exit(2);
                    }
                }
                case "--function-dir" -> functionDir = Path.of(args[++i]);
                case "--ric-classpath" -> ricClasspath = args[++i];
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> steps.add(new Step(args[i], null));
            }
        }
        if (functionDir == null || ricClasspath == null) {
            System.err.println("LocalRun is started by scripts/run-local.sh, which builds the function first.");
            System.exit(2);
        }
        String misuse = storyWithFiles(storyName, steps);
        if (misuse != null) {
            System.err.println("run-local: " + misuse);
            System.exit(2);
        }
        for (Step step : steps) {
            String unusable = unusable(step);
            if (unusable != null) {
                System.err.println("run-local: " + unusable);
                System.exit(2);
            }
        }
        Story run = steps.isEmpty() ? story : Story.of(steps);
        int exit = 1;
        try {
            exit = new LocalRun(json, dryRun, System.out).run(run, functionDir, ricClasspath);
        } catch (Exception | Error failure) {
            // Said before the exit below, which would otherwise swallow it.
            System.err.println("run-local: " + failure + (failure.getCause() == null ? ""
                    : " (caused by " + failure.getCause() + ")"));
        } finally {
            // The fakes' server threads would keep a failed run alive.
            System.exit(exit);
        }
    }

    /**
     * Why the event file of {@code step} cannot be an invocation, or null when it can: Lambda itself refuses a
     * payload that is not JSON, so the run does too, before it starts, naming the file and the place.
     */
    static String unusable(Step step) {
        Path path = step.path();
        if (Files.isDirectory(path) || !Files.isReadable(path)) {
            return "cannot read event file " + step.file() + (Files.isDirectory(path) ? " (a folder)" : "");
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return "event file " + step.file() + " is empty";
            }
            JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return null;
        } catch (JsonProcessingException broken) {
            var at = broken.getLocation();
            // Jackson's own note of where an unclosed array or object began names no source here; the place is ours.
            String why = broken.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source: .*?\\]\\)", "");
            return "event file " + step.file() + " is not JSON: " + why
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException unreadable) {
            return "cannot read event file " + step.file() + ": " + unreadable.getMessage();
        }
    }

    private final boolean json;
    private final boolean dryRun;
    private final PrintStream out;

    LocalRun(boolean json, boolean dryRun, PrintStream out) {
        this.json = json;
        this.dryRun = dryRun;
        this.out = out;
    }

    /** Why a bundled story and event files cannot run together; null when only one of them was given. */
    static String storyWithFiles(String storyName, List<Step> steps) {
        return storyName == null || steps.isEmpty() ? null : "--story " + storyName + " runs the bundled story alone;"
                + " give either a story or event files, not both";
    }

    int run(Story story, Path functionDir, String ricClasspath) throws Exception {
        Map<String, String> env = System.getenv();
        boolean real = env.containsKey("FLASHDUTY_APP_KEY") && (env.containsKey("STATUSPAGE_ROUTES")
                || env.containsKey("STATUSPAGE_PAGE_ID") && env.containsKey("STATUSPAGE_COMPONENT_IDS"));
        Map<String, String> settings = real ? new LinkedHashMap<>() : fakeSettings(env, story.settings());
        List<Step> steps = story.stepsFor(real ? env : settings);
        Map<Long, Map<String, String>> pages = real ? Map.of() : pagesOf(settings);
        FakeFlashduty fake = real ? null : startFake(pages);
        // CloudWatch is a fake too, whose alarms follow every event file, delivered or lost.
        FakeCloudWatch cloudWatch = FakeCloudWatch.start();
        Path log = functionDir.getParent().resolve("function.log").toAbsolutePath();
        try (LocalRuntimeApi runtime = new LocalRuntimeApi(FUNCTION_TIMEOUT); cloudWatch) {
            if (fake != null) {
                settings.put("FLASHDUTY_BASE_URL", fake.baseUrl());
                settings.put("FLASHDUTY_APP_KEY", DEMO_APP_KEY);
            }
            Map<String, String> cloudWatchSettings = cloudWatchSettings(env, cloudWatch.endpoint());
            boolean ownCloudWatch = !cloudWatchSettings.get("AWS_ENDPOINT_URL_CLOUDWATCH")
                    .equals(cloudWatch.endpoint());
            settings.putAll(cloudWatchSettings);
            // The fake CloudWatch's alarms notify the fixtures' topic, as the template's would notify its own.
            if (!ownCloudWatch && !env.containsKey("STATUSPAGE_ALARM_SOURCES")) {
                settings.putIfAbsent("STATUSPAGE_ALARM_SOURCES", FakeCloudWatch.ALARM_TOPIC);
            }
            if (dryRun) {
                settings.put("FLASHDUTY_DRY_RUN", "true");
            }
            Process function = startFunction(functionDir, ricClasspath, runtime.address(), fake != null, settings,
                    log);
            try {
                if (!json) {
                    out.println(real ? "Calling the real Flashduty API at "
                            + env.getOrDefault("FLASHDUTY_BASE_URL", "https://api.flashcat.cloud")
                            : "Using the embedded fake Flashduty: " + describe(pages) + ".");
                    out.println(ownCloudWatch ? "Reading your CloudWatch at "
                            + settings.get("AWS_ENDPOINT_URL_CLOUDWATCH") + " (" + settings.getOrDefault("AWS_REGION",
                                    "us-east-1") + "): event files do not move its alarms."
                            : "Using the embedded fake CloudWatch, whose alarms follow the event files.");
                    settings.entrySet().stream()
                            .filter(setting -> setting.getKey().startsWith("STATUSPAGE_")
                                    && !setting.getKey().equals("STATUSPAGE_ROUTES"))
                            .forEach(setting -> out.println(settingLine(setting.getKey(), setting.getValue())));
                    out.println();
                }
                int failures = 0;
                for (int i = 0; i < steps.size(); i++) {
                    Step step = steps.get(i);
                    String event = Files.readString(step.path(), StandardCharsets.UTF_8);
                    if (!ownCloudWatch) {
                        follow(cloudWatch, event);
                    }
                    if (step.lost()) {
                        report(i + 1, steps.size(), step, JSON.createObjectNode().put("event", step.file())
                                .put("outcome", "lost").put("reason", "CloudWatch made the change; the function was"
                                        + " not told").putNull("change_id"));
                        continue;
                    }
                    LocalRuntimeApi.Result result = runtime.invoke(event, FUNCTION_TIMEOUT.plusSeconds(30));
                    ObjectNode line = summarise(step.file(), result);
                    boolean notStarted = result.error()
                            && line.path("reason").asText().contains("initialization failed");
                    if (notStarted) {
                        startUpCause(log).ifPresent(cause -> line.put("cause", cause));
                    }
                    failures += result.error() ? 1 : 0;
                    if (notStarted) {
                        // Said once, on stderr; every later step would fail the same way.
                        if (json) {
                            out.println(JSON.writeValueAsString(line));
                        }
                        System.err.println("run-local: the function could not start"
                                + (line.has("cause") ? ": " + readable(line.path("cause").asText()) : "; see " + log)
                                + (i + 1 < steps.size() ? "; the remaining steps were not run" : ""));
                        break;
                    }
                    report(i + 1, steps.size(), step, line);
                }
                finish(fake, pages, log);
                return failures == 0 ? 0 : 1;
            } catch (TimeoutException noAnswer) {
                System.err.println("run-local: the function did not answer; see " + log);
                return 1;
            } finally {
                function.destroy();
                function.waitFor();
            }
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    /**
     * The CloudWatch the function reads: the caller's own when they name one in {@code AWS_ENDPOINT_URL_CLOUDWATCH}
     * (LocalStack, or a Region's endpoint for a read of their own account), with their Region and credentials from
     * the environment; else the fake, with credentials it accepts.
     */
    static Map<String, String> cloudWatchSettings(Map<String, String> env, String fakeEndpoint) {
        Map<String, String> settings = new LinkedHashMap<>();
        String own = env.get("AWS_ENDPOINT_URL_CLOUDWATCH");
        if (own != null && !own.isBlank()) {
            for (String name : List.of("AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
                if (env.containsKey(name)) {
                    settings.put(name, env.get(name));
                }
            }
            return settings;
        }
        settings.put("AWS_ENDPOINT_URL_CLOUDWATCH", fakeEndpoint);
        settings.put("AWS_ACCESS_KEY_ID", "AKIAFAKECLOUDWATCH0");
        settings.put("AWS_SECRET_ACCESS_KEY", "fake-cloudwatch-secret");
        return settings;
    }

    /** Moves the fake CloudWatch's alarms as the event's alarm changes say. */
    static void follow(FakeCloudWatch cloudWatch, String event) {
        try {
            for (Inbound item : new EnvelopeReader(JSON).read(JSON.readTree(event))) {
                if (item instanceof Inbound.Alarm alarm) {
                    cloudWatch.follow(alarm.change());
                }
            }
        } catch (IOException notJson) {
            // the function says what is wrong with it
        }
    }

    /** How the run's header shows a setting: the reference key is a secret, shown as set only. */
    static String settingLine(String name, String value) {
        return "  " + name + "=" + (name.equals(REFERENCE_KEY) ? "(set, not shown)" : value);
    }

    /**
     * The function's settings on the fake: the story's, then the caller's own STATUSPAGE_* and FLASHDUTY_* settings
     * (all but the key and base URL, which stay the fake's), and the demo page when the caller names no page.
     */
    static Map<String, String> fakeSettings(Map<String, String> env, Map<String, String> story) {
        Map<String, String> settings = new LinkedHashMap<>(story);
        env.forEach((name, value) -> {
            if ((name.startsWith("STATUSPAGE_") || name.startsWith("FLASHDUTY_")) && !FAKE_SETTINGS.contains(name)) {
                settings.put(name, value);
            }
        });
        if (!settings.containsKey("STATUSPAGE_PAGE_ID") && !settings.containsKey("STATUSPAGE_COMPONENT_IDS")
                && !settings.containsKey("STATUSPAGE_ROUTES")) {
            settings.put("STATUSPAGE_PAGE_ID", String.valueOf(DEMO_PAGE_ID));
            settings.put("STATUSPAGE_COMPONENT_IDS", String.join(",", DEMO_COMPONENTS.keySet()));
            settings.putIfAbsent("STATUSPAGE_COMPONENT_NAMES", String.join(",", DEMO_COMPONENTS.values()));
        }
        return settings;
    }

    /**
     * The pages and components the settings name, for the fake to serve: the default route's
     * (STATUSPAGE_PAGE_ID, STATUSPAGE_COMPONENT_IDS) and every route of the routing document. A document the
     * function cannot read names none here; the function says what is wrong with it when it starts.
     */
    static Map<Long, Map<String, String>> pagesOf(Map<String, String> settings) {
        Map<Long, Map<String, String>> pages = new LinkedHashMap<>();
        try {
            if (settings.containsKey("STATUSPAGE_PAGE_ID")) {
                addPage(pages, Long.parseLong(settings.get("STATUSPAGE_PAGE_ID").strip()),
                        List.of(settings.getOrDefault("STATUSPAGE_COMPONENT_IDS", "").split(",")));
            }
        } catch (NumberFormatException notAPage) {
            // the function refuses it at start-up, naming the variable
        }
        String routes = settings.get("STATUSPAGE_ROUTES");
        if (routes != null && !routes.isBlank()) {
            try {
                JsonNode document = YAML.readTree(routes);
                List<JsonNode> targets = new ArrayList<>();
                document.path("routes").forEach(targets::add);
                document.path("health").forEach(targets::add);
                targets.add(document.path("default"));
                for (JsonNode target : targets) {
                    if (target.path("page_id").canConvertToLong()) {
                        List<String> components = new ArrayList<>();
                        target.path("components").forEach(component -> components.add(component.asText()));
                        addPage(pages, target.path("page_id").asLong(), components);
                    }
                }
            } catch (IOException unreadable) {
                // the function refuses it at start-up, naming the variable
            }
        }
        return pages;
    }

    private static void addPage(Map<Long, Map<String, String>> pages, long pageId, List<String> components) {
        Map<String, String> named = pages.computeIfAbsent(pageId, page -> new LinkedHashMap<>());
        components.stream().map(String::strip).filter(id -> !id.isEmpty())
                .forEach(id -> named.put(id, DEMO_COMPONENTS.getOrDefault(id, id)));
    }

    /** A fake that serves every page the settings name (the demo page when they name none it can read). */
    private static FakeFlashduty startFake(Map<Long, Map<String, String>> pages) {
        if (pages.isEmpty()) {
            return FakeFlashduty.start(DEMO_APP_KEY, DEMO_PAGE_ID, DEMO_COMPONENTS);
        }
        var first = pages.entrySet().iterator().next();
        FakeFlashduty fake = FakeFlashduty.start(DEMO_APP_KEY, first.getKey(), first.getValue());
        pages.forEach(fake::addPage);
        return fake;
    }

    private static String describe(Map<Long, Map<String, String>> pages) {
        if (pages.isEmpty()) {
            return describe(Map.of(DEMO_PAGE_ID, DEMO_COMPONENTS));
        }
        return pages.entrySet().stream().map(page -> "page " + page.getKey() + " with components "
                + String.join(", ", page.getValue().values())).collect(Collectors.joining("; "));
    }

    /**
     * Starts the unpacked function with the runtime interface client polling {@code runtimeApi}. With
     * {@code settings} non-empty for a fake, the caller's own STATUSPAGE_* and FLASHDUTY_* variables stay out.
     */
    static Process startFunction(Path functionDir, String ricClasspath, String runtimeApi, boolean isolate,
            Map<String, String> settings, Path log) throws IOException {
        return startFunction(Path.of(System.getProperty("java.home")), jvmOptions(Runtime.version().feature()),
                functionDir, ricClasspath, runtimeApi, isolate, settings, log);
    }

    /**
     * The options a JDK of {@code feature} version needs to run the function as Lambda runs it: from Java 22 the
     * runtime interface client's native library may be loaded without a warning on the log, which is JSON only;
     * from Java 24, the template's {@code JAVA_TOOL_OPTIONS} opens java.lang to jboss-threads.
     */
    static List<String> jvmOptions(int feature) {
        List<String> options = new ArrayList<>();
        if (feature >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 24) {
            options.add(ColdStartBenchmark.JDK24_OPENS);
        }
        return List.copyOf(options);
    }

    /** Starts the function on the JDK at {@code javaHome} with extra JVM options. */
    static Process startFunction(Path javaHome, List<String> jvmOptions, Path functionDir, String ricClasspath,
            String runtimeApi, boolean isolate, Map<String, String> settings, Path log) throws IOException {
        // As in the runtime interface client's documented container set-up: function and client on one class path.
        String task = functionDir.toAbsolutePath().toString();
        String classpath = String.join(File.pathSeparator, task, task + File.separator + "lib" + File.separator + "*",
                ricClasspath);
        return startFunctionWithClasspath(javaHome, jvmOptions, classpath, functionDir, runtimeApi, isolate, settings,
                log);
    }

    /**
     * Starts the function with its class path given; the task root stays {@code functionDir}. With
     * {@code isolate}, the caller's own Flashduty and status-page variables are not passed on.
     */
    static Process startFunctionWithClasspath(Path javaHome, List<String> jvmOptions, String classpath,
            Path functionDir, String runtimeApi, boolean isolate, Map<String, String> settings, Path log)
            throws IOException {
        return startFunctionWithClasspath(javaHome, jvmOptions, classpath, HANDLER, functionDir, runtimeApi, isolate,
                settings, log);
    }

    static Process startFunctionWithClasspath(Path javaHome, List<String> jvmOptions, String classpath,
            String handler, Path functionDir, String runtimeApi, boolean isolate, Map<String, String> settings,
            Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, RIC_MAIN, handler));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        if (isolate) {
            env.keySet().removeIf(name -> name.startsWith("STATUSPAGE_") || name.startsWith("FLASHDUTY_"));
            // The fake page's references; a real page's key comes from the caller's own STATUSPAGE_REFERENCE_KEY.
            env.put(REFERENCE_KEY, LOCAL_REFERENCE_KEY);
        }
        lambdaEnvironment(env, functionDir, runtimeApi);
        env.putAll(settings);
        return builder.start();
    }

    /** Starts the native build: the executable polls the runtime API itself, as on {@code provided.al2023}. */
    static Process startExecutable(Path executable, Path functionDir, String runtimeApi, Map<String, String> settings,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(executable.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("STATUSPAGE_") || name.startsWith("FLASHDUTY_"));
        env.put(REFERENCE_KEY, LOCAL_REFERENCE_KEY);
        lambdaEnvironment(env, functionDir, runtimeApi);
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        env.putAll(settings);
        return builder.start();
    }

    /** What Lambda sets for every function: runtime API address, task root, handler, name, memory, Region. */
    private static void lambdaEnvironment(Map<String, String> env, Path functionDir, String runtimeApi) {
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", functionDir.toAbsolutePath().toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "cloudwatch-statuspage-sync");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_REGION", "us-east-1");
    }

    /** One line per event: outcome, reason and change id, also when the invocation failed. */
    static ObjectNode summarise(String file, LocalRuntimeApi.Result result) {
        ObjectNode line = JSON.createObjectNode().put("event", file);
        JsonNode body = parse(result.body());
        if (result.error()) {
            String message = body.path("errorMessage").asText(result.body());
            int colon = message.indexOf(": ");
            boolean classified = colon > 0 && List.of("rejected", "failed").contains(message.substring(0, colon));
            line.put("outcome", classified ? message.substring(0, colon) : "failed");
            line.put("reason", classified ? message.substring(colon + 2) : message);
            line.putNull("change_id");
        } else if (body.has("batchItemFailures")) {
            int redeliver = body.path("batchItemFailures").size();
            line.put("outcome", redeliver == 0 ? "batch" : "failed");
            line.put("reason", redeliver == 0 ? "every SQS message handled"
                    : redeliver + " SQS message(s) left for redelivery: " + body.path("batchItemFailures"));
            line.putNull("change_id");
        } else {
            line.put("outcome", body.path("outcome").asText());
            line.put("reason", body.path("reason").asText());
            line.set("change_id", body.path("change_id").isNumber() ? body.get("change_id") : null);
            if (body.has("planned")) {
                line.set("planned", body.get("planned"));
            }
        }
        return line;
    }

    private void report(int number, int total, Step step, ObjectNode line) throws IOException {
        if (json) {
            out.println(JSON.writeValueAsString(line));
            return;
        }
        out.printf("[%d/%d] %s%n", number, total, step.file());
        String told = toldAs(step, line.path("outcome").asText());
        if (told != null) {
            out.println("      " + told);
        }
        String changeId = line.path("change_id").isNumber() ? " (change_id " + line.get("change_id") + ")" : "";
        out.printf("      -> %s: %s%s%n", line.path("outcome").asText(), line.path("reason").asText(), changeId);
        if (line.has("cause")) {
            out.printf("         because %s%n", line.path("cause").asText());
        }
        for (JsonNode call : line.path("planned")) {
            out.printf("         would %s %s %s%n", call.path("method").asText(), call.path("path").asText(),
                    JSON.writeValueAsString(call.path("body")));
        }
        out.println();
    }

    /**
     * A step's meaning as the story tells it, unless the function answered otherwise (a setting the story does not
     * speak of): then it says so, and the function's own answer below tells what happened.
     */
    static String toldAs(Step step, String outcome) {
        if (step.meaning() == null || step.expected() == null || step.expected().equals(outcome)) {
            return step.meaning();
        }
        return "Your settings change this step: the story tells of '" + step.expected() + "', the function answered"
                + " '" + outcome + "'.";
    }

    private void finish(FakeFlashduty fake, Map<Long, Map<String, String>> pages, Path log) throws IOException {
        if (fake == null) {
            if (!json) {
                out.println("Function log: " + log);
            }
            return;
        }
        ObjectNode state = finalState(fake.incidents());
        if (json) {
            out.println(JSON.writeValueAsString(state));
            return;
        }
        Map<String, String> names = new LinkedHashMap<>(DEMO_COMPONENTS);
        pages.values().forEach(names::putAll);
        int shown = state.path("incidents").size() + state.path("maintenances").size();
        out.println("The fake Flashduty now shows " + (shown == 0 ? "no events." : state.path("incidents").size()
                + " incident(s) and " + state.path("maintenances").size() + " maintenance(s):"));
        List<JsonNode> events = new ArrayList<>();
        state.path("incidents").forEach(events::add);
        state.path("maintenances").forEach(events::add);
        for (JsonNode incident : events) {
            out.printf("  %s %s on page %s \"%s\" is %s after %d update(s)%n", incident.get("type").asText(),
                    incident.get("change_id"), incident.get("page_id"), incident.get("title").asText(),
                    incident.get("status").asText(), incident.get("updates").asInt());
            incident.get("components").properties().forEach(component -> out.printf("    %s: %s%n",
                    names.getOrDefault(component.getKey(), component.getKey()), component.getValue().asText()));
            out.println("    what subscribers read (the title, the description, then each update):");
            incident.get("public_text").forEach(text -> out.println("      | "
                    + text.asText().replace("\n", "\n      | ")));
        }
        out.println("Function log: " + log);
    }

    /** The page as the run left it, its incidents apart from its maintenances, each with what subscribers read. */
    static ObjectNode finalState(List<FakeFlashduty.Incident> events) {
        ObjectNode state = JSON.createObjectNode();
        ArrayNode incidents = state.putArray("incidents");
        ArrayNode maintenances = state.putArray("maintenances");
        for (FakeFlashduty.Incident event : events) {
            ObjectNode node = (event.type().equals("maintenance") ? maintenances : incidents).addObject()
                    .put("change_id", event.changeId()).put("page_id", event.pageId()).put("type", event.type())
                    .put("title", event.title()).put("status", event.status());
            ObjectNode components = node.putObject("components");
            event.components().forEach(components::put);
            node.put("updates", event.updates().size());
            ArrayNode words = node.putArray("public_text");
            words.add(event.title());
            words.add(event.description());
            event.updates().forEach(update -> words.add(update.status() + ": " + update.description()));
        }
        return state;
    }

    /** A start-up cause as a user reads it: the function's own message, without the exception's class name. */
    static String readable(String cause) {
        return cause.replaceFirst("^(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error): ", "");
    }

    /**
     * Why the function could not start, as the last "Caused by" line of its log says (a setting, usually): in the
     * stack trace of a JSON line, or on a text line.
     */
    static Optional<String> startUpCause(Path log) throws IOException {
        if (!Files.isReadable(log)) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                parse(line).path("stackTrace").asText("").lines().map(String::strip).forEach(lines::add);
            } else {
                lines.add(line);
            }
        }
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Caused by: ")) {
                last = i;
            }
        }
        if (last < 0) {
            return Optional.empty();
        }
        // A cause may go on over the lines before its stack (SmallRye lists each setting it refused so).
        StringBuilder cause = new StringBuilder(lines.get(last).substring("Caused by: ".length()).strip());
        for (int i = last + 1; i < lines.size() && !lines.get(i).strip().startsWith("at ")
                && !lines.get(i).strip().startsWith("..."); i++) {
            if (!lines.get(i).isBlank()) {
                cause.append(' ').append(lines.get(i).strip());
            }
        }
        return Optional.of(cause.toString());
    }

    /** Event files given on the command line are relative to where the user ran the script. */
    static Path resolve(String file) {
        String callerDir = System.getenv("RUN_LOCAL_CALLER_DIR");
        return callerDir == null ? Path.of(file) : Path.of(callerDir).resolve(file);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("errorMessage", body);
        }
    }

    private static Map<String, String> demoComponents() {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("01LOCALDEMOAPI000000000000", "Public API");
        components.put("01LOCALDEMODATABASE0000000", "Database");
        return components;
    }
}
