package dev.statuspagesync.decide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Audience;

/**
 * What the function knows of an incident after its own writes, without reading it again: the invocation's views
 * keep these copies, so later changes of the same invocation decide on the page as it now is.
 */
public final class KnownIncident {

    private KnownIncident() {
    }

    /** What the function knows of an incident it has just opened; its timeline is read when first needed. */
    public static Responses.Change opened(long changeId, Requests.CreateChange request) {
        var components = request.updates().get(0).componentChanges().stream()
                .map(change -> new Responses.AffectedComponent(change.componentId(), null, change.status())).toList();
        return new Responses.Change(changeId, request.pageId(), request.type(), request.title(), request.description(),
                request.status(), components, request.startAtSeconds(), null, null, request.notifySubscribers());
    }

    /** The incident after {@code resolution}: resolved, its components operational. */
    public static Responses.Change resolved(Responses.Change incident, Requests.CreateTimeline resolution) {
        List<Responses.TimelineEntry> updates = new ArrayList<>(incident.updates() == null ? List.of()
                : incident.updates());
        updates.add(new Responses.TimelineEntry(null, resolution.atSeconds(), ChangeStatus.RESOLVED,
                resolution.description(), List.of()));
        var components = resolution.componentChanges().stream()
                .map(change -> new Responses.AffectedComponent(change.componentId(), null, change.status())).toList();
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), ChangeStatus.RESOLVED, components, incident.startAtSeconds(),
                resolution.atSeconds(), updates, incident.notifySubscribers());
    }

    /**
     * The incident with its opening update listing {@code members}: by reference on a public page, and in an
     * incident that already names its alarms so.
     */
    public static Responses.Change withMembers(Responses.Change incident, Membership members, Audience page) {
        var opening = IncidentText.openingUpdate(incident).orElseThrow();
        var updates = incident.updates().stream().map(update -> update == opening
                ? new Responses.TimelineEntry(update.updateId(), update.atSeconds(), update.status(),
                        IncidentText.withAlarmList(update.description(), members, opaque(incident, page)),
                        update.componentChanges())
                : update).toList();
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), incident.status(), incident.affectedComponents(), incident.startAtSeconds(),
                incident.closeAtSeconds(), updates, incident.notifySubscribers());
    }

    /** The incident after {@code update}: its status, and the components the update changed. */
    public static Responses.Change afterUpdate(Responses.Change incident, Requests.CreateTimeline update) {
        Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
        if (incident.affectedComponents() != null) {
            incident.affectedComponents().forEach(component -> statuses.put(component.componentId(), component.status()));
        }
        update.componentChanges().forEach(change -> statuses.put(change.componentId(), change.status()));
        var components = statuses.entrySet().stream()
                .map(entry -> new Responses.AffectedComponent(entry.getKey(), null, entry.getValue())).toList();
        List<Responses.TimelineEntry> updates = new ArrayList<>(incident.updates() == null ? List.of()
                : incident.updates());
        updates.add(new Responses.TimelineEntry(null, update.atSeconds(), update.status(), update.description(),
                List.of()));
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), update.status(), components, incident.startAtSeconds(),
                incident.closeAtSeconds(), updates, incident.notifySubscribers());
    }

    /** Whether the incident's list names its alarms by reference: on a public page, or where it already does. */
    static boolean opaque(Responses.Change incident, Audience page) {
        return page == Audience.PUBLIC || IncidentText.isOpaque(incident);
    }
}
