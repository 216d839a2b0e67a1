package dev.statuspagesync.lifecycle;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.decide.PageView;
import dev.statuspagesync.flashduty.Responses;

/**
 * What a warm function read from Flashduty, kept between invocations for {@code FLASHDUTY_READ_CACHE_MS} with the
 * function's own writes applied, so that a storm of single-alarm invocations does not read the page for every
 * alarm. An invocation that failed anywhere drops it all: its view may no longer be Flashduty's.
 */
@ApplicationScoped
public class ReadCache {

    private final long ttlMillis;
    private final Clock clock;
    private final Map<Long, PageViews.View<List<Responses.Change>>> open = new HashMap<>();
    private final Map<Long, PageViews.View<PageView.Resolved>> resolved = new HashMap<>();

    @Inject
    public ReadCache(FlashdutyConfig config, Clock clock) {
        this(config.readCacheMs(), clock);
    }

    ReadCache(long ttlMillis, Clock clock) {
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** Hands the invocation the views that are still fresh; the wall clock, so a frozen function ages too. */
    synchronized void seed(PageViews views) {
        long now = clock.millis();
        open.forEach((page, view) -> {
            if (now - view.readAtMillis() < ttlMillis) {
                views.rememberOpen(page, view.value(), view.readAtMillis());
            }
        });
        resolved.forEach((page, view) -> {
            if (now - view.readAtMillis() < ttlMillis) {
                views.rememberResolved(page, view.value(), view.readAtMillis());
            }
        });
    }

    /** Keeps the invocation's views for the next, or drops everything when it failed. */
    synchronized void keep(Invocation invocation) {
        if (ttlMillis <= 0 || invocation.failed()) {
            open.clear();
            resolved.clear();
            return;
        }
        open.putAll(invocation.views().openViews());
        resolved.putAll(invocation.views().resolvedViews());
    }
}
