package dev.statuspagesync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    void nativeBuildNeedsNativeImageOrARunningContainerEngine(@TempDir Path sandbox) throws Exception {
        // A docker client without an engine, as on machines where only the client is installed.
        stub(sandbox, "docker", 1);

        Run run = run(SCRIPTS.resolve("build.sh"), sandbox, List.of("java"), "native");

        assertEquals(1, run.exitCode());
        assertTrue(run.output().startsWith("build.sh: a native build needs GraalVM or Mandrel (native-image on"
                + " PATH) or a running container engine (docker or podman)"), run.output());
    }

    @Test
    void buildRefusesAnUnknownKind(@TempDir Path sandbox) throws Exception {
        Run run = run(SCRIPTS.resolve("build.sh"), sandbox, List.of("java"), "wasm");

        assertEquals(2, run.exitCode());
        assertEquals("build.sh: unknown build 'wasm'; use jvm or native", run.output().strip());
    }

    @Test
    void fuzzRefusesADurationJazzerCannotRead(@TempDir Path sandbox) throws Exception {
        Run run = run(SCRIPTS.resolve("fuzz.sh"), sandbox, List.of("java"), "ten minutes");

        assertEquals(2, run.exitCode());
        assertEquals("fuzz.sh: duration 'ten minutes' is not like 90s, 10m or 1h", run.output().strip());
    }

    @Test
    void deploysTheStackTheOtherScriptsLookFor() throws Exception {
        String config = Files.readString(SCRIPTS.resolve("samconfig.toml"));

        assertTrue(config.contains("stack_name = \"" + DEFAULT_STACK + "\""), config);
        assertTrue(config.contains("capabilities = \"CAPABILITY_IAM\""), "the template creates the function's role");
        for (String script : List.of("fire-test-alarm.sh", "replay-failures.sh")) {
            assertTrue(Files.readAllLines(SCRIPTS.resolve(script)).contains("stack=" + DEFAULT_STACK), script);
        }
    }

    /** Runs a script with a PATH that holds only the base tools, {@code tools}, and any stubs put there. */
    private static Run run(Path script, Path sandbox, List<String> tools, String... arguments) throws Exception {
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
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", bin.toString(), "HOME", sandbox.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
        return new Run(process.exitValue(), output);
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
