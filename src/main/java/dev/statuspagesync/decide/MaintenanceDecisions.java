package dev.statuspagesync.decide;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Markdown;
import dev.statuspagesync.page.References;
import dev.statuspagesync.page.TechnicalText;
import dev.statuspagesync.routing.Audience;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Template;
import dev.statuspagesync.routing.Wording;

/**
 * What an AWS Health scheduled change means for its page, as values: an upcoming change announces a maintenance
 * on the routed components from its start to its end, which Flashduty advances by its schedule; a new window moves
 * it (a maintenance's times cannot be edited, so one not yet started is replaced, and one under way is told its new
 * end); a closed change completes the maintenance under way, or withdraws one that never started. The maintenance
 * carries the change's key with its version ({@code lastUpdatedTime}) as its event key line, so a repeated or older
 * delivery changes nothing.
 */
public final class MaintenanceDecisions {

    /** What the key line of a Health maintenance starts with. */
    public static final String KEY_PREFIX = IncidentText.HEALTH_KEY_PREFIX;
    /** The longest window Flashduty advances by its schedule ({@code auto_update_by_schedule}). */
    static final long MAX_SCHEDULED_WINDOW_SECONDS = 30L * 24 * 60 * 60;
    public static final String TITLE = "Scheduled maintenance: {components}";
    public static final String OPENING = "We will be performing scheduled maintenance on {components}.";
    public static final String COMPLETION = "The scheduled maintenance of {components} has been completed.";
    private static final DateTimeFormatter WINDOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What to do on the page. */
    public sealed interface Plan {
        String reason();
    }

    /** Nothing: the reason says why; the maintenance it concerns, if any. */
    public record Leave(String reason, Long changeId) implements Plan {
    }

    /** Create the maintenance; first delete {@code replaces} when it is not null (a window moved before start). */
    public record Announce(Requests.CreateChange request, String key, Long replaces, String reason) implements Plan {
    }

    /** Add an update to a maintenance under way: its new end, or its completion. */
    public record Tell(long changeId, Requests.CreateTimeline update, boolean completes, String reason)
            implements Plan {
    }

    /**
     * Edit the maintenance's opening update, which notifies no one, so that its key line records a newer version
     * of the change that says nothing new: an older version delivered later is then stale.
     */
    public record Record(long changeId, Requests.UpdateTimeline edit, String reason) implements Plan {
    }

    /** Delete a maintenance that never started: AWS closed the change before its window. */
    public record Withdraw(long pageId, long changeId, String reason) implements Plan {
    }

    private MaintenanceDecisions() {
    }

    /** The key of a change's maintenance: opaque on every page, as its bookkeeping needs no ARN. */
    static String key(AlarmChange change) {
        return KEY_PREFIX + References.current().alarm(change.arn());
    }

    /**
     * The plan for {@code change} on {@code route}, given the page's active maintenances and the time; {@code calm}
     * says whose maintenances the announcement defers to.
     */
    public static Plan decide(AlarmChange change, Route route, List<Responses.Change> active, CalmPage calm,
            long nowSeconds) {
        String key = key(change);
        long version = change.stateTime() == null ? nowSeconds : change.stateTime().getEpochSecond();
        var mine = active.stream().filter(event -> versionOf(event, key).isPresent())
                .min(Comparator.comparing(Responses.Change::changeId));
        if (mine.isPresent() && versionOf(mine.get(), key).get() >= version) {
            return new Leave("maintenance " + mine.get().changeId() + " already records this change of "
                    + IncidentMapper.subject(change) + " or a later one", mine.get().changeId());
        }
        String versioned = key + "@" + version;
        if (change.newState() == AlarmState.OK) {
            return close(change, route, mine, versioned, nowSeconds);
        }
        Instant start = change.health().start();
        Instant end = change.health().end();
        if (start == null) {
            return new Leave(IncidentMapper.subject(change) + " has no start time to announce", null);
        }
        if (end != null && !end.isAfter(start)) {
            return new Leave(IncidentMapper.subject(change) + " ends before it starts", null);
        }
        if (end != null && end.getEpochSecond() <= nowSeconds) {
            return new Leave(IncidentMapper.subject(change) + " ended at " + end + ": nothing left to announce",
                    null);
        }
        if (mine.isPresent()) {
            return move(change, route, mine.get(), key, version, start, end, nowSeconds);
        }
        Map<String, String> covered = coveredBy(route, active, calm, start, end);
        List<String> components = route.componentIds().stream().filter(id -> !covered.containsKey(id)).toList();
        if (components.isEmpty()) {
            return new Leave(AlarmDecisions.DEFERRED + "every component of " + IncidentMapper.subject(change)
                    + " is under " + covered.values().stream().distinct().collect(Collectors.joining(", ")), null);
        }
        return new Announce(announcement(change, route.withComponents(components), versioned, start, end,
                nowSeconds), versioned, null, "maintenance announced for " + IncidentMapper.subject(change)
                        + (covered.isEmpty() ? "" : "; components " + String.join(", ", covered.keySet())
                                + " deferred to " + covered.values().stream().distinct()
                                        .collect(Collectors.joining(", "))));
    }

