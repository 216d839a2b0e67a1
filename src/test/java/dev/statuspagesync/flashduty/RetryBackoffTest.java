package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, floored at the limiter's spacing; Retry-After is the gateway's to wait out. */
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

    @RepeatedTest(20)
    void neverRetriesInsideTheRateLimitersSpacing() {
        RetryBackoff backoff = new RetryBackoff();
        backoff.init(1);

        assertTrue(backoff.nextDelayInMillis(new RuntimeException()) > FlashdutyGateway.MIN_SPACING_MILLIS);
    }
}
