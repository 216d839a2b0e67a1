package dev.statuspagesync.flashduty;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential backoff with equal jitter, never shorter than the rate limiter's spacing, so a retry is not refused by
 * our own limiter. When Flashduty asked for a {@code Retry-After} (which the gateway has checked against the
 * invocation's deadline), that wait comes first, between the attempts and so outside their timeout, on the
 * application's {@link Ticker}.
 * SmallRye creates one instance per guarded call, so the retry count lives here.
 */
@RegisterForReflection
public class RetryBackoff implements CustomBackoffStrategy {

    /** The longest pause grows to this many times the initial delay. */
    public static final int MAX_GROWTH = 8;

    /** The ticker a {@code Retry-After} is waited out on: the application's, installed by the gateway. */
    private static volatile Ticker ticker = Ticker.SYSTEM;

    private long initialDelayMillis = 1;
    private int retries;

    static void waitOn(Ticker applications) {
        ticker = applications;
    }

    @Override
    public void init(long initialDelayInMillis) {
        this.initialDelayMillis = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long ceiling = initialDelayMillis * Math.min(MAX_GROWTH, 1L << Math.min(retries, 30));
        retries++;
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (cause instanceof FlashdutyRetryableException retryable && retryable.retryAfter() != null) {
            waitOut(retryable.retryAfter());
        }
        return Math.max(delay, FlashdutyGateway.MIN_SPACING_MILLIS + 1);
    }

    /** Waits {@code wait} on the ticker; an interrupt (the invocation is ending) stops the wait. */
    private static void waitOut(Duration wait) {
        Ticker waitingOn = ticker;
        long until = waitingOn.nanos() + wait.toNanos();
        long left;
        while ((left = until - waitingOn.nanos()) > 0 && !Thread.currentThread().isInterrupted()) {
            waitingOn.park(left);
        }
    }
}
