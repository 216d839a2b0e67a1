package dev.statuspagesync.lifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.statuspagesync.decide.PageView;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;

/**
 * What one invocation has read of each page, kept current with its own writes, so that a batch of changes reads
 * each page once. Each view remembers when it was read, for {@link ReadCache}.
 */
final class PageViews {

    /** A page's view and when it was read from Flashduty (milliseconds of the clock). */
    record View<T>(long readAtMillis, T value) {
    }

    private final Clock clock;
    private final Map<Long, View<List<Responses.Change>>> open = new HashMap<>();
    private final Map<Long, View<PageView.Resolved>> resolved = new HashMap<>();
    private final Map<Long, List<Responses.Change>> maintenances = new HashMap<>();
    private final Set<Long> listed = new HashSet<>();
    private boolean listsCarryTimelines = true;

    PageViews(Clock clock) {
        this.clock = clock;
    }

    /** What a decision knows of the page. */
    PageView view(long pageId) {
        View<List<Responses.Change>> incidents = open.get(pageId);
        View<PageView.Resolved> closed = resolved.get(pageId);
        return new PageView(pageId, incidents == null ? null : incidents.value(),
                closed == null ? null : closed.value(), maintenances.get(pageId));
    }

    Optional<Responses.Change> find(long pageId, long changeId) {
        return Optional.ofNullable(open.get(pageId)).flatMap(view -> view.value().stream()
                .filter(known -> known.changeId() == changeId).findFirst());
    }

    void rememberOpen(long pageId, List<Responses.Change> incidents, long readAtMillis) {
        open.put(pageId, new View<>(readAtMillis, new ArrayList<>(incidents)));
    }

    void rememberResolved(long pageId, PageView.Resolved incidents, long readAtMillis) {
        resolved.put(pageId, new View<>(readAtMillis, incidents));
    }

    /** The page's open maintenances, read for this invocation only: they change when people change them. */
    void rememberMaintenances(long pageId, List<Responses.Change> events) {
        maintenances.put(pageId, List.copyOf(events));
    }

    /** Puts an incident's newest known form in place of the old one, or adds it. */
    void keep(long pageId, Responses.Change incident) {
        List<Responses.Change> incidents = open.computeIfAbsent(pageId,
                any -> new View<>(clock.millis(), new ArrayList<>())).value();
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
    void listed(long pageId, List<Responses.Change> incidents) {
        listed.add(pageId);
        listsCarryTimelines &= incidents.stream().allMatch(incident -> incident.updates() != null);
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

    /** Gives the known incidents that lack their timeline the ones Flashduty just listed. */
    void completeTimelines(long pageId, List<Responses.Change> listed) {
        Optional.ofNullable(open.get(pageId)).ifPresent(view -> view.value().replaceAll(known -> listed.stream()
                .filter(fresh -> fresh.changeId().equals(known.changeId()))
                .filter(fresh -> IncidentText.openingUpdate(fresh).isPresent())
                .filter(fresh -> known.updates() == null || known.updates().isEmpty())
                .findFirst().orElse(known)));
    }

    /** Moves an incident this invocation resolved from the open view to the resolved one. */
    void resolvedNow(long pageId, Responses.Change incident) {
        Optional.ofNullable(open.get(pageId)).ifPresent(view -> view.value()
                .removeIf(known -> known.changeId().equals(incident.changeId())));
        Optional.ofNullable(resolved.get(pageId)).ifPresent(view -> {
            List<Responses.Change> incidents = new ArrayList<>(view.value().incidents());
            incidents.add(incident);
            resolved.put(pageId, new View<>(view.readAtMillis(),
                    new PageView.Resolved(view.value().sinceSeconds(), incidents)));
        });
    }

    Map<Long, View<List<Responses.Change>>> openViews() {
        return Map.copyOf(open);
    }

    Map<Long, View<PageView.Resolved>> resolvedViews() {
        return Map.copyOf(resolved);
    }
}
