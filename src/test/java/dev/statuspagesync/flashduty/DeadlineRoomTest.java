package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** An attempt starts only when the invocation has room for it; margins of minutes keep this true on any machine. */
class DeadlineRoomTest {

    @Test
    void refusesAnAttemptThatNeedsMoreThanTheTimeLeftAndNamesIt() {
        Deadline deadline = Deadline.in(Duration.ofMinutes(1));

        var refused = assertThrows(FlashdutyDeadlineException.class,
                () -> deadline.ensureRoomFor(Duration.ofMinutes(10), "change/create"));

        assertEquals(true, refused.getMessage().startsWith("Flashduty call abandoned: change/create needs 600000 ms"
                + " but the invocation has "), refused.getMessage());
    }

    @Test
    void letsAnAttemptStartThatFitsTheTimeLeft() {
        Deadline.in(Duration.ofMinutes(10)).ensureRoomFor(Duration.ofMinutes(1), "change/create");
    }

    @Test
    void takesTheFallbackBudgetWhenTheRuntimeSendsNoDeadline() {
        Deadline deadline = Deadline.forInvocation(0, Duration.ofMinutes(10));

        assertThrows(FlashdutyDeadlineException.class,
                () -> deadline.ensureRoomFor(Duration.ofMinutes(11), "change/info"));
        deadline.ensureRoomFor(Duration.ofMinutes(9), "change/info");
    }
}
