package dev.statuspagesync.lifecycle;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.inbound.MemberKey;
import dev.statuspagesync.inbound.MetricSummary;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Markdown;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.TitleTemplate;

/** Pure mappings from alarm changes and incidents to Flashduty's requests. */
public final class IncidentMapper {

    /*
     * CloudWatch's own limits (PutMetricAlarm): longer text or more items than these did not come from an alarm,
     * and the public page shows no more of them.
     */
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_REASON = 1023;
    static final int MAX_NAME = 255;
    static final int MAX_DIMENSION_VALUE = 1024;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_METRICS = 10;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern REGION_CODE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private IncidentMapper() {
    }

    /** The create request; {@code atSeconds} is when the change happened (the state time, or now). */
    public static Requests.CreateChange openIncident(AlarmChange alarm, Route route, long atSeconds) {
        var componentChanges = route.componentIds().stream()
                .map(id -> new Requests.ComponentChange(id, route.impactFor(alarm.newState())))
                .toList();
        var firstUpdate = new Requests.Update(ChangeStatus.INVESTIGATING,
                "CloudWatch alarm " + Markdown.text(alarm.name()) + " is in " + alarm.newState()
                        + ". We are investigating.\n\n"
                        + IncidentText.alarmList(Membership.opening(alarm.memberKey(), atSeconds,
                                contributorLabel(alarm))),
                componentChanges);
        return new Requests.CreateChange(route.pageId(), EventType.INCIDENT,
                title(TitleTemplate.render(route.titleTemplate(), alarm)), description(alarm),
                ChangeStatus.INVESTIGATING,
                alarm.stateTime() == null ? null : alarm.stateTime().getEpochSecond(),
                route.notifySubscribers(), emptyToNull(route.responders()), emptyToNull(route.linkedChanges()),
                List.of(firstUpdate));
    }

    private static <T> List<T> emptyToNull(List<T> values) {
        return values.isEmpty() ? null : values;
    }

    /** What the function knows of an incident it has just opened; its timeline is read when first needed. */
    static Responses.Change opened(long changeId, Requests.CreateChange request) {
        var components = request.updates().get(0).componentChanges().stream()
                .map(change -> new Responses.AffectedComponent(change.componentId(), null, change.status())).toList();
        return new Responses.Change(changeId, request.pageId(), request.type(), request.title(), request.description(),
                request.status(), components, request.startAtSeconds(), null, null, request.notifySubscribers());
    }

