package dev.statuspagesync.flashduty;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The account's rate window as Flashduty last reported it in {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (absolute unix seconds): when nothing remains, calls wait for the reset, so a window
 * that other clients of the account spent does not cost this function its retries.
 */
@ApplicationScoped
public class RateWindow {

    private final Clock clock;
    private volatile long closedUntilEpochSecond;

    public RateWindow(Clock clock) {
        this.clock = clock;
    }

    /** Notes one answer's headers; absent or unreadable ones change nothing. */
    void observe(String remaining, String reset) {
        try {
            if (remaining != null && reset != null && Long.parseLong(remaining.trim()) <= 0) {
                closedUntilEpochSecond = Math.max(closedUntilEpochSecond, Long.parseLong(reset.trim()));
            } else if (remaining != null && Long.parseLong(remaining.trim()) > 0) {
                closedUntilEpochSecond = 0;
            }
        } catch (NumberFormatException unreadable) {
            // A header Flashduty did not mean for us: pacing goes on by the configured shares.
        }
    }

    /** How long until the window reopens; zero while it is open. */
    Duration closedFor() {
        long now = clock.instant().getEpochSecond();
        return closedUntilEpochSecond > now ? Duration.ofSeconds(closedUntilEpochSecond - now) : Duration.ZERO;
    }
}
