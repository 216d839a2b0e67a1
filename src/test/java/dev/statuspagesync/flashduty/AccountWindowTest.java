package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.AppClock;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Flashduty's {@code X-RateLimit-*} headers on every answer pace the function: when the account's calls are spent
 * (by other clients of the account), the next call waits for the reset, or the invocation fails at once when the
 * reset comes after its deadline, instead of spending its retries on 429s.
 */
@QuarkusTest
@TestProfile(Profiles.AccountLimits.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class AccountWindowTest {

    @Test
    void failsAtOnceWhenTheAccountsCallsAreSpentUntilAfterTheDeadline() {
        // Time passes since the tests before: what the function read ages out of its cache, a window reopens.
        AppClock.CLOCK.advance(Duration.ofHours(2));
        fake().spendAccountWindowUntil(AppClock.CLOCK.instant().plusSeconds(3600));

        String message = Lambda.failure(Fixtures.event("sns-single-metric-alarm.json"));
        assertEquals("failed: Flashduty call abandoned: Flashduty reports the account's calls spent for 3600 s more,"
                + " past the invocation's deadline", message);
        assertEquals(1, fake().requests().size(), "the first answer reported the window spent; nothing more was sent");
    }
}
