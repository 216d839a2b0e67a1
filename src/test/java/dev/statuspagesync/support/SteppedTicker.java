package dev.statuspagesync.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.statuspagesync.flashduty.Ticker;

/** Monotonic time that moves only when the test moves it, or when code waits on it: waiting takes no real time. */
public final class SteppedTicker implements Ticker {

    private long nanos;
    private final List<Duration> waits = new ArrayList<>();

    public SteppedTicker() {
        this(0);
    }

    private SteppedTicker(long startNanos) {
        this.nanos = startNanos;
    }

    /**
     * One that starts at the system's time, to stand in for it where code has already read the system's (a running
     * application's pacer).
     */
    public static SteppedTicker fromSystem() {
        return new SteppedTicker(System.nanoTime());
    }

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public synchronized void park(long wait) {
        waits.add(Duration.ofNanos(wait));
        nanos += wait;
    }

    public synchronized void advance(Duration step) {
        nanos += step.toNanos();
    }

    /** Every wait asked of it, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
