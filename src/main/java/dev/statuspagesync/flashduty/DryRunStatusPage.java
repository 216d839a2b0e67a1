package dev.statuspagesync.flashduty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code FLASHDUTY_DRY_RUN}: reads go to Flashduty, writes are held back and answered as if made. The callers take
 * the same path as in a real run; they learn what it would have written from {@link #takeHeldWrites()}. An event it
 * would have opened gets a negative change id ({@link #isPlanned}), which no page has, and is listed and read back as
 * it was opened, so that a batch's later changes find it as they would on the page.
 */
public final class DryRunStatusPage implements StatusPageApi {

    private final StatusPageApi reads;
    private final List<PlannedWrite> held = new ArrayList<>();
    private final Map<Long, Responses.Change> planned = new LinkedHashMap<>();
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
        long changeId = --lastPlannedId;
        planned.put(changeId, asOpened(changeId, request));
        return changeId;
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
        List<Responses.Change> listed = reads.activeEvents(pageId, type, deadline);
        synchronized (this) {
            return Stream.concat(listed.stream(), planned.values().stream()
                    .filter(event -> event.pageId() == pageId && event.type() == type)).toList();
        }
    }

    @Override
    public List<Responses.Change> events(long pageId, EventType type, ChangeStatus status, long sinceSeconds,
            Deadline deadline) {
        return reads.events(pageId, type, status, sinceSeconds, deadline);
    }

    @Override
    public Responses.Change change(long pageId, long changeId, Deadline deadline) {
        synchronized (this) {
            if (isPlanned(changeId)) {
                return planned.get(changeId);
            }
        }
        return reads.change(pageId, changeId, deadline);
    }

    @Override
    public boolean holdsWrites() {
        return true;
    }

    /** Forgets the events this dry run would have opened: what it plans next starts from the page as it is. */
    @Override
    public synchronized void forgetPlanned() {
        planned.clear();
    }

    @Override
    public synchronized List<PlannedWrite> takeHeldWrites() {
        List<PlannedWrite> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    /** The event as Flashduty would list it after the create: its opening updates as its timeline. */
    private static Responses.Change asOpened(long changeId, Requests.CreateChange request) {
        List<Responses.TimelineEntry> updates = new ArrayList<>();
        for (int i = 0; i < request.updates().size(); i++) {
            Requests.Update update = request.updates().get(i);
            updates.add(new Responses.TimelineEntry("planned-" + changeId + "-" + i,
                    update.atSeconds() == null ? request.startAtSeconds() : update.atSeconds(), update.status(),
                    update.description(), changesOf(update).stream()
                            .map(component -> new Responses.ComponentChangeItem(component.componentId(), null,
                                    component.status()))
                            .toList()));
        }
        List<Responses.AffectedComponent> components = request.updates().stream().limit(1)
                .flatMap(opening -> changesOf(opening).stream())
                .map(component -> new Responses.AffectedComponent(component.componentId(), null, component.status()))
                .toList();
        return new Responses.Change(changeId, request.pageId(), request.type(), request.title(), request.description(),
                request.status(), components, request.startAtSeconds(), request.closeAtSeconds(), updates,
                request.notifySubscribers());
    }

    private static List<Requests.ComponentChange> changesOf(Requests.Update update) {
        return update.componentChanges() == null ? List.of() : update.componentChanges();
    }

    private static PlannedWrite post(String path, Object body) {
        return new PlannedWrite("POST", path, body);
    }
}
