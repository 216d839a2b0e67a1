package dev.statuspagesync.support;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The function's clock in a test profile that lists this class among its enabled alternatives: {@link #CLOCK}, which
 * stands still until a test moves it. A wait the function reads from an absolute time (a rate window's reset) is then
 * exact, and a test lets an hour pass to reopen a window or age a read cache.
 */
@Alternative
@Singleton
public class AppClock {

    public static final SteppedClock CLOCK = new SteppedClock(Instant.parse("2026-03-14T10:00:00Z"));

    @Produces
    @Singleton
    @Alternative
    Clock clock() {
        return CLOCK;
    }
}
