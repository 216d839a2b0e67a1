package dev.statuspagesync.decide;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.References;
import dev.statuspagesync.page.TechnicalText;
import dev.statuspagesync.page.Timeline;
import dev.statuspagesync.routing.Audience;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Wording;

/** Pure mappings from alarm changes and incidents to Flashduty's requests. */
public final class IncidentMapper {

    /** The longest contributor label the alarm list shows. */
    static final int MAX_LABEL = 256;

    private IncidentMapper() {
    }

    /** The create request; {@code atSeconds} is when the change happened (the state time, or now). */
    public static Requests.CreateChange openIncident(AlarmChange alarm, Route route, long atSeconds) {
        ComponentStatus impact = route.impactFor(alarm.newState());
        var componentChanges = route.componentIds().stream()
                .map(id -> new Requests.ComponentChange(id, impact))
                .toList();
        var firstUpdate = new Requests.Update(ChangeStatus.INVESTIGATING,
                UpdateText.opening(route, alarm, impact, atSeconds) + "\n\n"
                        + IncidentText.alarmList(Membership.opening(alarm.memberKey(), atSeconds,
                                contributorLabel(alarm)), route.wording().audience() == Audience.PUBLIC),
                componentChanges);
        return new Requests.CreateChange(route.pageId(), EventType.INCIDENT,
                UpdateText.title(route, alarm, impact, atSeconds),
                UpdateText.description(route, alarm, impact, atSeconds), ChangeStatus.INVESTIGATING,
                alarm.stateTime() == null ? null : alarm.stateTime().getEpochSecond(),
                route.notifySubscribers(), emptyToNull(route.responders()), emptyToNull(route.linkedChanges()),
                List.of(firstUpdate));
    }

    static <T> List<T> emptyToNull(List<T> values) {
        return values.isEmpty() ? null : values;
    }

    /** The edit of the opening update that records the incident's alarms; no one is notified of it. */
    public static Requests.UpdateTimeline recordMembers(Responses.Change incident, Membership members, long pageId,
            Audience page) {
        var opening = IncidentText.openingUpdate(incident).orElseThrow();
        return new Requests.UpdateTimeline(pageId, incident.changeId(), opening.updateId(),
                IncidentText.withAlarmList(opening.description(), members, KnownIncident.opaque(incident, page)));
    }

    /**
     * The update that raises components to a joining alarm's impact, or empty when none is raised; this is the
     * only join that subscribers hear of.
     */
    static Optional<Requests.CreateTimeline> raiseImpact(AlarmChange alarm, Responses.Change incident,
            Route route, long atSeconds) {
        var current = new HashMap<String, ComponentStatus>();
        if (incident.affectedComponents() != null) {
            incident.affectedComponents().forEach(component -> current.put(component.componentId(), component.status()));
        }
        ComponentStatus impact = route.impactFor(alarm.newState());
        var raised = route.componentIds().stream()
                .filter(id -> severity(current.getOrDefault(id, ComponentStatus.OPERATIONAL)) < severity(impact))
                .map(id -> new Requests.ComponentChange(id, impact)).toList();
        if (raised.isEmpty()) {
            return Optional.empty();
        }
        // An incident in monitoring, all of its alarms recovered until now, is identified again.
        return Optional.of(new Requests.CreateTimeline(pageOf(incident, route), incident.changeId(),
                incident.status() == null ? ChangeStatus.INVESTIGATING
                        : incident.status() == ChangeStatus.MONITORING ? ChangeStatus.IDENTIFIED : incident.status(),
                UpdateText.raised(route, alarm, raised.stream().map(Requests.ComponentChange::componentId).toList(),
                        names(incident), impact, atSeconds),
                Math.max(atSeconds, Timeline.newestRecordedAt(incident) + 1), raised));
    }

