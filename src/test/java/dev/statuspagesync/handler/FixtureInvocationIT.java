package dev.statuspagesync.handler;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The fixture tests against the packaged artifact: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class FixtureInvocationIT extends FixtureInvocationTest {
}
