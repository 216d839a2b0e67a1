package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.support.SteppedClock;

/** The account's window as Flashduty's headers report it, on the clock it is given. */
class RateWindowTest {

    static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");

    final SteppedClock clock = new SteppedClock(NOW);
    final RateWindow window = new RateWindow(clock);

    @Test
    void closesUntilTheResetWhenNothingRemains() {
        window.observe("0", String.valueOf(NOW.getEpochSecond() + 30));

        assertEquals(Duration.ofSeconds(30), window.closedFor());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Duration.ZERO, window.closedFor());
    }

    @Test
    void staysOpenWhileCallsRemainOrTheHeadersAreAbsentOrUnreadable() {
        window.observe("12", String.valueOf(NOW.getEpochSecond() + 30));
        window.observe(null, null);
        window.observe("none", "later");

        assertEquals(Duration.ZERO, window.closedFor());
    }

    @Test
    void reopensWhenALaterAnswerHasCallsLeft() {
        window.observe("0", String.valueOf(NOW.getEpochSecond() + 30));

        window.observe("999", String.valueOf(NOW.getEpochSecond() + 60));

        assertEquals(Duration.ZERO, window.closedFor());
    }
}
