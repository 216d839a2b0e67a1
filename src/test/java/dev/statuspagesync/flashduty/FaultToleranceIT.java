package dev.statuspagesync.flashduty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The fault-tolerance tests against the packaged artifact: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class FaultToleranceIT extends FaultToleranceTest {
}
