package dev.statuspagesync.flashduty;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces calls out in time. The rate limiter refuses a call that comes too early; pacing makes the next call
 * wait for its turn instead, so back-to-back calls of one invocation do not spend retries on our own limiter.
 */
final class Pacer {

    private final long spacingNanos;
    private long nextTurnNanos = System.nanoTime();

    Pacer(Duration spacing) {
        this.spacingNanos = spacing.toNanos();
    }

    /** Blocks until at least the spacing has passed since the previous turn began. */
    synchronized void awaitTurn() {
        long wait;
        while ((wait = nextTurnNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        nextTurnNanos = System.nanoTime() + spacingNanos;
    }
}
