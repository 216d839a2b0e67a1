package dev.statuspagesync.flashduty;

import java.util.List;
import java.util.function.Predicate;

/**
 * The status-page operations the use cases need. {@link FlashdutyClient} carries them to Flashduty, retried,
 * paced and bounded by the invocation's deadline; a dry run holds the writes back ({@link DryRunStatusPage}); a
 * model test can keep a page in memory behind the same calls. {@link StatusPages} chooses one at start-up.
 */
public interface StatusPageApi {

    /**
     * Opens an event and returns its change id; a retry after an unclear failure first looks for the event that
     * {@code isOurs} recognises.
     */
    long createChange(Requests.CreateChange request, Predicate<Responses.Change> isOurs, Deadline deadline);

    /** Appends a timeline update and returns its update id. */
    String addUpdate(Requests.CreateTimeline request, Deadline deadline);

    /** Rewrites the description of an existing update; subscribers are not notified of edits. */
    void editUpdate(Requests.UpdateTimeline request, Deadline deadline);

    /** Deletes an event; a refusal (also for an event already gone) is thrown for the caller to judge. */
    void deleteChange(long pageId, long changeId, Deadline deadline);

    /** Every open event of one type of a page. */
    List<Responses.Change> activeEvents(long pageId, EventType type, Deadline deadline);

    /** Events of one type and status of a page that started at or after {@code sinceSeconds}. */
    List<Responses.Change> events(long pageId, EventType type, ChangeStatus status, long sinceSeconds,
            Deadline deadline);

    /** One event with its full timeline. */
    Responses.Change change(long pageId, long changeId, Deadline deadline);

    /** Every open incident of a page. */
    default List<Responses.Change> activeIncidents(long pageId, Deadline deadline) {
        return activeEvents(pageId, EventType.INCIDENT, deadline);
    }

    /** Whether writes are held back instead of made: a dry run's. */
    default boolean holdsWrites() {
        return false;
    }

    /** Forgets the events a dry run would have opened, as an invocation begins; nothing where writes are made. */
    default void forgetPlanned() {
    }

    /** The writes held back since the last call, in order; none where writes are made. */
    default List<PlannedWrite> takeHeldWrites() {
        return List.of();
    }

    /** Resolved incidents of a page that started at or after {@code sinceSeconds}. */
    default List<Responses.Change> resolvedIncidents(long pageId, long sinceSeconds, Deadline deadline) {
        return events(pageId, EventType.INCIDENT, EventType.INCIDENT.terminal(), sinceSeconds, deadline);
    }
}
