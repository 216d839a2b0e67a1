package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.statuspagesync.support.AppClock;

/**
 * A 429 without {@code Retry-After} waits until {@code X-RateLimit-Reset}, as Flashduty's own client does, and fails
 * the invocation at once when that comes after its deadline, instead of spending its retries on more 429s.
 */
@QuarkusTest
@TestProfile(Profiles.AccountLimits.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class RateLimitResetTest {

    @Test
    void waitsForTheRateLimitResetWhenA429HasNoRetryAfter() {
        // Time passes since the tests before: what the function read ages out of its cache, a window reopens.
        AppClock.CLOCK.advance(Duration.ofHours(2));
        fake().useClock(AppClock.CLOCK);
        fake().failNext(FlashdutyPaths.CREATE_PATH, new Fault.RateLimited(3600));

        String message = Lambda.failure(Fixtures.event("sns-single-metric-alarm.json"));
        assertTrue(message.startsWith("failed: Flashduty call abandoned"), message);
        assertTrue(message.contains("retry after 3600 s"), message);
        assertEquals(1, fake().requests(FlashdutyPaths.CREATE_PATH).size(), "no retry burnt in the closed window");
    }
}
