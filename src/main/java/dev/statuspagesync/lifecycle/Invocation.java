package dev.statuspagesync.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.routing.Route;

/**
 * What one invocation has read from Flashduty, kept current with its own writes, and the edits of incidents'
 * alarm lists it has yet to write. A batch of changes thus reads each page once and writes each incident's list
 * once, however many of its changes touch it.
 */
public final class Invocation {

    /** An incident whose alarm list changed, the items of the batch that changed it, and the alarms that joined. */
    record PendingEdit(long pageId, long changeId, Route route, Set<Integer> items, Set<String> joined) {
    }

    /** Resolved incidents of a page that started at or after {@code sinceSeconds}. */
    record Resolved(long sinceSeconds, List<Responses.Change> incidents) {
    }

    /** A page's view and when it was read from Flashduty (wall-clock milliseconds). */
    record View<T>(long readAtMillis, T value) {
    }

    private final Deadline deadline;
    private final Map<Long, View<List<Responses.Change>>> open = new HashMap<>();
    private final Map<Long, View<Resolved>> resolved = new HashMap<>();
    private final Set<Long> listed = new HashSet<>();
    private boolean listsCarryTimelines = true;
    private boolean failed;
    private final Map<Long, PendingEdit> edits = new LinkedHashMap<>();
    private final Map<Integer, Outcome> failedLater = new HashMap<>();
    private int item;

    Invocation(Deadline deadline) {
        this.deadline = deadline;
    }

    Deadline deadline() {
        return deadline;
    }

    /** Marks the item of the batch whose change is applied next. */
    void startItem(int index) {
        this.item = index;
    }

    Optional<List<Responses.Change>> open(long pageId) {
        return Optional.ofNullable(open.get(pageId)).map(View::value);
    }

    void rememberOpen(long pageId, List<Responses.Change> incidents, long readAtMillis) {
        open.put(pageId, new View<>(readAtMillis, new ArrayList<>(incidents)));
    }

    /** Puts an incident's newest known form in place of the old one, or adds it. */
    void keep(long pageId, Responses.Change incident) {
        List<Responses.Change> incidents = open.computeIfAbsent(pageId,
                any -> new View<>(System.currentTimeMillis(), new ArrayList<>())).value();
        incidents.removeIf(known -> known.changeId().equals(incident.changeId()));
        incidents.add(incident);
    }

    /**
     * Whether reading the page's open incidents could complete timelines the invocation lacks: it has not read
     * them since it last opened an incident there, and Flashduty's lists have carried timelines so far.
     */
    boolean shouldList(long pageId) {
        return listsCarryTimelines && !listed.contains(pageId);
    }

    /** Notes a read of the page's open incidents, and whether those of this function came with their timeline. */
    void listed(long pageId, boolean withTimelines) {
        listed.add(pageId);
        listsCarryTimelines &= withTimelines;
    }

    /** Notes an incident this invocation opened on the page; Flashduty alone knows its timeline. */
    void opened(long pageId, Responses.Change incident) {
        keep(pageId, incident);
        listed.remove(pageId);
    }

    /** Forgets an incident this invocation deleted. */
    void deleted(long pageId, long changeId) {
        Optional.ofNullable(open.get(pageId)).ifPresent(view -> view.value()
                .removeIf(known -> known.changeId() == changeId));
    }

    /** Gives a known incident that lacks its timeline the one Flashduty just listed. */
    void completeTimeline(long pageId, Responses.Change listed) {
        Optional.ofNullable(open.get(pageId)).ifPresent(view -> view.value().replaceAll(known ->
                known.changeId().equals(listed.changeId()) && (known.updates() == null || known.updates().isEmpty())
                        ? listed : known));
    }

    /** Moves an incident this invocation resolved from the open view to the resolved one. */
    void resolvedNow(long pageId, Responses.Change incident) {
        Optional.ofNullable(open.get(pageId)).ifPresent(view -> view.value()
                .removeIf(known -> known.changeId().equals(incident.changeId())));
        Optional.ofNullable(resolved.get(pageId)).ifPresent(view -> view.value().incidents().add(incident));
    }

    Optional<Resolved> resolved(long pageId, long sinceSeconds) {
        View<Resolved> known = resolved.get(pageId);
        return known != null && known.value().sinceSeconds() <= sinceSeconds ? Optional.of(known.value())
                : Optional.empty();
    }

    void rememberResolved(long pageId, Resolved incidents, long readAtMillis) {
        resolved.put(pageId, new View<>(readAtMillis, new Resolved(incidents.sinceSeconds(),
                new ArrayList<>(incidents.incidents()))));
    }

    Map<Long, View<List<Responses.Change>>> openViews() {
        return Map.copyOf(open);
    }

    Map<Long, View<Resolved>> resolvedViews() {
        return Map.copyOf(resolved);
    }

    /** Something went wrong: what this invocation believes of Flashduty may not be what Flashduty holds. */
    void markFailed() {
        failed = true;
    }

    boolean failed() {
        return failed || !failedLater.isEmpty();
    }

    /** Records that the current item changed this incident's alarm list, to be written once at the end. */
    void deferEdit(long pageId, long changeId, Route route, Set<String> joined) {
        PendingEdit edit = edits.computeIfAbsent(changeId,
                id -> new PendingEdit(pageId, changeId, route, new LinkedHashSet<>(), new LinkedHashSet<>()));
        edit.items().add(item);
        edit.joined().addAll(joined);
    }

    Optional<PendingEdit> takeEdit(long changeId) {
        return Optional.ofNullable(edits.remove(changeId));
    }

    List<PendingEdit> takeEdits() {
        List<PendingEdit> pending = new ArrayList<>(edits.values());
        edits.clear();
        return pending;
    }

    /** An item whose change was applied but whose write failed later; its message must be delivered again. */
    void failLater(Set<Integer> items, Outcome outcome) {
        items.forEach(index -> failedLater.put(index, outcome));
    }

    Map<Integer, Outcome> failedLater() {
        return Map.copyOf(failedLater);
    }
}
