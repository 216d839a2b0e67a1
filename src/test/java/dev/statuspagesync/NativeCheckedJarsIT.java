package dev.statuspagesync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * A dependency change cannot reach the default (native) deploy unchecked: the jars the built function.zip ships
 * must be those the native build was last checked with, listed in {@code native/runtime-jars.txt}. Quarkus builds
 * native images with {@code --link-at-build-time}, so a new or upgraded jar can break that build where the JVM
 * suite passes.
 * Runs after {@code package}, in the JVM build only.
 */
class NativeCheckedJarsIT {

    static final String RECORD = "native/runtime-jars.txt";

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
        Set<String> checked = new TreeSet<>();
        try (InputStream record = getClass().getClassLoader().getResourceAsStream(RECORD)) {
            new String(record.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(checked::add);
        }

        Set<String> added = new TreeSet<>(shipped);
        added.removeAll(checked);
        Set<String> removed = new TreeSet<>(checked);
        removed.removeAll(shipped);
        assertTrue(shipped.size() > 100, "read function.zip's lib/: " + shipped);
        assertTrue(added.isEmpty() && removed.isEmpty(), "function.zip ships other jars than the native build was last"
                + " checked with. Build it (./mvnw verify -Dnative, see docs/native.md), then rewrite "
                + "src/test/resources/" + RECORD + " from this build. New: " + added + "; gone: " + removed);
    }
}
