package dev.statuspagesync.flashduty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code FLASHDUTY_DRY_RUN}: reads go to Flashduty, writes are held back and answered as if made. The callers take
 * the same path as in a real run; they learn what it would have written from {@link #takeHeldWrites()}. An event it
 * would have opened gets a negative change id ({@link #isPlanned}), which no page has.
 */
public final class DryRunStatusPage implements StatusPageApi {

    private final StatusPageApi reads;
    private final List<PlannedWrite> held = new ArrayList<>();
    private long lastPlannedId;
    private long lastUpdateId;

    public DryRunStatusPage(StatusPageApi reads) {
        this.reads = reads;
    }

    /** Whether a change id is one a dry run gave an event it would have opened. */
    public static boolean isPlanned(long changeId) {
        return changeId < 0;
    }

    @Override
    public synchronized long createChange(Requests.CreateChange request, Predicate<Responses.Change> isOurs,
            Deadline deadline) {
        held.add(post(FlashdutyPaths.CREATE_PATH, request));
        return --lastPlannedId;
    }

    @Override
    public synchronized String addUpdate(Requests.CreateTimeline request, Deadline deadline) {
        held.add(post(FlashdutyPaths.TIMELINE_PATH, request));
        return "planned-" + ++lastUpdateId;
    }

    @Override
    public synchronized void editUpdate(Requests.UpdateTimeline request, Deadline deadline) {
        held.add(post(FlashdutyPaths.TIMELINE_UPDATE_PATH, request));
    }

    @Override
    public synchronized void deleteChange(long pageId, long changeId, Deadline deadline) {
        held.add(post(FlashdutyPaths.DELETE_PATH, new Requests.DeleteChange(pageId, changeId)));
    }

    @Override
    public List<Responses.Change> activeEvents(long pageId, EventType type, Deadline deadline) {
        return reads.activeEvents(pageId, type, deadline);
    }

    @Override
    public List<Responses.Change> events(long pageId, EventType type, ChangeStatus status, long sinceSeconds,
            Deadline deadline) {
        return reads.events(pageId, type, status, sinceSeconds, deadline);
    }

    @Override
    public Responses.Change change(long pageId, long changeId, Deadline deadline) {
        return reads.change(pageId, changeId, deadline);
    }

    @Override
    public boolean holdsWrites() {
        return true;
    }

    @Override
    public synchronized List<PlannedWrite> takeHeldWrites() {
        List<PlannedWrite> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    private static PlannedWrite post(String path, Object body) {
        return new PlannedWrite("POST", path, body);
    }
}
