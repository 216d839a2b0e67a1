package dev.statuspagesync.flashduty;

import java.util.concurrent.locks.LockSupport;

/**
 * Monotonic time that can also be waited on: the system's, or in tests one that moves only when told, so that
 * pacing and deadlines are checked without waiting real time.
 */
public interface Ticker {

    /** The system's: {@link System#nanoTime()}, and parking the thread. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void park(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** Now, in nanoseconds from an arbitrary origin. */
    long nanos();

    /** Waits about {@code nanos}; it may return early, and the caller looks at the time again. */
    void park(long nanos);
}