    /** The incident after {@code resolution}: resolved, its components operational. */
    static Responses.Change resolved(Responses.Change incident, Requests.CreateTimeline resolution) {
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

    /** The incident with its opening update listing {@code members}. */
    static Responses.Change withMembers(Responses.Change incident, Membership members) {
        var opening = IncidentText.openingUpdate(incident).orElseThrow();
        var updates = incident.updates().stream().map(update -> update == opening
                ? new Responses.TimelineEntry(update.updateId(), update.atSeconds(), update.status(),
                        IncidentText.withAlarmList(update.description(), members), update.componentChanges())
                : update).toList();
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), incident.status(), incident.affectedComponents(), incident.startAtSeconds(),
                incident.closeAtSeconds(), updates, incident.notifySubscribers());
    }

    /** The incident after {@code update}: its status, and the components the update changed. */
    static Responses.Change afterUpdate(Responses.Change incident, Requests.CreateTimeline update) {
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

    /** The edit of the opening update that records the incident's alarms; no one is notified of it. */
    static Requests.UpdateTimeline recordMembers(Responses.Change incident, Membership members, long pageId) {
        var opening = IncidentText.openingUpdate(incident).orElseThrow();
        return new Requests.UpdateTimeline(pageId, incident.changeId(), opening.updateId(),
                IncidentText.withAlarmList(opening.description(), members));
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
                "CloudWatch alarm " + Markdown.text(alarm.name()) + " is in " + alarm.newState() + " too; more of the"
                        + " service is affected.",
                Math.max(atSeconds, newestRecordedAt(incident) + 1), raised));
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
    static long pageOf(Responses.Change incident, Route route) {
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
        return new Requests.CreateTimeline(pageOf(incident, route), incident.changeId(), ChangeStatus.RESOLVED,
                recoveryText(alarm, members.members().size()),
                Math.max(Math.max(atSeconds, lastRecorded), newestRecordedAt(incident) + 1), operational);
    }

    /**
     * The update that resolves an incident whose alarms have all stayed recovered for {@code quiet}, at the time the
     * last one recovered.
     */
    static Requests.CreateTimeline resolveQuietIncident(Responses.Change incident, long pageId, long lastRecovered,
            Duration quiet) {
        Membership members = IncidentText.members(incident);
        String last = members.members().entrySet().stream()
                .filter(entry -> entry.getValue().atSeconds() == lastRecovered).map(Map.Entry::getKey)
                .reduce((first, second) -> second).orElseThrow();
        int alarms = members.members().size();
        String text = "Resolved: CloudWatch alarm " + Markdown.text(alarmName(MemberKey.arn(last))) + " recovered at "
                + HUMAN_TIME.format(Instant.ofEpochSecond(lastRecovered))
                + (alarms > 1 ? ", the last of the " + alarms + " alarms in this incident to recover," : ",")
                + " and every alarm has stayed recovered for " + human(quiet) + "."
                + " All affected components are operational again.";
        return new Requests.CreateTimeline(pageId, incident.changeId(), ChangeStatus.RESOLVED, text,
                Math.max(lastRecovered, newestRecordedAt(incident) + 1),
                operational(affected(incident, List.of())));
    }

    /** The {@code monitoring} update of an incident whose alarms have all recovered: components operational. */
    static Requests.CreateTimeline monitorIncident(Responses.Change incident, long pageId) {
        long lastRecovered = IncidentText.members(incident).members().values().stream()
                .mapToLong(Membership.Member::atSeconds).max().orElse(0);
        return new Requests.CreateTimeline(pageId, incident.changeId(), ChangeStatus.MONITORING,
                "The CloudWatch alarms of this incident have recovered. We are monitoring the service.",
                Math.max(lastRecovered, newestRecordedAt(incident) + 1), operational(affected(incident, List.of())));
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
        return new Requests.CreateTimeline(pageOf(incident, route), incident.changeId(), ChangeStatus.IDENTIFIED,
                "CloudWatch alarm " + Markdown.text(alarm.name()) + " is in " + alarm.newState()
                        + " again. We are investigating.",
                Math.max(atSeconds, newestRecordedAt(incident) + 1),
                (components.isEmpty() ? route.componentIds() : components).stream()
                        .map(id -> new Requests.ComponentChange(id, impact)).toList());
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

    /** The alarm's name, from its ARN ({@code arn:partition:cloudwatch:region:account:alarm:name}). */
    static String alarmName(String arn) {
        String[] parts = arn.split(":", 7);
        return parts.length == 7 && "alarm".equals(parts[5]) ? parts[6] : arn;
    }

    /** A duration in words: "5 minutes", "1 hour", "90 seconds". */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    static String recoveryText(AlarmChange alarm, int alarms) {
        StringBuilder text = new StringBuilder("Resolved: CloudWatch alarm ").append(Markdown.text(alarm.name()))
                .append(alarm.deleted() ? " was deleted" : " is " + alarm.newState());
        if (alarm.stateTime() != null && !alarm.deleted()) {
            text.append(" since ").append(HUMAN_TIME.format(alarm.stateTime()));
        }
        text.append(alarms > 1 ? ", the last of the " + alarms + " alarms in this incident to recover." : ".");
        text.append(" All affected components are operational again.");
        if (alarm.reason() != null && !alarm.reason().isBlank()) {
            text.append("\n\n**Reason:** ").append(Markdown.text(cut(alarm.reason(), MAX_REASON)));
        }
        return text.toString();
    }

    /** When the incident's timeline last changed: its newest update, or its start. */
    public static long newestRecordedAt(Responses.Change incident) {
        long newest = incident.startAtSeconds() == null ? 0 : incident.startAtSeconds();
        if (incident.updates() != null) {
            for (Responses.TimelineEntry update : incident.updates()) {
                if (update.atSeconds() != null) {
                    newest = Math.max(newest, update.atSeconds());
                }
            }
        }
        return newest;
    }

    /** When the incident was resolved: its last resolving update, or its close time, or its newest update. */
    public static long resolvedAt(Responses.Change incident) {
        if (incident.updates() != null) {
            long resolved = -1;
            for (Responses.TimelineEntry update : incident.updates()) {
                if (update.status() == ChangeStatus.RESOLVED && update.atSeconds() != null) {
                    resolved = Math.max(resolved, update.atSeconds());
                }
            }
            if (resolved >= 0) {
                return resolved;
            }
        }
        return incident.closeAtSeconds() != null ? incident.closeAtSeconds() : newestRecordedAt(incident);
    }

    /**
     * Whether the incident stands for this alarm: opened for it, or joined by it, by the alarm itself or by one of
     * its contributors.
     */
    public static boolean isOpenedFor(Responses.Change incident, AlarmChange alarm) {
        return IncidentText.members(incident).members().keySet().stream()
                .anyMatch(key -> MemberKey.arn(key).equals(alarm.arn()));
    }

    /** How a contributor is labelled in the alarm list ({@code InstanceId=i-0abc, AZ=use1-az1}); null for an alarm. */
    static String contributorLabel(AlarmChange alarm) {
        if (alarm.contributor() == null || alarm.contributor().attributes().isEmpty()) {
            return null;
        }
        return alarm.contributor().attributes().entrySet().stream()
                .map(attribute -> attribute.getKey() + "=" + attribute.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The change's subject in reasons: "alarm X", or "contributor L of alarm X" for one time series. */
    static String subject(AlarmChange alarm) {
        if (alarm.contributor() == null) {
            return "alarm " + alarm.name();
        }
        String label = contributorLabel(alarm);
        return "contributor " + (label == null ? alarm.contributor().id() : label) + " of alarm " + alarm.name();
    }

    /** The title on one line, cut to Flashduty's limit without splitting a character. */
    static String title(String rendered) {
        String name = CONTROL.matcher(rendered).replaceAll(" ").strip();
        if (name.codePointCount(0, name.length()) <= Requests.MAX_TITLE_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, Requests.MAX_TITLE_LENGTH));
    }

    static String description(AlarmChange alarm) {
        StringBuilder text = new StringBuilder();
        text.append("CloudWatch alarm **").append(Markdown.text(cut(alarm.name(), MAX_NAME))).append("** is in ")
                .append(alarm.newState());
        if (alarm.previousState() != null) {
            text.append(" (was ").append(alarm.previousState()).append(')');
        }
        if (alarm.stateTime() != null) {
            text.append(" since ").append(HUMAN_TIME.format(alarm.stateTime()));
        }
        text.append(".\n\n");
        if (alarm.description() != null) {
            text.append(Markdown.text(cut(alarm.description(), MAX_DESCRIPTION))).append("\n\n");
        }
        if (alarm.reason() != null && !alarm.reason().isBlank()) {
            text.append("**Reason:** ").append(Markdown.text(cut(alarm.reason(), MAX_REASON))).append("\n\n");
        }
        if (!alarm.metrics().isEmpty()) {
            text.append("- **Metric:** ").append(metricLine(alarm.metrics())).append('\n');
        }
        if (alarm.compositeRule() != null) {
            text.append("- **Alarm rule:** ").append(Markdown.text(alarm.compositeRule())).append('\n');
        }
        text.append("- **Account:** ").append(Markdown.text(alarm.accountId()))
                .append(", **Region:** ").append(Markdown.text(alarm.region())).append('\n');
        if (alarm.region() != null && REGION_CODE.matcher(alarm.region()).matches()) {
            text.append("- [Open the alarm in the CloudWatch console](").append(consoleLink(alarm)).append(")\n");
        }
        text.append('\n').append(IncidentText.keyLine(alarm.arn()));
        return text.toString();
    }

    private static String metricLine(MetricSummary metrics) {
        StringBuilder line = new StringBuilder();
        if (metrics.namespace() != null) {
            line.append(Markdown.text(metrics.namespace())).append(' ');
        }
        line.append(metrics.metrics().stream().limit(MAX_METRICS).map(name -> Markdown.text(cut(name, MAX_NAME)))
                .collect(Collectors.joining(", ")));
        line.append(more(metrics.metrics().size(), MAX_METRICS));
        if (!metrics.dimensions().isEmpty()) {
            line.append(" (").append(metrics.dimensions().entrySet().stream().limit(MAX_DIMENSIONS)
                    .map(entry -> Markdown.text(cut(entry.getKey(), MAX_NAME)) + "="
                            + Markdown.text(cut(entry.getValue(), MAX_DIMENSION_VALUE)))
                    .collect(Collectors.joining(", "))).append(more(metrics.dimensions().size(), MAX_DIMENSIONS))
                    .append(')');
        }
        return line.toString().strip();
    }

    /** The text cut to {@code max} characters (code points) with an ellipsis, or whole when it fits. */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }

    private static String more(int count, int shown) {
        return count > shown ? " and " + (count - shown) + " more" : "";
    }

    /** The alarm's page in the CloudWatch console of its partition. */
    static String consoleLink(AlarmChange alarm) {
        String host = switch (alarm.partition()) {
            case "aws-cn" -> alarm.region() + ".console.amazonaws.cn";
            case "aws-us-gov" -> alarm.region() + ".console.amazonaws-us-gov.com";
            default -> alarm.region() + ".console.aws.amazon.com";
        };
        String name = URLEncoder.encode(alarm.name(), StandardCharsets.UTF_8).replace("+", "%20");
        String region = URLEncoder.encode(alarm.region(), StandardCharsets.UTF_8);
        return "https://" + host + "/cloudwatch/home?region=" + region + "#alarmsV2:alarm/" + name;
    }
}