    private static Plan close(AlarmChange change, Route route, Optional<Responses.Change> mine, String versioned,
            long nowSeconds) {
        if (mine.isEmpty()) {
            return new Leave("no maintenance of " + IncidentMapper.subject(change) + " is active on the page", null);
        }
        Responses.Change event = mine.get();
        // Only a window still to come is withdrawn: one that began (by the clock, whatever its status) is completed.
        if (notBegun(event, nowSeconds)) {
            return new Withdraw(IncidentMapper.pageOf(event, route), event.changeId(),
                    "maintenance " + event.changeId() + " withdrawn: AWS closed " + IncidentMapper.subject(change)
                            + " before its window began");
        }
        List<String> components = componentsOf(event, route);
        String text = render(route.wording(), COMPLETION, components, nowSeconds);
        var update = new Requests.CreateTimeline(IncidentMapper.pageOf(event, route),
                event.changeId(), ChangeStatus.COMPLETED, IncidentText.withKeyLine(text,
                        IncidentText.eventKeyLine(versioned)), null, components.stream()
                                .map(id -> new Requests.ComponentChange(id, ComponentStatus.OPERATIONAL)).toList());
        return new Tell(event.changeId(), update, true, "maintenance " + event.changeId() + " completed: AWS closed "
                + IncidentMapper.subject(change));
    }

    private static Plan move(AlarmChange change, Route route, Responses.Change event, String key, long version,
            Instant start, Instant end, long nowSeconds) {
        String versioned = key + "@" + version;
        boolean sameWindow = Objects.equals(event.startAtSeconds(), start.getEpochSecond())
                && Objects.equals(event.closeAtSeconds(), end == null ? null : end.getEpochSecond());
        if (sameWindow) {
            String already = "maintenance " + event.changeId() + " already announces the window of "
                    + IncidentMapper.subject(change);
            var opening = IncidentText.openingUpdate(event).filter(update -> update.updateId() != null
                    && update.description() != null);
            var line = opening.flatMap(update -> update.description().lines()
                    .filter(text -> text.startsWith(IncidentText.EVENT_KEY_PREFIX + "`" + key + "@"))
                    .findFirst());
            if (line.isEmpty()) {
                return new Leave(already, event.changeId());
            }
            String edited = opening.get().description().replace(line.get(), IncidentText.eventKeyLine(versioned));
            return new Record(event.changeId(), new Requests.UpdateTimeline(
                    IncidentMapper.pageOf(event, route), event.changeId(), opening.get().updateId(), edited), already
                    + "; it records this newer version");
        }
        Route on = route.withComponents(componentsOf(event, route));
        // Replaced only while its announced window is still to come; one that began is told its new end.
        if (notBegun(event, nowSeconds)) {
            return new Announce(announcement(change, on, versioned, start, end, nowSeconds), versioned,
                    event.changeId(), "maintenance " + event.changeId() + " moved to its new window: "
                            + window(start, end));
        }
        String text = end == null ? "The maintenance of {components} continues; its end is not known yet."
                : "The maintenance of {components} is now expected to end at " + WINDOW_TIME.format(end) + ".";
        var update = new Requests.CreateTimeline(IncidentMapper.pageOf(event, route),
                event.changeId(), ChangeStatus.ONGOING, IncidentText.withKeyLine(render(route.wording(), text,
                        on.componentIds(), nowSeconds), IncidentText.eventKeyLine(versioned)), null, null);
        return new Tell(event.changeId(), update, false, "maintenance " + event.changeId() + " under way: told"
                + " its new end (" + (end == null ? "unknown" : WINDOW_TIME.format(end)) + ")");
    }

    /** Whether the maintenance's window is still to come: scheduled, and starting later than now. */
    private static boolean notBegun(Responses.Change event, long nowSeconds) {
        return event.status() == ChangeStatus.SCHEDULED && event.startAtSeconds() != null
                && event.startAtSeconds() > nowSeconds;
    }

