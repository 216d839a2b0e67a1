package dev.statuspagesync.flashduty;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Spaces calls out in time. The rate limiter refuses a call that comes too early; pacing makes the next call
 * wait for its turn instead: at least the spacing after the previous one, and no more than the minute's
 * budget of calls in any minute. A turn that would come after the invocation's deadline is refused at once,
 * so the invocation fails cleanly and Lambda delivers the change again later.
 */
final class Pacer {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final long spacingNanos;
    private final int perMinute;
    private final Deque<Long> lastMinute = new ArrayDeque<>();
    private final Ticker ticker;
    private long nextTurnNanos;

    Pacer(Duration spacing, int perMinute) {
        this(spacing, perMinute, Ticker.SYSTEM);
    }

    Pacer(Duration spacing, int perMinute, Ticker ticker) {
        this.spacingNanos = spacing.toNanos();
        this.perMinute = perMinute;
        this.ticker = ticker;
        this.nextTurnNanos = ticker.nanos();
    }

    /**
     * Blocks until this call's turn, which comes no earlier than {@code accountWindowClosedFor} from now either;
     * throws {@link FlashdutyDeadlineException} when it would come too late.
     */
    synchronized void awaitTurn(Deadline deadline, Duration reserve, Duration accountWindowClosedFor) {
        long now = ticker.nanos();
        while (!lastMinute.isEmpty() && now - lastMinute.peekFirst() >= MINUTE_NANOS) {
            lastMinute.pollFirst();
        }
        long turn = nextTurnNanos;
        if (lastMinute.size() >= perMinute) {
            turn = Math.max(turn, lastMinute.peekFirst() + MINUTE_NANOS);
        }
        boolean accountSpent = !accountWindowClosedFor.isZero();
        turn = Math.max(turn, now + accountWindowClosedFor.toNanos());
        long wait = turn - now;
        if (wait > 0 && Duration.ofNanos(wait).plus(reserve).compareTo(deadline.remaining()) > 0) {
            throw new FlashdutyDeadlineException(accountSpent
                    ? "Flashduty reports the account's calls spent for " + accountWindowClosedFor.toSeconds()
                            + " s more, past the invocation's deadline"
                    : "the minute's " + perMinute + " Flashduty calls are spent and the next turn comes after the"
                            + " invocation's deadline");
        }
        while ((wait = turn - ticker.nanos()) > 0) {
            ticker.park(wait);
        }
        long started = ticker.nanos();
        lastMinute.addLast(started);
        nextTurnNanos = started + spacingNanos;
    }
}
