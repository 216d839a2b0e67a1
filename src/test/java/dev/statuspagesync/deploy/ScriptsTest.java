package dev.statuspagesync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.support.Fixtures;

/**
 * The scripts under scripts/: each says how it is used, stops at the first failing command, and names the tool
 * it needs when that tool is missing, before doing anything else.
 */
class ScriptsTest {

    static final Path SCRIPTS = Path.of("scripts");
    /** What every script may rely on: a shell and a few core tools. */
    static final List<String> BASE_TOOLS = List.of("bash", "env", "dirname", "sed", "cat", "mktemp", "date");

    static final String DEFAULT_STACK = "cloudwatch-statuspage-sync";

    record Run(int exitCode, String output) {
    }

    /** A run whose standard output and standard error were kept apart. */
    record Apart(int exitCode, String out, String err) {
    }

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.filter(file -> file.toString().endsWith(".sh")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void saysHowItIsUsedAndStopsAtTheFirstFailure(Path script, @TempDir Path sandbox) throws Exception {
        List<String> lines = Files.readAllLines(script);

        assertEquals("#!/usr/bin/env bash", lines.get(0));
        assertTrue(lines.get(1).startsWith("# Usage: scripts/" + script.getFileName()), lines.get(1));
        assertTrue(lines.contains("set -euo pipefail"), script + " sets -euo pipefail");
        assertTrue(Files.isExecutable(script), script + " is executable");
        Run help = run(script, sandbox, List.of("java"), "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().startsWith("Usage: scripts/" + script.getFileName()), help.output());
    }

    @Test
    void deployNamesTheSamCliWhenItIsMissing(@TempDir Path sandbox) throws Exception {
        Run run = run(SCRIPTS.resolve("deploy.sh"), sandbox, List.of("java"), "StatusPageId=1");

        assertEquals(1, run.exitCode());
        assertTrue(run.output().startsWith("deploy.sh: the AWS SAM CLI (sam) is not on PATH"), run.output());
    }

    @Test
    void fireTestAlarmNamesTheAwsCliWhenItIsMissing(@TempDir Path sandbox) throws Exception {
        Run run = run(SCRIPTS.resolve("fire-test-alarm.sh"), sandbox, List.of());

        assertEquals(1, run.exitCode());
        assertEquals("fire-test-alarm.sh: the AWS CLI (aws) is not on PATH", run.output().strip());
    }

    @Test
    void replayNamesTheAwsCliThenJqWhenTheyAreMissing(@TempDir Path sandbox) throws Exception {
        Run withoutAws = run(SCRIPTS.resolve("replay-failures.sh"), sandbox, List.of());
        stub(sandbox, "aws", 0);
        Run withoutJq = run(SCRIPTS.resolve("replay-failures.sh"), sandbox, List.of());

        assertEquals("replay-failures.sh: the AWS CLI (aws) is not on PATH", withoutAws.output().strip());
        assertEquals("replay-failures.sh: jq is not on PATH", withoutJq.output().strip());
        assertEquals(1, withoutJq.exitCode());
    }

    @Test
    void replayLeavesEventsOlderThanTheFunctionsMaximumAgeAndReplaysTheRest(@TempDir Path sandbox) throws Exception {
        assumeTrue(onPath("jq"), "jq reads the queue's messages");
        fakeAws(sandbox, failureQueue(Instant.now()));

        Run run = run(SCRIPTS.resolve("replay-failures.sh"), sandbox, REPLAY_TOOLS);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("left: old-1, its event is "), run.output());
        assertTrue(run.output().contains("failure queue: 1 replayed, 0 kept for later, 1 too old to replay"),
                run.output());
        List<String> calls = Files.readAllLines(sandbox.resolve("calls"));
        assertEquals(List.of("lambda invoke", "sqs delete-message handle-fresh-1"), calls.stream()
                .filter(call -> call.startsWith("lambda invoke") || call.startsWith("sqs delete-message"))
                .map(call -> call.replaceAll(" --function-name.*", "").replaceAll(" --queue-url .* --receipt-handle",
                        "")).toList());
    }

    @Test
    void replaysAnAwsHealthEventAsTheHealthRulesOwnInvocationOnlyWhenTheRuleSentIt(@TempDir Path sandbox)
            throws Exception {
        assumeTrue(onPath("jq"), "jq reads the queue's messages");
        Instant now = Instant.now();
        ObjectNode event = (ObjectNode) Fixtures.eventJson("health-issue-open.json");
        event.put("time", now.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString());
        var messages = Fixtures.JSON.createArrayNode();
        // EventBridge's dead-letter record: the event as the body, the rule in the RULE_ARN attribute.
        ObjectNode fromRule = messages.addObject().put("MessageId", "health-1").put("ReceiptHandle", "handle-health-1")
                .put("Body", event.toString());
        fromRule.putObject("Attributes").put("SentTimestamp", String.valueOf(now.toEpochMilli()));
        fromRule.putObject("MessageAttributes").putObject("RULE_ARN").put("DataType", "String")
                .put("StringValue", "arn:aws:events:us-east-1:210987654321:rule/sync-HealthRule-1");
        messages.addObject().put("MessageId", "forged-1").put("ReceiptHandle", "handle-forged-1")
                .put("Body", event.toString()).putObject("Attributes")
                .put("SentTimestamp", String.valueOf(now.toEpochMilli()));
        fakeAws(sandbox, Fixtures.JSON.createObjectNode().set("Messages", messages).toString());

        Run run = run(SCRIPTS.resolve("replay-failures.sh"), sandbox, REPLAY_TOOLS);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("left: forged-1, an AWS Health event that the stack's Health rule did not"
                + " send"), run.output());
        assertTrue(run.output().contains("failure queue: 1 AWS Health event(s) left, not sent by the stack's Health"
                + " rule"), run.output());
        assertEquals(event, Fixtures.json(Files.readString(sandbox.resolve("payload.json"))),
                "the event itself, as the rule invokes the function");
        assertEquals(1, Files.readAllLines(sandbox.resolve("calls")).stream()
                .filter(call -> call.startsWith("sqs delete-message") && call.endsWith("handle-health-1")).count());
    }

