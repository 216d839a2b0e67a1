package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Flashduty unreachable (connection refused): the invocation fails cleanly, so Lambda delivers it again. */
@QuarkusTest
@TestProfile(Profiles.NothingListens.class)
class ConnectionRefusedTest {

    @Test
    void failsTheInvocationWithTheTransportErrorTypeOnly() {
        Response answer = Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));

        String message = Lambda.failureOf(answer);
        assertTrue(message.startsWith("failed: Flashduty IOError: "), message);
        assertFalse(answer.asString().contains("refused-key"), "no key in the error document");
    }
}
