package dev.statuspagesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * A dependency change cannot reach the default (native) deploy unchecked: the jars the built function.zip ships
 * must be those the native build was last checked with, listed in {@code native/runtime-jars.txt}. Quarkus builds
 * native images with {@code --link-at-build-time}, so a new or upgraded jar can break that build where the JVM
 * suite passes.
 * Runs after {@code package}: in the JVM build on function.zip's lib/, in the native build on the jars the image
 * was built from.
 */
class NativeCheckedJarsIT {

    static final String RECORD = "native/runtime-jars.txt";
    static final String REWRITE = "unzip -Z1 target/function.zip | grep '^lib/.*\\.jar$' | sed 's|^lib/||' | sort";
    /** A jar's name as Quarkus writes it: the group and artifact, then the version (from its first digit). */
    static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

    @Test
    void functionShipsTheJarsTheNativeBuildWasLastCheckedWith() throws IOException {
        Set<String> shipped = new TreeSet<>();
        try (ZipFile zip = new ZipFile(Path.of("target/function.zip").toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0) {
                    shipped.add(name.substring(4));
                }
            }
        }
        if (shipped.isEmpty()) {
            // The native build's zip holds the executable; the jars are those the image was built from.
            try (Stream<Path> sources = Files.list(Path.of("target"))) {
                Path lib = sources.filter(path -> path.getFileName().toString().endsWith("-native-image-source-jar"))
                        .findFirst().orElseThrow(() -> new AssertionError("function.zip has no lib/ and target/ no"
                                + " native-image source jar: which build is this?")).resolve("lib");
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.map(jar -> jar.getFileName().toString()).filter(name -> name.endsWith(".jar"))
                            .forEach(shipped::add);
                }
            }
        }
        Set<String> checked = new TreeSet<>();
        try (InputStream record = getClass().getClassLoader().getResourceAsStream(RECORD)) {
            assertNotNull(record, "src/test/resources/" + RECORD + " is missing");
            new String(record.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(checked::add);
        }

        assertTrue(shipped.size() > 100, "read the build's jars: " + shipped);
        assertEquals("", changes(checked, shipped), "The build ships other jars than the native build was last"
                + " checked with (the changes follow). Check the native build: scripts/build.sh native (GraalVM, Mandrel,"
                + " Docker or Podman), or push and let the hosted CI's native job build it (docs/native.md). Then"
                + " rewrite the list in src/test/resources/" + RECORD + " from the JVM build: " + REWRITE);
    }

    @Test
    void namesEachChangedArtifactOnceWithItsVersions() {
        assertEquals("""
                io.netty.netty-codec-http2: gone, was 4.1.133.Final
                org.example.extra: new, 1.0
                software.amazon.awssdk.cloudwatch: 2.57.8 -> 2.57.9
                """, changes(Set.of("software.amazon.awssdk.cloudwatch-2.57.8.jar",
                "io.netty.netty-codec-http2-4.1.133.Final.jar", "com.example.same-2.0.jar"),
                Set.of("software.amazon.awssdk.cloudwatch-2.57.9.jar", "org.example.extra-1.0.jar",
                        "com.example.same-2.0.jar")));
    }

    /** One line per artifact whose jar changed: "name: old -> new", "name: new", "name: gone". */
    static String changes(Set<String> before, Set<String> after) {
        Map<String, String> was = versions(before);
        Map<String, String> is = versions(after);
        Set<String> names = new TreeSet<>(was.keySet());
        names.addAll(is.keySet());
        StringBuilder lines = new StringBuilder();
        for (String name : names) {
            String old = was.get(name);
            String now = is.get(name);
            if (!Objects.equals(old, now)) {
                lines.append(name).append(": ").append(old == null ? "new, " + now
                        : now == null ? "gone, was " + old : old + " -> " + now).append('\n');
            }
        }
        return lines.toString();
    }

    private static Map<String, String> versions(Set<String> jars) {
        Map<String, String> versions = new TreeMap<>();
        for (String jar : jars) {
            Matcher matcher = JAR.matcher(jar);
            if (matcher.matches()) {
                versions.put(matcher.group(1), matcher.group(2));
            } else {
                versions.put(jar, "");
            }
        }
        return versions;
    }
}
