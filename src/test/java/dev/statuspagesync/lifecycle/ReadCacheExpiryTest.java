package dev.statuspagesync.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.decide.PageView;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.support.SteppedClock;

/** What a warm function read is reused while it is younger than the cache's age, on the clock it is given. */
class ReadCacheExpiryTest {

    static final long PAGE = 42L;
    static final long TTL_MILLIS = 5_000;

    final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-14T09:00:00Z"));
    final ReadCache cache = new ReadCache(TTL_MILLIS, clock);

    @Test
    void handsTheNextInvocationWhatTheLastOneReadWhileItIsFresh() {
        keepAnInvocationThatRead();
        clock.advance(Duration.ofMillis(TTL_MILLIS - 1));

        assertEquals(List.of(), seeded().open());
    }

    @Test
    void readsAfreshOnceTheViewIsAsOldAsTheCacheAllows() {
        keepAnInvocationThatRead();
        clock.advance(Duration.ofMillis(TTL_MILLIS));

        assertNull(seeded().open());
    }

    @Test
    void dropsEverythingAfterAnInvocationThatFailed() {
        keepAnInvocationThatRead();
        Invocation failed = new Invocation(Deadline.in(Duration.ofMinutes(1)), new PageViews(clock));
        failed.markFailed();
        cache.keep(failed);

        assertNull(seeded().open());
    }

    private void keepAnInvocationThatRead() {
        Invocation invocation = new Invocation(Deadline.in(Duration.ofMinutes(1)), new PageViews(clock));
        invocation.views().rememberOpen(PAGE, List.of(), clock.millis());
        cache.keep(invocation);
    }

    private PageView seeded() {
        PageViews views = new PageViews(clock);
        cache.seed(views);
        return views.view(PAGE);
    }
}
