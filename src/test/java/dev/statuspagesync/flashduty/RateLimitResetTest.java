package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A 429 without {@code Retry-After} waits until {@code X-RateLimit-Reset}, as Flashduty's own client does, and fails
 * the invocation at once when that comes after its deadline, instead of spending its retries on more 429s.
 */
@QuarkusTest
@TestProfile(RateLimitResetTest.OwnApplication.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class RateLimitResetTest {

    /** An application of its own: the window this test spends stays spent for an hour. */
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.retry.call-timeout-ms", "30000");
        }
    }

    @Test
    void waitsForTheRateLimitResetWhenA429HasNoRetryAfter() {
        fake().failNext(FlashdutyPaths.CREATE_PATH, new Fault.RateLimited(3600));

        Response response = Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));

        assertEquals(500, response.statusCode());
        String message = Fixtures.json(response.asString()).path("errorMessage").asText();
        assertTrue(message.startsWith("failed: Flashduty call abandoned"), message);
        assertTrue(message.matches(".*retry after 3(599|600) s.*"), message);
        assertEquals(1, fake().requests(FlashdutyPaths.CREATE_PATH).size(), "no retry burnt in the closed window");
    }
}