    /** The create request of the maintenance, its key line in the description and the first update. */
    static Requests.CreateChange announcement(AlarmChange change, Route route, String versioned, Instant start,
            Instant end, long nowSeconds) {
        Wording wording = route.wording();
        boolean started = start.getEpochSecond() <= nowSeconds;
        ChangeStatus status = started ? ChangeStatus.ONGOING : ChangeStatus.SCHEDULED;
        String title = wording.title().equals(Wording.defaults(wording.audience()).title()) ? TITLE : wording.title();
        String opening = wording.opening() == null || wording.opening().equals(Wording.PUBLIC_OPENING) ? OPENING
                : wording.opening();
        String text = render(wording, opening, route.componentIds(), start.getEpochSecond()) + "\n\n"
                + Markdown.text("Window: " + window(start, end) + ".")
                + (wording.audience() == Audience.INTERNAL ? "\n\n" + technical(change) : "");
        String keyLine = IncidentText.eventKeyLine(versioned);
        boolean bySchedule = end != null && end.getEpochSecond() - start.getEpochSecond()
                <= MAX_SCHEDULED_WINDOW_SECONDS;
        var first = new Requests.Update(null, status, IncidentText.withKeyLine(text, keyLine), route.componentIds()
                .stream().map(id -> new Requests.ComponentChange(id, ComponentStatus.UNDER_MAINTENANCE)).toList());
        return new Requests.CreateChange(route.pageId(), EventType.MAINTENANCE,
                UpdateText.title(Template.render(title, values(wording, route.componentIds(), start.getEpochSecond()),
                        Markdown::plain)),
                IncidentText.withKeyLine(text, keyLine), status, start.getEpochSecond(),
                end == null ? null : end.getEpochSecond(), route.notifySubscribers(), bySchedule ? true : null, null,
                IncidentMapper.emptyToNull(route.responders()), IncidentMapper.emptyToNull(route.linkedChanges()),
                List.of(first));
    }

    /** The newest version of {@code key} that the event records, or empty when it is not that key's. */
    static Optional<Long> versionOf(Responses.Change event, String key) {
        return IncidentText.eventKeys(event).stream().filter(line -> line.startsWith(key + "@"))
                .map(line -> line.substring(key.length() + 1)).filter(version -> version.matches("\\d{1,12}"))
                .map(Long::parseLong).max(Long::compare);
    }

    /**
     * The route's components that someone else's maintenance covers during the window, each with the first one:
     * as {@code STATUSPAGE_DEFER_TO} says (a published event counts only with {@code published}, another Health
     * maintenance never).
     */
    static Map<String, String> coveredBy(Route route, List<Responses.Change> active, CalmPage calm, Instant start,
            Instant end) {
        Map<String, String> covered = new LinkedHashMap<>();
        Set<CalmPage.Deference> deferTo = calm.deferTo();
        if (!deferTo.contains(CalmPage.Deference.MAINTENANCE)) {
            return covered;
        }
        active.stream().filter(event -> event.type() == null || event.type() == EventType.MAINTENANCE)
                .filter(event -> IncidentText.eventKeys(event).stream().noneMatch(k -> k.startsWith(KEY_PREFIX)))
                .filter(event -> deferTo.contains(CalmPage.Deference.PUBLISHED)
                        || IncidentText.eventKey(event).isEmpty())
                .filter(event -> overlaps(event, start, end))
                .sorted(Comparator.comparing(Responses.Change::changeId))
                .forEach(event -> Deference.cover(covered, event, route, "maintenance " + event.changeId()));
        return covered;
    }

    private static boolean overlaps(Responses.Change event, Instant start, Instant end) {
        boolean endsBefore = event.closeAtSeconds() != null && event.closeAtSeconds() <= start.getEpochSecond();
        boolean startsAfter = end != null && event.startAtSeconds() != null
                && event.startAtSeconds() >= end.getEpochSecond();
        return !endsBefore && !startsAfter;
    }

    private static List<String> componentsOf(Responses.Change event, Route route) {
        if (event.affectedComponents() == null || event.affectedComponents().isEmpty()) {
            return route.componentIds();
        }
        return event.affectedComponents().stream().map(Responses.AffectedComponent::componentId).distinct().toList();
    }

    private static String window(Instant start, Instant end) {
        return WINDOW_TIME.format(start) + (end == null ? " until further notice" : " to " + WINDOW_TIME.format(end));
    }

    private static String render(Wording wording, String template, List<String> components, long atSeconds) {
        return Template.render(template, values(wording, components, atSeconds), Markdown::text);
    }

    private static Map<String, String> values(Wording wording, List<String> components, long atSeconds) {
        String names = UpdateText.componentNames(wording, components, Map.of());
        return Map.of("components", names, "impact", UpdateText.impactWords(ComponentStatus.UNDER_MAINTENANCE),
                "route", wording.displayName() == null ? names : wording.displayName(),
                "time", WINDOW_TIME.format(Instant.ofEpochSecond(atSeconds)));
    }

    /** An internal page's words on the change: AWS's event, its account and Region, and AWS's description. */
    private static String technical(AlarmChange change) {
        return TechnicalText.named(change, true) + " is " + Markdown.text(change.health().status()) + ".\n\n"
                + (change.reason() == null ? "" : Markdown.text(TechnicalText.cut(change.reason(),
                        TechnicalText.MAX_REASON)) + "\n\n")
                + "- **Account:** " + Markdown.text(change.accountId()) + ", **Region:** "
                + Markdown.text(String.valueOf(change.region()));
    }
}
