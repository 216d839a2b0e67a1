package dev.statuspagesync.lifecycle;

import java.time.Clock;
import java.util.List;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.decide.Need;
import dev.statuspagesync.decide.PageView;
import dev.statuspagesync.decide.Step;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.routing.Route;

/**
 * The reads a decision asks for ({@link Need}), made through Flashduty and kept in the invocation's views of its
 * pages; an incident this function keeps is read with its timeline, whose alarm list tells who joined it.
 */
final class PageReads {

    /** Open incidents, resolved incidents, a timeline, and one more for a timeline a list did not carry. */
    private static final int MAX_READS_PER_DECISION = 4;

    private final StatusPageApi flashduty;
    private final Clock clock;
    private final AlarmDecisions.Policy policy;

    PageReads(StatusPageApi flashduty, Clock clock, AlarmDecisions.Policy policy) {
        this.flashduty = flashduty;
        this.clock = clock;
        this.policy = policy;
    }

    /** Asks for the decision, making each read it needs first. */
    Decision decide(AlarmChange alarm, Route route, Invocation invocation) {
        for (int reads = 0;; reads++) {
            Step step = AlarmDecisions.decide(alarm, route, invocation.views().view(route.pageId()), policy,
                    clock.instant().getEpochSecond());
            switch (step) {
                case Decision decision -> {
                    return decision;
                }
                case Need need -> {
                    if (reads == MAX_READS_PER_DECISION) {
                        throw new IllegalStateException("the decision for alarm " + alarm.name() + " still needs "
                                + need);
                    }
                    read(need, invocation);
                }
            }
        }
    }

    void read(Need need, Invocation invocation) {
        PageViews views = invocation.views();
        switch (need) {
            case Need.OpenIncidents open -> {
                var listed = flashduty.activeIncidents(open.pageId(), invocation.deadline());
                views.listed(open.pageId(), listed);
                views.rememberOpen(open.pageId(), withTimelines(listed, open.pageId(), invocation), clock.millis());
            }
            case Need.ResolvedIncidents resolved -> views.rememberResolved(resolved.pageId(),
                    new PageView.Resolved(resolved.sinceSeconds(), flashduty.resolvedIncidents(resolved.pageId(),
                            resolved.sinceSeconds(), invocation.deadline())), clock.millis());
            case Need.Maintenances maintenances -> views.rememberMaintenances(maintenances.pageId(),
                    flashduty.activeEvents(maintenances.pageId(), EventType.MAINTENANCE, invocation.deadline()));
            // A decision asks only for incidents of the page's view; should one be missing, the decision asks
            // again and the read limit says which.
            case Need.Timeline timeline -> views.find(timeline.pageId(), timeline.changeId())
                    .ifPresent(known -> withTimeline(known, timeline.pageId(), invocation));
        }
    }

    /** The page's open incidents, read unless this invocation (or the read cache) knows them. */
    List<Responses.Change> openIncidents(long pageId, Invocation invocation) {
        if (invocation.views().view(pageId).open() == null) {
            read(new Need.OpenIncidents(pageId), invocation);
        }
        return invocation.views().view(pageId).open();
    }

    /**
     * The listed incidents, this function's with their timelines: their alarm lists tell which alarms joined them.
     * An incident listed without its timeline and without the description's key line may be one of them too (where
     * Flashduty shows the latest update as the description), so it is read.
     */
    private List<Responses.Change> withTimelines(List<Responses.Change> listed, long pageId, Invocation invocation) {
        return listed.stream()
                .map(incident -> IncidentText.isOurs(incident) || incident.updates() == null
                        ? withTimeline(incident, pageId, invocation)
                        : incident)
                .toList();
    }

    /**
     * The incident with its timeline. Incidents this function has just opened lack it, and one read of the page's
     * open incidents completes them all; an incident still without updates is read from change/info.
     */
    Responses.Change withTimeline(Responses.Change incident, long pageId, Invocation invocation) {
        if (IncidentText.openingUpdate(incident).isPresent()) {
            return incident;
        }
        PageViews views = invocation.views();
        if (views.shouldList(pageId)) {
            relist(pageId, invocation);
            var completed = views.find(pageId, incident.changeId())
                    .filter(known -> IncidentText.openingUpdate(known).isPresent());
            if (completed.isPresent()) {
                return completed.get();
            }
        }
        Responses.Change full = flashduty.change(pageId, incident.changeId(), invocation.deadline());
        views.keep(pageId, full);
        return full;
    }

    /** Reads the page's open incidents again, giving the known ones that lack a timeline the one listed. */
    List<Responses.Change> relist(long pageId, Invocation invocation) {
        var listed = flashduty.activeIncidents(pageId, invocation.deadline());
        invocation.views().listed(pageId, listed);
        invocation.views().completeTimelines(pageId, listed);
        return listed;
    }
}
