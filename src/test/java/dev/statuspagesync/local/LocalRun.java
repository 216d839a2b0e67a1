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
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.fake.FakeFlashduty;

/**
 * Runs the packaged function as AWS runs it: the Lambda Java runtime interface client starts the function
 * from its unpacked {@code function.zip} and polls a local runtime API, which this class feeds with event
 * files, in order, in one function instance. Flashduty is the embedded fake unless the environment holds a
 * key and a route (a routing document, or a page and its components).
 */
public final class LocalRun {

    static final String USAGE = "usage: scripts/run-local.sh [--json] [--dry-run] [event.json ...]";
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final long DEMO_PAGE_ID = 1001;
    static final String DEMO_APP_KEY = "local-demo-key";
    static final Map<String, String> DEMO_COMPONENTS = demoComponents();
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    static final String STORY_DIR = "src/test/resources/events/";

    /** The bundled story: two alarms' lives on one page, with what each step means. */
    static final List<Step> STORY = List.of(
            new Step(STORY_DIR + "sns-single-metric-alarm.json",
                    "CloudWatch alarm checkout-api-high-cpu fires (OK -> ALARM), delivered by SNS: an incident opens."),
            new Step(STORY_DIR + "sns-single-metric-alarm.json",
                    "SNS delivers the same change again, as at-least-once delivery may: nothing changes."),
            new Step(STORY_DIR + "sns-metric-math-alarm.json",
                    "A second alarm, orders-5xx-error-rate, fires on the same components: it joins the open incident"
                            + " without notifying subscribers again."),
            new Step(STORY_DIR + "sns-single-metric-ok.json",
                    "The first alarm recovers: the incident stays open, the second alarm still fires."),
            new Step(STORY_DIR + "eventbridge-metric-math-ok.json",
                    "The second alarm recovers, delivered by EventBridge: the incident is resolved and the page is"
                            + " green."));

