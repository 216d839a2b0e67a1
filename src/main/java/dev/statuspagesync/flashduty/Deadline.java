package dev.statuspagesync.flashduty;

import java.time.Duration;

/** The point in time, on {@code ticker}, by which an invocation must have finished its Flashduty calls. */
public record Deadline(long expiresAtNanos, Ticker ticker) {

    /** A deadline {@code budget} from now. */
    public static Deadline in(Duration budget) {
        return in(budget, Ticker.SYSTEM);
    }

    /** A deadline {@code budget} from now on {@code ticker}. */
    public static Deadline in(Duration budget, Ticker ticker) {
        return new Deadline(ticker.nanos() + budget.toNanos(), ticker);
    }

    /** The invocation's deadline from Lambda's remaining time; {@code fallback} when the runtime sent none. */
    public static Deadline forInvocation(long remainingMillis, Duration fallback) {
        return in(remainingMillis > 0 ? Duration.ofMillis(remainingMillis) : fallback);
    }

    public Duration remaining() {
        return Duration.ofNanos(expiresAtNanos - ticker.nanos());
    }

    /** Throws {@link FlashdutyDeadlineException} unless at least {@code needed} is left. */
    void ensureRoomFor(Duration needed, String operation) {
        Duration left = remaining();
        if (left.compareTo(needed) < 0) {
            throw new FlashdutyDeadlineException(operation + " needs " + needed.toMillis() + " ms but the invocation has "
                    + Math.max(0, left.toMillis()) + " ms left");
        }
    }
}
