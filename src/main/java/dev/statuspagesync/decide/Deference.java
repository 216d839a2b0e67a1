package dev.statuspagesync.decide;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.routing.Route;

/**
 * Deference ({@code STATUSPAGE_DEFER_TO}): the components of a firing alarm that someone else's open event covers,
 * an incident a person opened or a maintenance in progress, are left to it; a new incident takes the others.
 */
final class Deference {

    private Deference() {
    }

    /**
     * Opens an incident on the alarm's components that no one else's open event covers: an incident a person
     * opened, or a maintenance in progress, as {@code STATUSPAGE_DEFER_TO} says.
     */
    static Step openUnlessCovered(AlarmChange alarm, Route route, PageView page, AlarmDecisions.Policy policy,
            long at) {
        if (needsMaintenances(page, policy)) {
            return new Need.Maintenances(page.pageId());
        }
        Map<String, String> coveredBy = coveredBy(route, page, policy);
        if (coveredBy.isEmpty()) {
            return new Decision.Open(named(alarm), alarm.memberKey(), IncidentMapper.openIncident(alarm, route, at));
        }
        String whose = coveredBy.values().stream().distinct().collect(Collectors.joining(", "));
        var uncovered = uncovered(route, coveredBy);
        if (uncovered.isEmpty()) {
            return Decision.Ignore.deferred(AlarmDecisions.DEFERRED + "every component of " + named(alarm)
                    + " is covered by " + whose);
        }
        return new Decision.Open(named(alarm), alarm.memberKey(),
                IncidentMapper.openIncident(alarm, route.withComponents(uncovered), at),
                "components " + String.join(", ", coveredBy.keySet()) + " deferred to " + whose);
    }

    /** How answers name the change: "alarm X" (a time series too), or the AWS Health event. */
    static String named(AlarmChange alarm) {
        return alarm.isHealth() ? IncidentMapper.subject(alarm) : "alarm " + alarm.name();
    }

    static boolean needsMaintenances(PageView page, AlarmDecisions.Policy policy) {
        return policy.calm().deferTo().contains(CalmPage.Deference.MAINTENANCE) && page.maintenances() == null;
    }

    /**
     * The route's components that someone else's open event covers, each with the first such event: an incident
     * a person opened, or a maintenance in progress, as {@code STATUSPAGE_DEFER_TO} says.
     */
    static Map<String, String> coveredBy(Route route, PageView page, AlarmDecisions.Policy policy) {
        var deferTo = policy.calm().deferTo();
        // A published event defers only when the operator says so: otherwise any publisher could hide an alarm.
        // The function's own maintenances of AWS Health never hide an alarm: AWS's work is no reason for an outage.
        Predicate<Responses.Change> counts = event -> {
            List<String> keys = IncidentText.eventKeys(event);
            return keys.stream().noneMatch(key -> key.startsWith(IncidentText.HEALTH_KEY_PREFIX))
                    && (deferTo.contains(CalmPage.Deference.PUBLISHED) || keys.isEmpty());
        };
        Map<String, String> coveredBy = new LinkedHashMap<>();
        if (deferTo.contains(CalmPage.Deference.PEOPLE)) {
            page.open().stream().filter(incident -> !IncidentText.isOurs(incident)).filter(counts)
                    .sorted(Comparator.comparing(Responses.Change::changeId))
                    .forEach(incident -> cover(coveredBy, incident, route, "incident " + incident.changeId()));
        }
        if (deferTo.contains(CalmPage.Deference.MAINTENANCE)) {
            page.maintenances().stream().filter(event -> event.status() == ChangeStatus.ONGOING).filter(counts)
                    .sorted(Comparator.comparing(Responses.Change::changeId))
                    .forEach(event -> cover(coveredBy, event, route, "maintenance " + event.changeId()));
        }
        return coveredBy;
    }

    static List<String> uncovered(Route route, Map<String, String> coveredBy) {
        return route.componentIds().stream().filter(id -> !coveredBy.containsKey(id)).toList();
    }

    /** Marks the route's components that {@code event} affects as covered by it, unless covered already. */
    static void cover(Map<String, String> coveredBy, Responses.Change event, Route route, String label) {
        if (event.affectedComponents() == null) {
            return;
        }
        String named = label + (event.title() == null ? "" : " (\"" + event.title() + "\")");
        event.affectedComponents().stream().map(Responses.AffectedComponent::componentId)
                .filter(route.componentIds()::contains)
                .forEach(id -> coveredBy.putIfAbsent(id, named));
    }
}