    private static int severity(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL, UNDER_MAINTENANCE -> 0;
            case DEGRADED -> 1;
            case PARTIAL_OUTAGE -> 2;
            case FULL_OUTAGE -> 3;
        };
    }

    /** The page an incident is on: its own, or the route's when the answer leaves it out. */
    public static long pageOf(Responses.Change incident, Route route) {
        return incident.pageId() == null ? route.pageId() : incident.pageId();
    }

    /** The timeline update that resolves an incident: every affected component back to operational. */
    public static Requests.CreateTimeline resolveIncident(AlarmChange alarm, Responses.Change incident, Route route,
            long atSeconds) {
        var operational = operational(affected(incident, route.componentIds()));
        // An update must come after the event's start and its newest update, whatever order the changes arrived
        // in (Flashduty's guide says "after"); and the incident is resolved when its last alarm recovered, which
        // may be one whose change arrived earlier.
        Membership members = IncidentText.members(incident);
        long lastRecorded = members.members().values().stream().mapToLong(Membership.Member::atSeconds).max()
                .orElse(0);
        long at = Math.max(Math.max(atSeconds, lastRecorded), Timeline.newestRecordedAt(incident) + 1);
        return new Requests.CreateTimeline(pageOf(incident, route), incident.changeId(), ChangeStatus.RESOLVED,
                UpdateText.resolved(route.wording(), alarm, members.members().size(),
                        operational.stream().map(Requests.ComponentChange::componentId).toList(), names(incident), at),
                at, operational);
    }

    /**
     * The update that resolves an incident whose alarms have all stayed recovered for {@code quiet}, at the time the
     * last one recovered.
     */
    public static Requests.CreateTimeline resolveQuietIncident(Responses.Change incident, long pageId, Wording wording,
            long lastRecovered, Duration quiet) {
        Membership members = IncidentText.members(incident);
        String last = members.members().entrySet().stream()
                .filter(entry -> entry.getValue().atSeconds() == lastRecovered).map(Map.Entry::getKey)
                .reduce((first, second) -> second).orElseThrow();
        var operational = operational(affected(incident, List.of()));
        long at = Math.max(lastRecovered, Timeline.newestRecordedAt(incident) + 1);
        return new Requests.CreateTimeline(pageId, incident.changeId(), ChangeStatus.RESOLVED,
                UpdateText.resolvedQuietly(wording, References.isReference(last) ? References.alarmOf(last)
                        : MemberKey.parse(last).arn(), lastRecovered, members.members().size(),
                        quiet, operational.stream().map(Requests.ComponentChange::componentId).toList(),
                        names(incident), at),
                at, operational);
    }

    /** The {@code monitoring} update of an incident whose alarms have all recovered: components operational. */
    static Requests.CreateTimeline monitorIncident(Responses.Change incident, long pageId, Wording wording) {
        long lastRecovered = IncidentText.members(incident).members().values().stream()
                .mapToLong(Membership.Member::atSeconds).max().orElse(0);
        var operational = operational(affected(incident, List.of()));
        long at = Math.max(lastRecovered, Timeline.newestRecordedAt(incident) + 1);
        return new Requests.CreateTimeline(pageId, incident.changeId(), ChangeStatus.MONITORING,
                UpdateText.monitoring(wording, operational.stream().map(Requests.ComponentChange::componentId)
                        .toList(), names(incident), at),
                at, operational);
    }

    /**
     * The update that takes an incident in {@code monitoring} back to {@code identified}: its alarm fires again,
     * and the components it affects return to its impact.
     */
    static Requests.CreateTimeline reopenIncident(AlarmChange alarm, Responses.Change incident, Route route,
            long atSeconds) {
        List<String> onIncident = affected(incident, List.of());
        List<String> components = route.componentIds().stream().filter(onIncident::contains).toList();
        ComponentStatus impact = route.impactFor(alarm.newState());
        List<String> back = components.isEmpty() ? route.componentIds() : components;
        long at = Math.max(atSeconds, Timeline.newestRecordedAt(incident) + 1);
        return new Requests.CreateTimeline(pageOf(incident, route), incident.changeId(), ChangeStatus.IDENTIFIED,
                UpdateText.reopened(route, alarm, back, names(incident), impact, at), at,
                back.stream().map(id -> new Requests.ComponentChange(id, impact)).toList());
    }

    /**
     * The components an incident affects: those Flashduty lists, else those its opening update changed, else
     * {@code fallback}.
     */
    private static List<String> affected(Responses.Change incident, List<String> fallback) {
        if (incident.affectedComponents() != null && !incident.affectedComponents().isEmpty()) {
            return incident.affectedComponents().stream().map(Responses.AffectedComponent::componentId).distinct()
                    .toList();
        }
        var opening = IncidentText.openingUpdate(incident);
        if (opening.isPresent() && opening.get().componentChanges() != null
                && !opening.get().componentChanges().isEmpty()) {
            return opening.get().componentChanges().stream().map(Responses.ComponentChangeItem::componentId)
                    .distinct().toList();
        }
        return fallback;
    }

    private static List<Requests.ComponentChange> operational(List<String> components) {
        return components.stream().map(id -> new Requests.ComponentChange(id, ComponentStatus.OPERATIONAL)).toList();
    }

    /** The components' display names as Flashduty answered them with the incident, by id. */
    private static Map<String, String> names(Responses.Change incident) {
        Map<String, String> names = new HashMap<>();
        if (incident.affectedComponents() != null) {
            incident.affectedComponents().stream().filter(component -> component.name() != null
                    && !component.name().isBlank()).forEach(component -> names.put(component.componentId(),
                            component.name()));
        }
        return names;
    }

    /**
     * Whether the incident stands for this alarm: opened for it, or joined by it, by the alarm itself or by one of
     * its contributors.
     */
    public static boolean isOpenedFor(Responses.Change incident, AlarmChange alarm) {
        return IncidentText.members(incident).namesAlarm(alarm.arn());
    }

    /** How a contributor is labelled in the alarm list ({@code InstanceId=i-0abc, AZ=use1-az1}); null for an alarm. */
    static String contributorLabel(AlarmChange alarm) {
        if (alarm.contributor() == null || alarm.contributor().attributes().isEmpty()) {
            return null;
        }
        // The attributes come with the message: the list shows no more of them than a line can hold.
        return TechnicalText.cut(alarm.contributor().attributes().entrySet().stream()
                .map(attribute -> attribute.getKey() + "=" + attribute.getValue())
                .collect(Collectors.joining(", ")), MAX_LABEL);
    }

    /** The change's subject in reasons: "alarm X", or "contributor L of alarm X" for one time series. */
    public static String subject(AlarmChange alarm) {
        if (alarm.isHealth()) {
            return "AWS Health event " + alarm.name() + " (" + alarm.health().service() + ", " + alarm.region() + ")";
        }
        if (alarm.contributor() == null) {
            return "alarm " + alarm.name();
        }
        String label = contributorLabel(alarm);
        return "contributor " + (label == null ? alarm.contributor().id() : label) + " of alarm " + alarm.name();
    }
}
