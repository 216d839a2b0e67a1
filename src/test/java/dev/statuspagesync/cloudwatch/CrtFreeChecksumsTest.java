package dev.statuspagesync.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.inbound.AlarmState;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.MetricsSettings;

import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.internal.ChecksumProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * What the native build's {@link CrtFreeChecksums} relies on, proved on the JVM: its methods answer what the SDK
 * answers without the AWS CRT, they are the only places the reachable SDK names a CRT type, and the function's
 * CloudWatch calls ask for no checksum at all, so none of them runs.
 */
class CrtFreeChecksumsTest {

    static final String CRT_PACKAGE = "software/amazon/awssdk/crt/";
    static final Class<?> SUBSTITUTES = CrtFreeChecksums.ChecksumProviderWithoutCrt.class;

    /**
     * The SDK classes (2.57.8) that name a CRT type. {@code ChecksumProvider}'s CRT methods are substituted;
     * {@code XxHashChecksum} is constructed only by {@code ChecksumProvider.crtXxHash}, also substituted. The rest are
     * the CRT's SigV4a signer, reached only through {@code AwsV4aHttpSigner.create()}, which CloudWatch's SigV4
     * client never calls (the native analysis finds it unreachable).
     */
    static final Set<String> NAMING_CRT = Set.of(
            "software/amazon/awssdk/checksums/internal/ChecksumProvider",
            "software/amazon/awssdk/checksums/internal/XxHashChecksum",
            "software/amazon/awssdk/http/auth/aws/crt/internal/io/CrtInputStream",
            "software/amazon/awssdk/http/auth/aws/crt/internal/signer/AwsChunkedV4aPayloadSigner",
            "software/amazon/awssdk/http/auth/aws/crt/internal/signer/DefaultAwsCrtV4aHttpSigner",
            "software/amazon/awssdk/http/auth/aws/crt/internal/signer/RollingSigner",
            "software/amazon/awssdk/http/auth/aws/crt/internal/signer/V4aRequestSigningResult",
            "software/amazon/awssdk/http/auth/aws/crt/internal/util/CrtHttpRequestConverter",
            "software/amazon/awssdk/http/auth/aws/crt/internal/util/CrtUtils");

    @Test
    void theCrtIsNotShippedSoTheSubstitutionApplies() {
        assertTrue(new CrtFreeChecksums.CrtAbsent().getAsBoolean());
        assertThrows(ClassNotFoundException.class, () -> Class.forName(CrtFreeChecksums.CrtAbsent.CRT_CLASS));
        assertEquals(ChecksumProvider.class, SUBSTITUTES.getAnnotation(TargetClass.class).value());
        assertEquals(CrtFreeChecksums.CrtAbsent.class,
                SUBSTITUTES.getAnnotation(TargetClass.class).onlyWith()[0]);
    }

    @Test
    void everySubstituteReplacesAMethodTheSdkHasWithTheSameSignature() throws Exception {
        List<Method> substitutes = Arrays.stream(SUBSTITUTES.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Substitute.class)).toList();