    @Test
    void replaysDryRunListsWhatItWouldReplayAndChangesNothing(@TempDir Path sandbox) throws Exception {
        assumeTrue(onPath("jq"), "jq reads the queue's messages");
        fakeAws(sandbox, failureQueue(Instant.now()));

        Run run = run(SCRIPTS.resolve("replay-failures.sh"), sandbox, REPLAY_TOOLS, "--dry-run");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("would replay: fresh-1, "), run.output());
        assertTrue(run.output().contains("failure queue: 1 would be replayed, 1 too old to replay; nothing was"
                + " changed"), run.output());
        assertTrue(Files.readAllLines(sandbox.resolve("calls")).stream().noneMatch(call -> call.startsWith(
                "lambda invoke") || call.startsWith("sqs delete-message") || call.startsWith("sqs start-message")),
                "no invocation, deletion or move");
    }

    @Test
    void replayRefusesAnAgeThatIsNoNumber(@TempDir Path sandbox) throws Exception {
        stub(sandbox, "aws", 0);
        stub(sandbox, "jq", 0);

        Run run = run(SCRIPTS.resolve("replay-failures.sh"), sandbox, List.of(), "--max-age", "6h");

        assertEquals(2, run.exitCode());
        assertEquals("replay-failures.sh: '6h' is not a whole number", run.output().strip());
    }

    @Test
    void nativeBuildNeedsNativeImageOrARunningContainerEngine(@TempDir Path sandbox) throws Exception {
        // A docker client without an engine, as on machines where only the client is installed.
        stub(sandbox, "docker", 1);

        Run run = run(SCRIPTS.resolve("build.sh"), sandbox, List.of("java"), "native");

        assertEquals(1, run.exitCode());
        assertTrue(run.output().startsWith("build.sh: a native build needs GraalVM or Mandrel (native-image on"
                + " PATH) or a running container engine (docker or podman)"), run.output());
    }

    @Test
    void theLocalRunRefusesAStoryWithEventFilesBeforeItBuilds(@TempDir Path sandbox) throws Exception {
        String event = Path.of("src/test/resources/events/sns-single-metric-alarm.json").toAbsolutePath().toString();

        Run run = run(SCRIPTS.resolve("run-local.sh"), sandbox, List.of("java"), "--story", "flapping", event);

        assertEquals(2, run.exitCode());
        assertTrue(run.output().startsWith("run-local.sh: --story runs a bundled story alone; give either a story or"
                + " event files, not both\nusage: scripts/run-local.sh"), run.output());
    }

    @Test
    void theLocalRunSaysWhyItCannotReadAnEventFileBeforeItBuilds(@TempDir Path sandbox) throws Exception {
        String missing = sandbox.resolve("missing.json").toString();

        Run run = run(SCRIPTS.resolve("run-local.sh"), sandbox, List.of("java"), missing);

        assertEquals(2, run.exitCode());
        assertTrue(run.output().startsWith("run-local.sh: cannot read event file " + missing + " (no such file, from "),
                run.output());
    }

    @Test
    void buildRefusesAJvmAotZipForAnotherArchitectureThanTheMachines(@TempDir Path sandbox) throws Exception {
        String other = System.getProperty("os.arch").matches("aarch64|arm64") ? "x86_64" : "arm64";

        Run run = run(SCRIPTS.resolve("build.sh"), sandbox, List.of("java", "uname"), "jvm-aot", "--architecture",
                other);

        assertEquals(1, run.exitCode());
        assertTrue(run.output().startsWith("build.sh: jvm-aot carries a Java runtime and an AOT cache for the machine"
                + " that builds it"), run.output());
        assertTrue(run.output().contains("you asked for " + other + "."), run.output());
    }

    @Test
    void buildRefusesAnUnknownKind(@TempDir Path sandbox) throws Exception {
        Run run = run(SCRIPTS.resolve("build.sh"), sandbox, List.of("java"), "wasm");

        assertEquals(2, run.exitCode());
        assertEquals("build.sh: unknown build 'wasm'; use jvm, jvm-aot or native", run.output().strip());
    }

    @Test
    void fuzzRefusesADurationJazzerCannotRead(@TempDir Path sandbox) throws Exception {
        Run run = run(SCRIPTS.resolve("fuzz.sh"), sandbox, List.of("java"), "ten minutes");

        assertEquals(2, run.exitCode());
        assertEquals("fuzz.sh: duration 'ten minutes' is not like 90s, 10m or 1h", run.output().strip());
    }

    @Test
    void deploysTheStackTheOtherScriptsLookFor() throws Exception {
        String config = Files.readString(SCRIPTS.resolveSibling("samconfig.toml"));

        assertTrue(config.contains("stack_name = \"" + DEFAULT_STACK + "\""), config);
        assertTrue(config.contains("capabilities = \"CAPABILITY_IAM\""), "the template creates the function's role");
        for (String script : List.of("fire-test-alarm.sh", "replay-failures.sh")) {
            assertTrue(Files.readAllLines(SCRIPTS.resolve(script)).contains("stack=" + DEFAULT_STACK), script);
        }
    }

    /** Runs a script with a PATH that holds only the base tools, {@code tools}, and any stubs put there. */
    @Test
    void theScriptsTakeTheNewestInstalledJdkWhenTheJavaOnPathIsOlderThan21(@TempDir Path sandbox) throws Exception {
        Path jvms = sandbox.resolve("jvms");
        Path old = fakeJdk(jvms.resolve("jdk-17"), 17);
        fakeJdk(jvms.resolve("jdk-21"), 21);
        Path newest = fakeJdk(jvms.resolve("jdk-25"), 25);
        Files.createDirectories(sandbox.resolve("bin"));
        Files.createSymbolicLink(sandbox.resolve("bin/java"), old.resolve("bin/java"));

        Apart run = runApart(jdkProbe(sandbox), sandbox, Map.of("JDK_SEARCH_DIRS", jvms.toString()));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(newest + "\n", run.out(), "standard output stays the script's own");
        assertEquals("probe: using JDK 25 at " + newest + " (java on PATH is 17)\n", run.err());
    }

    @Test
    void theScriptsSayWhatTheyFoundWhenTheySearchedForAJdk(@TempDir Path sandbox) throws Exception {
        Path jvms = sandbox.resolve("jvms");
        Path old = fakeJdk(jvms.resolve("jdk-11"), 11);
        Path newest = fakeJdk(jvms.resolve("jdk-21"), 21);

        Apart withOldHome = runApart(jdkProbe(sandbox), sandbox, Map.of("JAVA_HOME", old.toString(),
                "JDK_SEARCH_DIRS", jvms.toString()));
        Apart withNone = runApart(jdkProbe(sandbox), sandbox, Map.of("JDK_SEARCH_DIRS", jvms.toString()));

        assertEquals("probe: using JDK 21 at " + newest + " (JAVA_HOME's java is 11)\n", withOldHome.err());
        assertEquals("probe: using JDK 21 at " + newest + " (no JAVA_HOME and no java on PATH)\n", withNone.err());
        assertEquals(newest + "\n", withNone.out());
    }

    @Test
    void theScriptsKeepAJavaHomeOf21OrNewer(@TempDir Path sandbox) throws Exception {
        Path jvms = sandbox.resolve("jvms");
        Path chosen = fakeJdk(jvms.resolve("jdk-21"), 21);
        fakeJdk(jvms.resolve("jdk-25"), 25);

        Apart run = runApart(jdkProbe(sandbox), sandbox, Map.of("JAVA_HOME", chosen.toString(),
                "JDK_SEARCH_DIRS", jvms.toString()));

        assertEquals(chosen + "\n", run.out(), run.err());
        assertEquals("", run.err(), "nothing to say when JAVA_HOME serves");
    }

    @Test
    void theScriptsSayWhatToInstallWhenNoJdk21IsFound(@TempDir Path sandbox) throws Exception {
        Path old = fakeJdk(sandbox.resolve("jvms/jdk-17"), 17);

        Run run = run(jdkProbe(sandbox), sandbox, List.of(), Map.of("JAVA_HOME", old.toString(),
                "JDK_SEARCH_DIRS", sandbox.resolve("nothing-here").toString()));

        assertEquals(1, run.exitCode());
        assertEquals("probe: needs a JDK 21 or newer, and found none (tried: " + old + "/bin/java (17); searched "
                + sandbox.resolve("nothing-here") + "). Install one, for example Temurin 21 or newer from"
                + " https://adoptium.net or your system's openjdk-21-jdk package, and set JAVA_HOME to it.",
                run.output().strip());
    }

    /** A script that finds a JDK as the scripts do and prints the JAVA_HOME it chose. */
    private static Path jdkProbe(Path sandbox) throws IOException {
        Path probe = sandbox.resolve("probe.sh");
        Files.writeString(probe, "#!/usr/bin/env bash\nset -euo pipefail\nsource "
                + SCRIPTS.resolve("lib/jdk.bash").toAbsolutePath() + "\nuse_jdk probe\necho \"$JAVA_HOME\"\n");
        return probe;
    }

    /** A JDK of feature version {@code major} at {@code home}: a java that reports it, and a javac. */
    private static Path fakeJdk(Path home, int major) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\necho '    java.home = " + home + "' >&2\n"
                + "echo '    java.specification.version = " + major + "' >&2\n");
        Files.writeString(bin.resolve("javac"), "#!/usr/bin/env bash\nexit 0\n");
        for (Path tool : List.of(bin.resolve("java"), bin.resolve("javac"))) {
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static Run run(Path script, Path sandbox, List<String> tools, String... arguments) throws Exception {
        return run(script, sandbox, tools, Map.of(), arguments);
    }

    private static Run run(Path script, Path sandbox, List<String> tools, Map<String, String> environment,
            String... arguments) throws Exception {
        ProcessBuilder builder = command(script, sandbox, tools, environment, arguments).redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
        return new Run(process.exitValue(), output);
    }

    /** As {@link #run}, with the base tools only, standard error kept apart from standard output. */
    private static Apart runApart(Path script, Path sandbox, Map<String, String> environment) throws Exception {
        Path err = Files.createTempFile(sandbox, "stderr", ".txt");
        Process process = command(script, sandbox, List.of(), environment).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
        return new Apart(process.exitValue(), out, Files.readString(err));
    }

    /** The command that runs {@code script} with a PATH of the base tools, {@code tools} and any stubs put there. */
    private static ProcessBuilder command(Path script, Path sandbox, List<String> tools,
            Map<String, String> environment, String... arguments) throws IOException {
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        List<String> linked = new ArrayList<>(BASE_TOOLS);
        linked.addAll(tools);
        for (String tool : linked) {
            Path link = bin.resolve(tool);
            if (Files.notExists(link)) {
                Files.createSymbolicLink(link, locate(tool));
            }
        }
        List<String> command = new ArrayList<>(List.of(locate("bash").toString(), script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", bin.toString(), "HOME", sandbox.toString()));
        builder.environment().putAll(environment);
        return builder;
    }

    /** The tools the replay script runs besides the base ones. */
    static final List<String> REPLAY_TOOLS = List.of("jq", "grep", "touch", "cut", "rm");

    /**
     * A failure queue holding two undelivered SNS notifications (the shape SNS gives a subscription's dead-letter
     * queue: the notification as the body): one from a minute ago, one from seven hours ago.
     */
    private static String failureQueue(Instant now) {
        String notification = """
                {"Type": "Notification", "MessageId": "%s", "TopicArn": "arn:aws:sns:us-east-1:210987654321:ops-alarms",
                 "Subject": "ALARM", "Message": "{}", "Timestamp": "%s", "SignatureVersion": "1", "Signature": "x",
                 "SigningCertURL": "https://sns.example/cert.pem", "UnsubscribeURL": "https://sns.example/u"}""";
        String fresh = notification.formatted("sns-fresh", now.minusSeconds(60).truncatedTo(ChronoUnit.MILLIS));
        String old = notification.formatted("sns-old", now.minusSeconds(7 * 3600).truncatedTo(ChronoUnit.MILLIS));
        var messages = Fixtures.JSON.createArrayNode();
        messages.addObject().put("MessageId", "old-1").put("ReceiptHandle", "handle-old-1").put("Body", old)
                .putObject("Attributes").put("SentTimestamp", String.valueOf(now.toEpochMilli()));
        messages.addObject().put("MessageId", "fresh-1").put("ReceiptHandle", "handle-fresh-1").put("Body", fresh)
                .putObject("Attributes").put("SentTimestamp", String.valueOf(now.toEpochMilli()));
        return Fixtures.JSON.createObjectNode().set("Messages", messages).toString();
    }

    /**
     * A stand-in for the AWS CLI: the stack's outputs, a maximum event age of six hours, the failure queue's
     * messages on the first receive and none after, successful invocations; every call is written to
     * {@code calls}.
     */
    private static void fakeAws(Path sandbox, String batch) throws IOException {
        Files.writeString(sandbox.resolve("batch.json"), batch);
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        Path aws = bin.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                dir="%s"
                echo "$*" >> "$dir/calls"
                case "$1 $2" in
                  "cloudformation describe-stacks")
                    case "$*" in
                      *AlarmActionArn*) echo "arn:aws:lambda:us-east-1:210987654321:function:sync:live" ;;
                      *FailureQueueUrl*) echo "https://sqs.us-east-1.amazonaws.com/210987654321/failures" ;;
                      *HealthRuleArn*) echo "arn:aws:events:us-east-1:210987654321:rule/sync-HealthRule-1" ;;
                      *) echo "None" ;;
                    esac ;;
                  "lambda get-function-event-invoke-config") echo 21600 ;;
                  "sqs get-queue-attributes") echo "arn:aws:sqs:us-east-1:210987654321:failures" ;;
                  "sqs receive-message")
                    if [[ -e "$dir/received" ]]; then echo '{}'; else touch "$dir/received"; cat "$dir/batch.json"; fi ;;
                  "lambda invoke")
                    for argument in "$@"; do
                      case "$argument" in fileb://*) cat "${argument#fileb://}" > "$dir/payload.json" ;; esac
                    done
                    echo '{}' > "${@: -1}"; echo None ;;
                esac
                """.formatted(sandbox));
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(directory -> Files.isExecutable(
                Path.of(directory, tool)));
    }

    /** A stand-in for a tool that exits with {@code exitCode} whatever it is asked. */
    private static void stub(Path sandbox, String tool, int exitCode) throws IOException {
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        Path stub = bin.resolve(tool);
        Files.writeString(stub, "#!/usr/bin/env bash\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path locate(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).map(directory -> Path.of(directory, tool))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(tool + " is not on this machine's PATH"));
    }
}
