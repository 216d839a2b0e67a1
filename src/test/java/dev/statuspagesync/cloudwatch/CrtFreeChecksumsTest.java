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
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
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
     * The SDK's own classes that exist only for the CRT: its XXHash checksum, and its SigV4a signer on the CRT.
     */
    static final List<String> CRT_BOUND = List.of("software/amazon/awssdk/checksums/internal/XxHashChecksum",
            "software/amazon/awssdk/http/auth/aws/crt/");

    /**
     * The SDK methods (2.57.8) outside those classes that name a CRT type or a CRT-bound class, in their code or
     * their signature. {@code ChecksumProvider}'s are the substituted ones. The other two are the way to the CRT's
     * SigV4a signer, which CloudWatch's SigV4 client never takes (the native analysis finds them unreachable).
     */
    static final Set<String> NAMING_CRT = Set.of(
            "software/amazon/awssdk/checksums/internal/ChecksumProvider.createCrtCrc32C",
            "software/amazon/awssdk/checksums/internal/ChecksumProvider.crc64NvmeCrtImplementation",
            "software/amazon/awssdk/checksums/internal/ChecksumProvider.crtXxHash",
            "software/amazon/awssdk/http/auth/aws/internal/signer/util/OptionalDependencyLoaderUtil"
                    + ".getDefaultAwsCrtV4aHttpSigner",
            "software/amazon/awssdk/http/auth/aws/signer/AwsV4aHttpSigner.create");

    @Test
    void theCrtIsNotShippedSoTheSubstitutionApplies() {
        assertTrue(new CrtFreeChecksums.CrtAbsent().getAsBoolean(), "the CRT is on the class path: the native image"
                + " keeps the SDK's own methods, and these tests, written for its absence, no longer apply");
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
            assertTrue(Modifier.isStatic(original.getModifiers()), "the SDK's method is no longer static: " + original);
        }
    }

    @Test
    void withoutTheCrtNoCrc32cComesFromItAndAnotherComputesTheChecksum() throws Exception {
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
    void onlyTheSubstitutedMethodsAndTheUnreachableSigV4aSignerNameTheCrt() throws IOException {
        Set<String> naming = new TreeSet<>();
        int read = 0;
        for (JarFile jar : classPathJars()) {
            try (jar) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    String name = entry.getName();
                    if (name.startsWith("software/amazon/awssdk/") && name.endsWith(".class")
                            && !name.startsWith(CRT_PACKAGE) && CRT_BOUND.stream().noneMatch(name::startsWith)) {
                        read++;
                        new ClassReader(jar.getInputStream(entry)).accept(new CrtNames(naming), 0);
                    }
                }
            }
        }

        assertTrue(read > 1_000, "read the SDK's classes: " + read);
        assertEquals(new TreeSet<>(NAMING_CRT), naming, "An SDK method names the CRT where it did not before."
                + " Quarkus links at build time, so if the function can reach it the native build fails: build the"
                + " native image (docs/native.md), and cut the new path off in CrtFreeChecksums");
        Set<String> substituted = new TreeSet<>();
        Arrays.stream(SUBSTITUTES.getDeclaredMethods()).filter(method -> method.isAnnotationPresent(Substitute.class))
                .forEach(method -> substituted.add(
                        "software/amazon/awssdk/checksums/internal/ChecksumProvider." + method.getName()));
        assertEquals(substituted, naming.stream().filter(method -> method.contains("/ChecksumProvider."))
                .collect(Collectors.toCollection(TreeSet::new)), "CrtFreeChecksums substitutes exactly the methods"
                + " of ChecksumProvider that name the CRT");
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
        assertFalse(bytes.contains("software/amazon/awssdk/core/interceptor/trait/HttpChecksum"), "a CloudWatch"
                + " operation now asks for a checksum: see whether the function calls it, and whether CRC64NVME or"
                + " XXHash could be chosen for it (the native image refuses those)");
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
            // A retried call on a busy machine is recorded twice; each is checked above.
            assertEquals(List.of("DescribeAlarms", "ListTagsForResource", "ListAlarmMuteRules", "GetAlarmMuteRule",
                    "DescribeAlarmContributors"), operations.stream().distinct().toList());
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

    /** Collects the methods whose signature or code names a CRT type or a CRT-bound class of the SDK. */
    private static final class CrtNames extends ClassVisitor {

        private final Set<String> naming;
        private String owner;

        CrtNames(Set<String> naming) {
            super(Opcodes.ASM9);
            this.naming = naming;
        }

        static boolean crt(String text) {
            return text != null && (text.contains(CRT_PACKAGE) || CRT_BOUND.stream().anyMatch(text::contains));
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            owner = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String method = owner + "." + name;
            if (crt(descriptor)) {
                naming.add(method);
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                    note(type);
                }

                @Override
                public void visitFieldInsn(int opcode, String fieldOwner, String field, String fieldDescriptor) {
                    note(fieldOwner + " " + fieldDescriptor);
                }

                @Override
                public void visitMethodInsn(int opcode, String callee, String calleeName, String calleeDescriptor,
                        boolean isInterface) {
                    note(callee + " " + calleeDescriptor);
                }

                @Override
                public void visitLdcInsn(Object constant) {
                    if (constant instanceof Type type) {
                        note(type.getDescriptor());
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String dynamicName, String dynamicDescriptor, Handle bootstrap,
                        Object... arguments) {
                    note(dynamicDescriptor + " " + Arrays.toString(arguments));
                }

                private void note(String named) {
                    if (crt(named)) {
                        naming.add(method);
                    }
                }
            };
        }
    }
}