    record Step(String file, String meaning) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        boolean json = false;
        boolean dryRun = false;
        List<Step> steps = new ArrayList<>();
        Path functionDir = null;
        String ricClasspath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--dry-run" -> dryRun = true;
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
        for (Step step : steps) {
            if (!Files.isReadable(resolve(step.file()))) {
                System.err.println("run-local: cannot read event file " + step.file());
                System.exit(2);
            }
        }
        int exit = new LocalRun(json, dryRun, System.out).run(steps.isEmpty() ? STORY : steps, functionDir, ricClasspath);
        System.exit(exit);
    }

    private final boolean json;
    private final boolean dryRun;
    private final PrintStream out;

    LocalRun(boolean json, boolean dryRun, PrintStream out) {
        this.json = json;
        this.dryRun = dryRun;
        this.out = out;
    }

    int run(List<Step> steps, Path functionDir, String ricClasspath) throws Exception {
        Map<String, String> env = System.getenv();
        boolean real = env.containsKey("FLASHDUTY_APP_KEY") && (env.containsKey("STATUSPAGE_ROUTES")
                || env.containsKey("STATUSPAGE_PAGE_ID") && env.containsKey("STATUSPAGE_COMPONENT_IDS"));
        FakeFlashduty fake = real ? null : FakeFlashduty.start(DEMO_APP_KEY, DEMO_PAGE_ID, DEMO_COMPONENTS);
        Path log = functionDir.getParent().resolve("function.log");
        try (LocalRuntimeApi runtime = new LocalRuntimeApi(FUNCTION_TIMEOUT)) {
            // The fake knows only the demo page, so the caller's own routing stays out of the demo.
            Process function = startFunction(functionDir, ricClasspath, runtime.address(), fake != null,
                    functionSettings(fake), log);
            try {
                if (!json) {
                    out.println(real ? "Calling the real Flashduty API at "
                            + env.getOrDefault("FLASHDUTY_BASE_URL", "https://api.flashcat.cloud")
                            : "Using the embedded fake Flashduty: page " + DEMO_PAGE_ID + " with components "
                                    + String.join(", ", DEMO_COMPONENTS.values()) + ".");
                    out.println();
                }
                int failures = 0;
                for (int i = 0; i < steps.size(); i++) {
                    Step step = steps.get(i);
                    String event = Files.readString(resolve(step.file()), StandardCharsets.UTF_8);
                    LocalRuntimeApi.Result result = runtime.invoke(event, FUNCTION_TIMEOUT.plusSeconds(30));
                    ObjectNode line = summarise(step.file(), result);
                    failures += result.error() ? 1 : 0;
                    report(i + 1, steps.size(), step, line);
                }
                finish(fake, log);
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

    /** The function's settings for this run: the fake's, or the caller's own for the real API. */
    private Map<String, String> functionSettings(FakeFlashduty fake) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (fake != null) {
            settings.put("FLASHDUTY_BASE_URL", fake.baseUrl());
            settings.put("FLASHDUTY_APP_KEY", DEMO_APP_KEY);
            settings.put("STATUSPAGE_PAGE_ID", String.valueOf(DEMO_PAGE_ID));
            settings.put("STATUSPAGE_COMPONENT_IDS", String.join(",", DEMO_COMPONENTS.keySet()));
        }
        if (dryRun) {
            settings.put("FLASHDUTY_DRY_RUN", "true");
        }
        return settings;
    }

    /**
     * Starts the unpacked function with the runtime interface client polling {@code runtimeApi}. With
     * {@code settings} non-empty for a fake, the caller's own STATUSPAGE_* and FLASHDUTY_* variables stay out.
     */
    static Process startFunction(Path functionDir, String ricClasspath, String runtimeApi, boolean isolate,
            Map<String, String> settings, Path log) throws IOException {
        return startFunction(Path.of(System.getProperty("java.home")), List.of(), functionDir, ricClasspath,
                runtimeApi, isolate, settings, log);
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
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, RIC_MAIN, HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        if (isolate) {
            env.keySet().removeIf(name -> name.startsWith("STATUSPAGE_") || name.startsWith("FLASHDUTY_"));
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
        if (step.meaning() != null) {
            out.println("      " + step.meaning());
        }
        String changeId = line.path("change_id").isNumber() ? " (change_id " + line.get("change_id") + ")" : "";
        out.printf("      -> %s: %s%s%n", line.path("outcome").asText(), line.path("reason").asText(), changeId);
        for (JsonNode call : line.path("planned")) {
            out.printf("         would %s %s %s%n", call.path("method").asText(), call.path("path").asText(),
                    JSON.writeValueAsString(call.path("body")));
        }
        out.println();
    }

    private void finish(FakeFlashduty fake, Path log) throws IOException {
        if (fake == null) {
            if (!json) {
                out.println("Function log: " + log);
            }
            return;
        }
        ArrayNode incidents = JSON.createArrayNode();
        for (FakeFlashduty.Incident incident : fake.incidents()) {
            ObjectNode node = incidents.addObject().put("change_id", incident.changeId())
                    .put("title", incident.title()).put("status", incident.status());
            ObjectNode components = node.putObject("components");
            incident.components().forEach(components::put);
            node.put("updates", incident.updates().size());
        }
        if (json) {
            out.println(JSON.writeValueAsString(JSON.createObjectNode().set("incidents", incidents)));
            return;
        }
        out.println("Status page " + DEMO_PAGE_ID + " on the fake Flashduty now shows "
                + (incidents.isEmpty() ? "no incidents." : incidents.size() + " incident(s):"));
        for (JsonNode incident : incidents) {
            out.printf("  change %s \"%s\" is %s after %d update(s)%n", incident.get("change_id"),
                    incident.get("title").asText(), incident.get("status").asText(), incident.get("updates").asInt());
            incident.get("components").properties().forEach(component -> out.printf("    %s: %s%n",
                    DEMO_COMPONENTS.get(component.getKey()), component.getValue().asText()));
        }
        out.println("Function log: " + log);
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
