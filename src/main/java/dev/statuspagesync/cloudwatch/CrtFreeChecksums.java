package dev.statuspagesync.cloudwatch;

import java.util.function.BooleanSupplier;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.internal.ChecksumProvider;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * The AWS SDK's checksum factory as the native image compiles it when the AWS CRT ({@code aws-crt}) is not on the
 * class path: the three methods that construct CRT checksums answer what the SDK itself answers on the JVM without
 * the CRT (no CRT CRC32C, so another implementation is used; CRC64NVME and XXHash refused), without naming a CRT
 * type. Quarkus
 * builds with {@code --link-at-build-time}, so a reachable reference to a class that is not shipped fails the build
 * even where a run-time check would never take that branch. The function's CloudWatch calls ask for no checksum,
 * so none of these is called; {@code CrtFreeChecksumsTest} proves both. On the JVM this class is never loaded.
 * <p>
 * See <a href="https://quarkus.io/guides/writing-native-applications-tips">Quarkus: tips for writing native
 * applications</a> (substitutions) and
 * <a href="https://github.com/aws/aws-sdk-java-v2/issues/4803">aws-sdk-java-v2#4803</a> (the same failure with
 * CRC32C).
 */
final class CrtFreeChecksums {

    /** The AWS CRT's Maven coordinates, as the SDK names them in its own refusals. */
    static final String CRT_MODULE = "software.amazon.awssdk.crt:aws-crt";

    private CrtFreeChecksums() {
    }

    /** The substitutes; a substitution class may hold nothing else (its fields would have to alias the SDK's). */
    @TargetClass(value = ChecksumProvider.class, onlyWith = CrtAbsent.class)
    static final class ChecksumProviderWithoutCrt {

        /** No CRT CRC32C: the SDK then takes another implementation of the same checksum. */
        @Substitute
        static SdkChecksum createCrtCrc32C() {
            return null;
        }

        @Substitute
        static SdkChecksum crc64NvmeCrtImplementation() {
            throw new RuntimeException("CRC64NVME checksums need the AWS CRT (" + CRT_MODULE
                    + "), which is not shipped");
        }

        @Substitute
        static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
            throw new RuntimeException(algorithm.algorithmId() + " checksums need the AWS CRT (" + CRT_MODULE
                    + "), which is not shipped");
        }
    }

    /**
     * True at image build time when the CRT is not on the class path; with it, the SDK's own methods stay. A CRT that
     * is there but cannot be linked fails the build here rather than being taken for absent.
     */
    static final class CrtAbsent implements BooleanSupplier {

        static final String CRT_CLASS = "software.amazon.awssdk.crt.CRT";

        @Override
        public boolean getAsBoolean() {
            try {
                Class.forName(CRT_CLASS, false, CrtAbsent.class.getClassLoader());
                return false;
            } catch (ClassNotFoundException absent) {
                return true;
            }
        }
    }
}
