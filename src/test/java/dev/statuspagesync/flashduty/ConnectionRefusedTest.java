package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Flashduty unreachable (connection refused): the invocation fails cleanly, so Lambda delivers it again. */
@QuarkusTest
@TestProfile(ConnectionRefusedTest.NothingListens.class)
class ConnectionRefusedTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.base-url", "http://127.0.0.1:" + closedPort(), "flashduty.app-key", "refused-key",
                    "statuspage.page-id", "1001", "statuspage.component-ids", "01REFUSEDCOMPONENT00000000");
        }
    }

    @Test
    void failsTheInvocationWithTheTransportErrorTypeOnly() {
        Response answer = Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));

        assertEquals(500, answer.statusCode());
        String message = Fixtures.json(answer.asString()).path("errorMessage").asText();
        assertTrue(message.startsWith("failed: Flashduty IOError: "), message);
        assertFalse(answer.asString().contains("refused-key"), "no key in the error document");
    }

    /** A loopback port that was free a moment ago and has no listener now. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