        assertEquals(Set.of("createCrtCrc32C", "crc64NvmeCrtImplementation", "crtXxHash"),
                new TreeSet<>(substitutes.stream().map(Method::getName).toList()));
        for (Method substitute : substitutes) {
            Method original = ChecksumProvider.class.getDeclaredMethod(substitute.getName(),
                    substitute.getParameterTypes());
            assertEquals(original.getReturnType(), substitute.getReturnType(), original.toString());
            assertTrue(Modifier.isStatic(original.getModifiers()), original.toString());
        }
    }

    @Test
    void withoutTheCrtNoCrc32cComesFromItAndJavasOwnComputesTheChecksum() throws Exception {
        assertNull(original("createCrtCrc32C"), "the SDK on the JVM, without the CRT");
        assertNull(CrtFreeChecksums.ChecksumProviderWithoutCrt.createCrtCrc32C(), "the native image's substitute");

        SdkChecksum crc32c = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC32C);
        crc32c.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, crc32c.getValue(), "the CRC-32C check value");
    }

    @Test
    void withoutTheCrtCrc64nvmeIsRefusedWithTheModuleNamed() throws Exception {
        RuntimeException sdk = assertThrows(RuntimeException.class, () -> original("crc64NvmeCrtImplementation"));
        RuntimeException substitute = assertThrows(RuntimeException.class,
                CrtFreeChecksums.ChecksumProviderWithoutCrt::crc64NvmeCrtImplementation);

        assertEquals(sdk.getClass(), substitute.getClass());
        assertTrue(sdk.getMessage().contains(CrtFreeChecksums.CRT_MODULE), sdk.getMessage());
        assertTrue(substitute.getMessage().contains(CrtFreeChecksums.CRT_MODULE), substitute.getMessage());
        assertTrue(substitute.getMessage().startsWith("CRC64NVME"), substitute.getMessage());
    }

    @Test
    void withoutTheCrtXxHashIsRefusedWithTheModuleNamed() throws Exception {
        RuntimeException sdk = assertThrows(RuntimeException.class,
                () -> original("crtXxHash", DefaultChecksumAlgorithm.XXHASH64));
        RuntimeException substitute = assertThrows(RuntimeException.class,
                () -> CrtFreeChecksums.ChecksumProviderWithoutCrt.crtXxHash(DefaultChecksumAlgorithm.XXHASH64));

        assertEquals(sdk.getClass(), substitute.getClass());
        assertTrue(sdk.getMessage().contains(CrtFreeChecksums.CRT_MODULE), sdk.getMessage());
        assertEquals("XXHASH64 checksums need the AWS CRT (" + CrtFreeChecksums.CRT_MODULE + "), which is not shipped",
                substitute.getMessage());
    }

    @Test
    void onlyTheKnownSdkClassesNameACrtType() throws IOException {
        Set<String> naming = new TreeSet<>();
        Set<String> xxHashUsers = new TreeSet<>();
        for (JarFile jar : classPathJars()) {
            try (jar) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    String name = entry.getName();
                    if (!name.startsWith("software/amazon/awssdk/") || !name.endsWith(".class")
                            || name.startsWith(CRT_PACKAGE)) {
                        continue;
                    }
                    String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    String type = name.substring(0, name.length() - ".class".length());
                    if (bytes.contains(CRT_PACKAGE)) {
                        naming.add(type.replaceAll("\\$.*", ""));
                    }
                    if (bytes.contains("software/amazon/awssdk/checksums/internal/XxHashChecksum")) {
                        xxHashUsers.add(type);
                    }
                }
            }
        }

        assertEquals(new TreeSet<>(NAMING_CRT), naming, "An SDK class names a CRT type that was not there before."
                + " Quarkus links at build time, so if the function can reach it the native build fails: build the"
                + " native image, and cut the new path off in CrtFreeChecksums");
        assertEquals(new TreeSet<>(Set.of("software/amazon/awssdk/checksums/internal/ChecksumProvider",
                "software/amazon/awssdk/checksums/internal/XxHashChecksum")), xxHashUsers,
                "only ChecksumProvider (its crtXxHash) makes an XxHashChecksum");
    }

    @Test
    void noCloudWatchOperationCarriesTheSdksChecksumTrait() throws IOException {
        byte[] client;
        // The client the builder makes; package-private in the SDK.
        try (var in = CloudWatchClient.class.getResourceAsStream("DefaultCloudWatchClient.class")) {
            client = in.readAllBytes();
        }
        String bytes = new String(client, StandardCharsets.ISO_8859_1);

        // An operation with a checksum puts HttpChecksum or HttpChecksumRequired on its execution; these name both.
        assertTrue(bytes.contains("describeAlarms"), "read the client's class");
        assertFalse(bytes.contains("software/amazon/awssdk/core/interceptor/trait/HttpChecksum"));
    }

    @Test
    void everyCallTheFunctionMakesTravelsWithoutAChecksum() {
        Instant since = Instant.parse("2026-03-14T09:00:00Z");
        Map<String, String> saved = new HashMap<>();
        try (FakeCloudWatch cloudWatch = FakeCloudWatch.start()) {
            cloudWatch.metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, since, "AWS/EC2", "CPUUtilization");
            cloudWatch.tag(AlarmEvents.NAME, Map.of("service", "checkout"));
            cloudWatch.mute(AlarmEvents.NAME, "arn:aws:cloudwatch:us-east-1:210987654321:alarm-mute-rule:reindex");
            cloudWatch.sdkProperties().forEach((key, value) -> saved.put(key, System.setProperty(key, value)));
            try (CloudWatchConnector.Connection connection = SdkConnection.open(FakeCloudWatch.REGION,
                    MetricsSettings.off(Clock.systemUTC()))) {
                CloudWatchAlarms alarms = connection.within(() -> Duration.ofSeconds(30));
                var firing = alarms.inState(AlarmState.ALARM);
                alarms.named(List.of(AlarmEvents.NAME));
                alarms.tags(AlarmEvents.ARN);
                alarms.mutedAlarms();
                alarms.contributorsInAlarm(firing.get(0));
            }

            List<String> operations = new ArrayList<>();
            for (FakeCloudWatch.Recorded request : cloudWatch.requests()) {
                operations.add(request.operation());
                for (String header : request.headers().keySet()) {
                    assertFalse(header.startsWith("x-amz-checksum-") || header.equals("x-amz-sdk-checksum-algorithm")
                            || header.equals("x-amz-trailer") || header.equals("content-md5"),
                            request.operation() + " sent " + header);
                }
                assertFalse(String.valueOf(request.headers().get("content-encoding")).contains("aws-chunked"),
                        request.operation() + " sent a chunked body with a trailing checksum");
            }
            assertEquals(List.of("DescribeAlarms", "DescribeAlarms", "ListTagsForResource", "ListAlarmMuteRules",
                    "GetAlarmMuteRule", "DescribeAlarmContributors"), operations);
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** The SDK's own method of {@code ChecksumProvider}, called on the JVM; its exception is rethrown as is. */
    private static Object original(String name, Object... arguments) throws Exception {
        Method method = Arrays.stream(ChecksumProvider.class.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(name)).findFirst().orElseThrow();
        method.setAccessible(true);
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException thrown) {
            if (thrown.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw thrown;
        }
    }

    /** Every jar on the test's class path, found by its manifest (surefire may hide them behind one jar). */
    private static List<JarFile> classPathJars() throws IOException {
        List<JarFile> jars = new ArrayList<>();
        for (URL manifest : Collections.list(CrtFreeChecksumsTest.class.getClassLoader()
                .getResources("META-INF/MANIFEST.MF"))) {
            if ("jar".equals(manifest.getProtocol())) {
                try {
                    JarURLConnection connection = (JarURLConnection) manifest.openConnection();
                    connection.setUseCaches(false);
                    jars.add(connection.getJarFile());
                } catch (IOException unreadable) {
                    throw new UncheckedIOException(manifest.toString(), unreadable);
                }
            }
        }
        return jars;
    }
}
