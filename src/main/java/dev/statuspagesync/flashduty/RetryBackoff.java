package dev.statuspagesync.flashduty;

import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential backoff with equal jitter, never shorter than the rate limiter's spacing, so a retry is not refused by
 * our own limiter. Flashduty's {@code Retry-After} is waited out by {@link FlashdutyGateway} before the attempt, on
 * the injected {@link Ticker}.
 * SmallRye creates one instance per guarded call, so the retry count lives here.
 */
@RegisterForReflection
public class RetryBackoff implements CustomBackoffStrategy {

    /** The longest pause grows to this many times the initial delay. */
    public static final int MAX_GROWTH = 8;

    private long initialDelayMillis = 1;
    private int retries;

    @Override
    public void init(long initialDelayInMillis) {
        this.initialDelayMillis = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long ceiling = initialDelayMillis * Math.min(MAX_GROWTH, 1L << Math.min(retries, 30));
        retries++;
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Math.max(delay, FlashdutyGateway.MIN_SPACING_MILLIS + 1);
    }
}
