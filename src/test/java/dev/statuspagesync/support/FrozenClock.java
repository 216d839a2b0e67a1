package dev.statuspagesync.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The function's clock stopped at {@link #AT}, for a test profile that lists it among its enabled alternatives: a
 * wait the function reads from an absolute time (a rate-limit window's reset) is then exact.
 */
@Alternative
@Singleton
public class FrozenClock {

    public static final Instant AT = Instant.parse("2026-03-14T10:00:00Z");

    @Produces
    @Singleton
    @Alternative
    Clock frozen() {
        return Clock.fixed(AT, ZoneOffset.UTC);
    }
}
