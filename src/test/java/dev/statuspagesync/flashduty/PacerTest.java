package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The pacer spaces calls and keeps the minute's budget, refusing at once a turn beyond the deadline. */
class PacerTest {

    @Test
    void spacesConsecutiveTurns() {
        Pacer pacer = new Pacer(Duration.ofMillis(5), 1000);
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn(deadline, Duration.ZERO, Duration.ZERO);
        }

        assertTrue(System.nanoTime() - started >= Duration.ofMillis(20).toNanos(), "four gaps of 5 ms at least");
    }

    @Test
    void refusesATurnBeyondTheDeadlineWhenTheMinuteIsSpent() {
        Pacer pacer = new Pacer(Duration.ZERO, 3);
        Deadline deadline = Deadline.in(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            pacer.awaitTurn(deadline, Duration.ZERO, Duration.ZERO);
        }

        var refused = assertThrows(FlashdutyDeadlineException.class,
                () -> pacer.awaitTurn(deadline, Duration.ZERO, Duration.ZERO));

        assertEquals("Flashduty call abandoned: the minute's 3 Flashduty calls are spent and the next turn comes after"
                + " the invocation's deadline", refused.getMessage());
    }

    @Test
    void refusesATurnAtOnceWhenTheAccountsWindowReopensAfterTheDeadline() {
        Pacer pacer = new Pacer(Duration.ZERO, 1000);

        var refused = assertThrows(FlashdutyDeadlineException.class,
                () -> pacer.awaitTurn(Deadline.in(Duration.ofSeconds(5)), Duration.ZERO, Duration.ofMinutes(1)));

        assertEquals("Flashduty call abandoned: Flashduty reports the account's calls spent for 60 s more, past the"
                + " invocation's deadline", refused.getMessage());
    }
}
