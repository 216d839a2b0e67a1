package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.support.SteppedTicker;

/** An attempt starts only when the invocation has room for it; on a stepped ticker, the room is exact. */
class DeadlineRoomTest {

    @Test
    void refusesAnAttemptThatNeedsMoreThanTheTimeLeftAndNamesIt() {
        SteppedTicker ticker = new SteppedTicker();
        Deadline deadline = Deadline.in(Duration.ofMinutes(1), ticker);
        ticker.advance(Duration.ofSeconds(15));

        var refused = assertThrows(FlashdutyDeadlineException.class,
                () -> deadline.ensureRoomFor(Duration.ofSeconds(46), "change/create"));

        assertEquals("Flashduty call abandoned: change/create needs 46000 ms but the invocation has 45000 ms left",
                refused.getMessage());
    }

    @Test
    void letsAnAttemptStartThatFitsTheTimeLeft() {
        SteppedTicker ticker = new SteppedTicker();
        Deadline deadline = Deadline.in(Duration.ofMinutes(1), ticker);
        ticker.advance(Duration.ofSeconds(15));

        deadline.ensureRoomFor(Duration.ofSeconds(45), "change/create");

        assertEquals(Duration.ofSeconds(45), deadline.remaining());
    }

    @Test
    void takesTheFallbackBudgetWhenTheRuntimeSendsNoDeadline() {
        Deadline deadline = Deadline.forInvocation(0, Duration.ofMinutes(10));

        assertThrows(FlashdutyDeadlineException.class,
                () -> deadline.ensureRoomFor(Duration.ofMinutes(11), "change/info"));
        deadline.ensureRoomFor(Duration.ofMinutes(9), "change/info");
    }
}
