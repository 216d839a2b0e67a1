package dev.statuspagesync;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
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

        Set<String> added = new TreeSet<>(shipped);
        added.removeAll(checked);
        Set<String> removed = new TreeSet<>(checked);
        removed.removeAll(shipped);
        assertTrue(shipped.size() > 100, "read the build's jars: " + shipped);
        assertTrue(added.isEmpty() && removed.isEmpty(), "The build ships other jars than the native build was last"
                + " checked with. Build it (./mvnw verify -Dnative, see docs/native.md), then rewrite the list in "
                + "src/test/resources/" + RECORD + " from this build. New: " + added + "; gone: " + removed);
    }
}
