package dev.statuspagesync.flashduty;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.metrics.Metrics;

import io.quarkus.runtime.Startup;

/**
 * The status-page operations the function uses, each retried, rate-limited and bounded by the deadline. Injected as
 * {@link StatusPageApi} through {@link StatusPages}, which may put a dry run in front of it. Started with the
 * application, so that shares that cannot work stop it at once instead of failing every event.
 */
@Startup
@ApplicationScoped
@Typed(FlashdutyClient.class)
public class FlashdutyClient implements StatusPageApi {

    private final FlashdutyGateway gateway;
    private final Pacer pacer;
    private final RateWindow window;
    private final Duration callBudget;
    private final Metrics metrics;

    FlashdutyClient(FlashdutyGateway gateway, FlashdutyConfig config, RateWindow window, Metrics metrics,
            Ticker ticker) {
        this.gateway = gateway;
        this.window = window;
        this.metrics = metrics;
        if (config.callsPerSecond() < 1 || config.callsPerSecond() > FlashdutyGateway.ACCOUNT_CALLS_PER_SECOND) {
            throw new IllegalArgumentException("FLASHDUTY_CALLS_PER_SECOND must be between 1 and "
                    + FlashdutyGateway.ACCOUNT_CALLS_PER_SECOND + ", was " + config.callsPerSecond());
        }
        if (config.callsPerMinute() < 1) {
            throw new IllegalArgumentException("FLASHDUTY_CALLS_PER_MINUTE must be at least 1, was "
                    + config.callsPerMinute());
        }
        // Paced a little below the shares, which leaves room for the retries the pacer does not see.
        this.pacer = new Pacer(Duration.ofMillis(Math.max(FlashdutyGateway.MIN_SPACING_MILLIS + 1,
                (1000 + config.callsPerSecond() - 1) / config.callsPerSecond())),
                Math.max(1, config.callsPerMinute() * 95 / 100), ticker);
        this.callBudget = Duration.ofMillis(config.retry().callTimeoutMs() + config.retry().reserveMs());
    }

    /**
     * Opens an event and returns its change id. Create is not idempotent, so when an attempt failed without a
     * clear answer (timeout, dropped connection, 5xx) the retry first looks for the event that attempt may have
     * opened, recognised by {@code isOurs}, and returns it instead of opening a second one.
     */
    @Override
    public long createChange(Requests.CreateChange request, Predicate<Responses.Change> isOurs, Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        var create = new LookAgainBeforeCreate(request, isOurs);
        Responses.CreatedChange created = call(Operation.CREATE, deadline, create);
        if (created == null || created.changeId() == null) {
            throw FlashdutyErrors.classify(200, "MissingChangeId", "create answered without a change_id", null, null);
        }
        return created.changeId();
    }

    /**
     * Appends a timeline update and returns its update id. Like create, it is not idempotent: a retry after an
     * unclear failure first looks for the update that attempt may have added.
     */
    @Override
    public String addUpdate(Requests.CreateTimeline request, Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        Responses.CreatedUpdate created = call(Operation.TIMELINE_CREATE, deadline,
                new LookAgainBeforeUpdate(request));
        return created == null ? null : created.updateId();
    }

    /** Rewrites the description of an existing update; subscribers are not notified of edits. */
    @Override
    public void editUpdate(Requests.UpdateTimeline request, Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        call(Operation.TIMELINE_UPDATE, deadline, api -> api.updateTimeline(request));
    }

    /**
     * Deletes an event. What Flashduty answers for an event already gone is not documented, so a refusal is
     * thrown as it came, and the caller decides from the page.
     */
    @Override
    public void deleteChange(long pageId, long changeId, Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        call(Operation.DELETE, deadline, api -> api.delete(new Requests.DeleteChange(pageId, changeId)));
    }

    @Override
    public List<Responses.Change> activeEvents(long pageId, EventType type, Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        Responses.ChangeList list = call(Operation.ACTIVE_LIST, deadline,
                api -> api.activeList(pageId, type.wire()));
        return itemsOf(list, Operation.ACTIVE_LIST);
    }

    @Override
    public List<Responses.Change> events(long pageId, EventType type, ChangeStatus status, long sinceSeconds,
            Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        Responses.ChangeList list = call(Operation.LIST, deadline,
                api -> api.list(pageId, type.wire(), status.wire(), sinceSeconds));
        return itemsOf(list, Operation.LIST);
    }

    /**
     * The items of a list answer. The spec requires {@code items}; taking an answer without them for "no open
     * incidents" would open a second incident for an alarm that has one, so it is refused instead.
     */
    private static List<Responses.Change> itemsOf(Responses.ChangeList list, Operation operation) {
        if (list == null || list.items() == null) {
            throw FlashdutyErrors.classify(200, "MissingItems", operation + " answered without items", null, null);
        }
        return list.items();
    }

    /** One guarded call; the attempts after its first count as retries. */
    private <T> T call(Operation operation, Deadline deadline,
            Function<FlashdutyApi, Responses.Envelope<T>> request) {
        long before = metrics.counted(Metrics.FLASHDUTY_CALLS);
        try {
            return gateway.call(operation, deadline, request);
        } finally {
            long attempts = metrics.counted(Metrics.FLASHDUTY_CALLS) - before;
            metrics.count(Metrics.FLASHDUTY_RETRIES, Math.max(0, attempts - 1));
        }
    }

    /** One event with its full timeline. */
    @Override
    public Responses.Change change(long pageId, long changeId, Deadline deadline) {
        pacer.awaitTurn(deadline, callBudget, window.closedFor());
        return call(Operation.INFO, deadline, api -> api.info(pageId, changeId));
    }
}
