package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.support.SteppedTicker;

/**
 * The pacer spaces calls and keeps the minute's budget, refusing at once a turn beyond the deadline; on a stepped
 * ticker, so that every wait is asserted exactly and none takes real time.
 */
class PacerTest {

    @Test
    void spacesConsecutiveTurns() {
        SteppedTicker ticker = new SteppedTicker();
        Pacer pacer = new Pacer(Duration.ofMillis(5), 1000, ticker);
        Deadline deadline = Deadline.in(Duration.ofSeconds(10), ticker);

        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn(deadline, Duration.ZERO, Duration.ZERO);
        }

        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5)),
                ticker.waits(), "the first turn at once, then four gaps of 5 ms");
    }

    @Test
    void keepsTheMinutesBudgetByWaitingForTheOldestTurnToLeaveTheMinute() {
        SteppedTicker ticker = new SteppedTicker();
        Pacer pacer = new Pacer(Duration.ZERO, 3, ticker);
        Deadline deadline = Deadline.in(Duration.ofMinutes(5), ticker);
        for (int i = 0; i < 3; i++) {
            pacer.awaitTurn(deadline, Duration.ZERO, Duration.ZERO);
            ticker.advance(Duration.ofSeconds(10));
        }

        pacer.awaitTurn(deadline, Duration.ZERO, Duration.ZERO);

        assertEquals(List.of(Duration.ofSeconds(30)), ticker.waits(), "the fourth turn when the first leaves the minute");
    }

    @Test
    void waitsForTheAccountsWindowWhenItReopensBeforeTheDeadline() {
        SteppedTicker ticker = new SteppedTicker();
        Pacer pacer = new Pacer(Duration.ZERO, 1000, ticker);

        pacer.awaitTurn(Deadline.in(Duration.ofMinutes(2), ticker), Duration.ZERO, Duration.ofSeconds(40));

        assertEquals(List.of(Duration.ofSeconds(40)), ticker.waits());
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
