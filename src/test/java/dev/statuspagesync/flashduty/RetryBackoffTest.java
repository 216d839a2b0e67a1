package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, floored at the limiter's spacing and stretched by Retry-After. */
class RetryBackoffTest {

    static final long INITIAL = 200;

    @RepeatedTest(20)
    void doublesTheCeilingUpToItsLimitWithJitterInTheUpperHalf() {
        RetryBackoff backoff = new RetryBackoff();
        backoff.init(INITIAL);
        RuntimeException cause = new RuntimeException();

        long[] ceilings = { 200, 400, 800, 1600, 1600, 1600 };
        for (long ceiling : ceilings) {
            long delay = backoff.nextDelayInMillis(cause);
            assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " within [" + ceiling / 2 + ", " + ceiling + "]");
        }
        assertTrue(ceilings[ceilings.length - 1] == INITIAL * RetryBackoff.MAX_GROWTH);
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsks() {
        RetryBackoff backoff = new RetryBackoff();
        backoff.init(INITIAL);
        var rateLimited = new FlashdutyRetryableException(429, "RequestTooFrequently", "m", "r", Duration.ofSeconds(3));

        assertTrue(backoff.nextDelayInMillis(rateLimited) >= 3000);
    }

    @RepeatedTest(20)
    void neverRetriesInsideTheRateLimitersSpacing() {
        RetryBackoff backoff = new RetryBackoff();
        backoff.init(1);

        assertTrue(backoff.nextDelayInMillis(new RuntimeException()) > FlashdutyGateway.MIN_SPACING_MILLIS);
    }
}
