package dev.statuspagesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.cloudwatch.CloudWatchConnector;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native executable only sees by reflection what is registered for it. Every record that Jackson binds
 * (recognised by its Jackson annotations) must be, or the native build parses it into nulls.
 */
class NativeReadinessTest {

    static final Path CLASSES = Path.of("target/classes");

    @Test
    void registersEveryRecordJacksonBindsForReflection() throws Exception {
        List<Class<?>> bound = classes().filter(Class::isRecord).filter(NativeReadinessTest::boundByJackson).toList();

        List<String> unregistered = bound.stream().filter(type -> !type.isAnnotationPresent(RegisterForReflection.class))
                .map(Class::getName).toList();

        assertTrue(bound.size() >= 15, "found the bound records: " + bound);
        assertEquals(List.of(), unregistered);
    }

    @Test
    void registersEveryEnumJacksonReadsThroughItsOwnMethodsForReflection() throws Exception {
        List<Class<?>> bound = classes().filter(Class::isEnum).filter(type -> Arrays.stream(type.getDeclaredMethods())
                .flatMap(method -> Arrays.stream(method.getAnnotations()))
                .anyMatch(annotation -> annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson")))
                .toList();

        assertTrue(bound.size() >= 3, "found the bound enums: " + bound);
        assertEquals(List.of(), bound.stream().filter(type -> !type.isAnnotationPresent(RegisterForReflection.class))
                .map(Class::getName).toList());
    }

    @Test
    void keepsTheAwsSdkBehindTheCloudWatchPackageAndTheSecretsReaderAndBuildsItsClientsOnlyOnUse() throws Exception {
        List<String> outside = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String name = CLASSES.relativize(file).toString();
                if (bytes.contains("software/amazon/awssdk") && !name.startsWith("dev/statuspagesync/cloudwatch/")
                        && !name.equals("dev/statuspagesync/secrets/SecretsManagerReader.class")) {
                    outside.add(name);
                }
            }
        }

        assertEquals(List.of(), outside, "only cloudwatch/ and the secrets' reader (at start) may load the SDK: an"
                + " alarm delivery never does");
        String connector = new String(Files.readAllBytes(CLASSES.resolve(
                "dev/statuspagesync/cloudwatch/CloudWatchConnector.class")), StandardCharsets.ISO_8859_1);
        assertFalse(connector.contains("software/amazon/awssdk"), "the bean every invocation may touch names no SDK"
                + " type, so loading it loads none");
        for (Field field : CloudWatchConnector.class.getDeclaredFields()) {
            assertTrue(!Modifier.isStatic(field.getModifiers())
                    || !field.getType().getName().startsWith("software.amazon.awssdk")
                            && !Map.class.isAssignableFrom(field.getType()),
                    "no SDK client is made in a static initialiser: " + field);
        }
        // The SDK carries its own native-image configuration for what it loads by reflection or as resources.
        for (String config : List.of("META-INF/native-image/software.amazon.awssdk/url-connection-client/reflect-config.json",
                "META-INF/native-image/software.amazon.awssdk/sdk-core/resource-config.json",
                "META-INF/native-image/software.amazon.awssdk/aws-core/reflect-config.json")) {
            assertTrue(getClass().getClassLoader().getResource(config) != null, config);
        }
    }

    private static boolean boundByJackson(Class<?> type) {
        Stream<Annotation> annotations = Stream.concat(Arrays.stream(type.getAnnotations()),
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getAccessor)
                        .flatMap(accessor -> Arrays.stream(accessor.getAnnotations())));
        return Stream.concat(annotations, Arrays.stream(type.getRecordComponents())
                .flatMap(component -> Arrays.stream(component.getAnnotations())))
                .anyMatch(annotation -> annotation.annotationType().getPackageName()
                        .startsWith("com.fasterxml.jackson"));
    }

    private static Stream<Class<?>> classes() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.map(CLASSES::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(NativeReadinessTest::load).toList().stream();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReadinessTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
