package dev.statuspagesync.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.FlashdutyClient;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.inbound.AlarmState;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Router;

/**
 * Decides what one alarm state change means for the status page and carries it out. Flashduty is the only
 * store: the incident an alarm opened carries the alarm's key line, and its timeline holds the times of the
 * changes it has recorded.
 */
@ApplicationScoped
public class AlarmLifecycle {

    /** How far back a resolved incident may have started and still make a late ALARM stale. */
    static final long RESOLVED_LOOKBACK_SECONDS = 24 * 60 * 60;

    private static final Logger LOG = Logger.getLogger(AlarmLifecycle.class);

    private final Router router;
    private final FlashdutyClient flashduty;
    private final ReadCache cache;
    private final InsufficientDataPolicy insufficientData;
    private final boolean dryRun;
    private final boolean joinOpenIncidents;

    public AlarmLifecycle(Router router, FlashdutyClient flashduty, ReadCache cache, StatusPageConfig config,
            FlashdutyConfig flashdutyConfig) {
        this.router = router;
        this.flashduty = flashduty;
        this.cache = cache;
        this.insufficientData = config.insufficientData();
        this.dryRun = flashdutyConfig.dryRun();
        this.joinOpenIncidents = config.joinOpenIncidents();
    }

    /** Starts the work of one invocation. */
    public Invocation begin(Deadline deadline) {
        Invocation invocation = new Invocation(deadline);
        if (!dryRun) {
            cache.seed(invocation);
        }
        return invocation;
    }

    /** Applies one change; edits of incidents' alarm lists wait for {@link #finish}. */
    public Outcome apply(AlarmChange alarm, Invocation invocation) {
        var route = router.routeFor(alarm);
        if (route.isEmpty()) {
            return Outcome.ignored("no route matches alarm " + alarm.name());
        }
        try {
            return switch (alarm.newState()) {
                case ALARM -> alarm.actionsSuppressed()
                        ? Outcome.ignored("alarm actions are suppressed, so this is not an outage")
                        : open(alarm, route.get(), invocation);
                case OK -> resolve(alarm, route.get(), invocation);
                case INSUFFICIENT_DATA -> switch (insufficientData) {
                    case IGNORE -> Outcome.ignored("INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)");
                    case DEGRADE -> open(alarm, route.get(), invocation);
                    case RESOLVE -> resolve(alarm, route.get(), invocation);
                };
            };
        } catch (RuntimeException failure) {
            invocation.markFailed();
            return Outcome.of(failure, alarm.arn());
        }
    }

    /**
     * Writes the alarm-list edits the invocation deferred, one call per incident, and returns the items whose
     * edit failed with the outcome they end with instead.
     */
    public Map<Integer, Outcome> finish(Invocation invocation) {
        for (Invocation.PendingEdit edit : invocation.takeEdits()) {
            write(edit, invocation);
        }
        if (!dryRun) {
            cache.keep(invocation);
        }
        return invocation.failedLater();
    }

    private Outcome open(AlarmChange alarm, Route route, Invocation invocation) {
        long at = changeTime(alarm);
        List<Responses.Change> open = openIncidents(route, invocation);
        // Flashduty's create is not idempotent: a redelivered or duplicated change must find its incident.
        var mine = open.stream().filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .min(Comparator.comparing(Responses.Change::changeId));
        if (mine.isPresent()) {
            dropDuplicates(alarm, mine.get(), open, route, invocation);
            return fireAgain(alarm, route, mine.get(), at, invocation);
        }
        var recovered = recoveryAfter(alarm, route, invocation);
        if (recovered.isPresent()) {
            return Outcome.ignored("stale: incident " + recovered.get().changeId() + " for this alarm was resolved at "
                    + Instant.ofEpochSecond(IncidentMapper.resolvedAt(recovered.get())) + ", after this change",
                    recovered.get().changeId());
        }
        if (joinOpenIncidents) {
            var shared = open.stream().filter(IncidentMapper::isOurs)
                    .filter(incident -> sharesComponents(incident, route)).findFirst();
            if (shared.isPresent()) {
                return join(alarm, route, shared.get(), at, invocation);
            }
        }
        var request = IncidentMapper.openIncident(alarm, route, at);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.CREATED, "would open an incident for alarm " + alarm.name(), null,
                    new Outcome.PlannedCall("POST", FlashdutyClient.CREATE_PATH, request));
        }
        long changeId = flashduty.createChange(request, incident -> IncidentMapper.isOpenedFor(incident, alarm),
                invocation.deadline());
        invocation.opened(route.pageId(), IncidentMapper.opened(changeId, request));
        var first = openedMeanwhile(alarm, route, changeId, invocation);
        if (first.isEmpty()) {
            return Outcome.created(changeId, "incident opened for alarm " + alarm.name());
        }
        // Another environment opened one for this change at the same moment: the first opened stays.
        flashduty.deleteChange(route.pageId(), changeId, invocation.deadline());
        invocation.deleted(route.pageId(), changeId);
        Responses.Change kept = first.get();
        Outcome then = IncidentMapper.isOpenedFor(kept, alarm) ? fireAgain(alarm, route, kept, at, invocation)
                : join(alarm, route, kept, at, invocation);
        return new Outcome(then.outcome(), then.reason() + "; incident " + changeId
                + ", opened for it at the same moment, was deleted", then.changeId(), then.planned());
    }

    /**
     * Reads the page's open incidents again after a create, to catch a concurrent environment that opened an
     * incident for the same change (or for the same components) before this one: Flashduty has no conditional
     * create. Incident ids grow with time, so every environment agrees which came first. The read also gives
     * the new incident its timeline.
     */
    private Optional<Responses.Change> openedMeanwhile(AlarmChange alarm, Route route, long changeId,
            Invocation invocation) {
        var listed = flashduty.activeIncidents(route.pageId(), invocation.deadline());
        invocation.listed(route.pageId(), carryTimelines(listed));
        listed.stream().filter(fresh -> Membership.openingUpdate(fresh).isPresent())
                .forEach(fresh -> invocation.completeTimeline(route.pageId(), fresh));
        var first = listed.stream().filter(IncidentMapper::isOurs)
                .filter(incident -> incident.changeId() < changeId)
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)
                        || joinOpenIncidents && sharesComponents(incident, route))
                .min(Comparator.comparing(Responses.Change::changeId))
                .map(incident -> withOpeningUpdate(incident, route, invocation));
        first.ifPresent(incident -> invocation.keep(pageOf(incident, route), incident));
        return first;
    }

    /**
     * Deletes later incidents that stand for this alarm alone besides the one it is in: left by a race whose
     * loser could not delete its own at the time.
     */
    private void dropDuplicates(AlarmChange alarm, Responses.Change kept, List<Responses.Change> open, Route route,
            Invocation invocation) {
        if (dryRun) {
            return;
        }
        for (Responses.Change incident : open) {
            if (incident.changeId() > kept.changeId()
                    && IncidentMapper.keyArn(incident).filter(alarm.arn()::equals).isPresent()
                    && Membership.of(incident).members().keySet().equals(Set.of(alarm.arn()))) {
                flashduty.deleteChange(pageOf(incident, route), incident.changeId(), invocation.deadline());
                invocation.deleted(pageOf(incident, route), incident.changeId());
                LOG.infof("alarm=\"%s\" deleted incident %d, a duplicate of incident %d", alarm.name(),
                        incident.changeId(), kept.changeId());
            }
        }
    }

    /** An ALARM for an alarm the open incident already stands for. */
    private Outcome fireAgain(AlarmChange alarm, Route route, Responses.Change incident, long at,
            Invocation invocation) {
        Membership members = Membership.of(incident);
        Membership.Member member = members.get(alarm.arn()).orElseThrow();
        if (alarm.stateTime() != null && at < member.atSeconds()) {
            return stale(incident, member);
        }
        if (member.state() == AlarmState.ALARM) {
            return Outcome.ignored("incident " + incident.changeId() + " is already open for this alarm",
                    incident.changeId());
        }
        // It had recovered while others kept the incident open, and fires again.
        return record(incident, members.with(alarm.arn(), AlarmState.ALARM, at), route,
                "alarm " + alarm.name() + " fires again in incident " + incident.changeId(), invocation);
    }

    private Outcome join(AlarmChange alarm, Route route, Responses.Change incident, long at, Invocation invocation) {
        Responses.Change full = withOpeningUpdate(incident, route, invocation);
        var raise = IncidentMapper.raiseImpact(alarm, full, route, at);
        String reason = "alarm " + alarm.name() + " joined incident " + full.changeId()
                + (raise.isPresent() ? " and raised its impact" : "");
        Membership members = Membership.of(full).with(alarm.arn(), AlarmState.ALARM, at);
        if (dryRun) {
            List<Outcome.PlannedCall> calls = new ArrayList<>();
            raise.ifPresent(update -> calls.add(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_PATH, update)));
            calls.add(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_UPDATE_PATH,
                    IncidentMapper.recordMembers(full, members, route)));
            return Outcome.dryRun(Outcome.Kind.UPDATED, "would record that " + reason, full.changeId(), calls);
        }
        if (raise.isPresent()) {
            // Raised at once, recorded later: if the recording fails, the retried change joins again and finds
            // nothing left to raise.
            flashduty.addUpdate(raise.get(), invocation.deadline());
            full = IncidentMapper.raised(full, raise.get());
        }
        return record(full, members, route, reason, invocation);
    }

    private Outcome resolve(AlarmChange alarm, Route route, Invocation invocation) {
        List<Responses.Change> all = openIncidents(route, invocation);
        var open = all.stream().filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .min(Comparator.comparing(Responses.Change::changeId));
        if (open.isEmpty()) {
            return Outcome.ignored("no open incident for this alarm");
        }
        Responses.Change incident = open.get();
        dropDuplicates(alarm, incident, all, route, invocation);
        long at = changeTime(alarm);
        Membership members = Membership.of(incident);
        Membership.Member member = members.get(alarm.arn()).orElseThrow();
        if (alarm.stateTime() != null && at < member.atSeconds()) {
            return stale(incident, member);
        }
        if (member.state() != AlarmState.ALARM) {
            return Outcome.ignored("alarm " + alarm.name() + " already recovered; incident " + incident.changeId()
                    + " waits for " + members.firing() + " other alarm(s)", incident.changeId());
        }
        Membership after = members.with(alarm.arn(), AlarmState.OK, at);
        if (after.firing() > 0) {
            return record(incident, after, route, "alarm " + alarm.name() + " recovered; incident "
                    + incident.changeId() + " stays open for " + after.firing() + " other alarm(s)", invocation);
        }
        var request = IncidentMapper.resolveIncident(alarm, incident, route, at);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.RESOLVED, "would resolve: alarm " + alarm.name() + " is "
                    + alarm.newState(), incident.changeId(),
                    List.of(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_PATH, request)));
        }
        // A list that gained members is written before the resolution, so the resolved incident keeps who joined
        // it; one that only recorded recoveries is not: the resolution says that every alarm has recovered.
        var pending = invocation.takeEdit(incident.changeId());
        if (pending.isPresent() && !pending.get().joined().isEmpty()) {
            invocation.keep(pageOf(incident, route), IncidentMapper.withMembers(
                    withOpeningUpdate(incident, route, invocation), after));
            if (!write(pending.get(), invocation)) {
                return Outcome.failed("incident " + incident.changeId() + " not resolved: its list of alarms could not"
                        + " be written first");
            }
        }
        try {
            flashduty.addUpdate(request, invocation.deadline());
        } catch (RuntimeException failure) {
            // The recoveries it was to stand for are written nowhere: their messages must be delivered again.
            pending.filter(edit -> edit.joined().isEmpty()).ifPresent(edit -> invocation.failLater(edit.items(),
                    Outcome.of(failure, "incident " + incident.changeId())));
            throw failure;
        }
        invocation.resolvedNow(route.pageId(), IncidentMapper.resolved(incident, request));
        return Outcome.resolved(incident.changeId(), "incident resolved: alarm " + alarm.name() + " is "
                + alarm.newState());
    }

    /** Changes the incident's list of alarms; the edit, which notifies no one, is written at the end. */
    private Outcome record(Responses.Change incident, Membership members, Route route, String reason,
            Invocation invocation) {
        Responses.Change full = withOpeningUpdate(incident, route, invocation);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.UPDATED, "would record that " + reason, full.changeId(),
                    List.of(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_UPDATE_PATH,
                            IncidentMapper.recordMembers(full, members, route))));
        }
        long pageId = pageOf(full, route);
        var joined = new HashSet<>(members.members().keySet());
        joined.removeAll(Membership.of(full).members().keySet());
        invocation.keep(pageId, IncidentMapper.withMembers(full, members));
        invocation.deferEdit(pageId, full.changeId(), route, joined);
        return Outcome.updated(full.changeId(), reason);
    }

    /** Writes one deferred edit; when it fails, every item that contributed to it fails with it. */
    private boolean write(Invocation.PendingEdit edit, Invocation invocation) {
        try {
            Responses.Change incident = invocation.open(edit.pageId()).orElse(List.of()).stream()
                    .filter(known -> known.changeId() == edit.changeId()).findFirst().orElseThrow();
            flashduty.editUpdate(IncidentMapper.recordMembers(incident, Membership.of(incident), edit.route()),
                    invocation.deadline());
            return true;
        } catch (RuntimeException failure) {
            invocation.failLater(edit.items(), Outcome.of(failure, "incident " + edit.changeId()));
            return false;
        }
    }

    /** The page's open incidents, read once per invocation; this function's own come with their timeline. */
    private List<Responses.Change> openIncidents(Route route, Invocation invocation) {
        var known = invocation.open(route.pageId());
        if (known.isPresent()) {
            return List.copyOf(known.get());
        }
        var listed = flashduty.activeIncidents(route.pageId(), invocation.deadline());
        invocation.listed(route.pageId(), carryTimelines(listed));
        List<Responses.Change> incidents = listed.stream()
                .map(incident -> IncidentMapper.isOurs(incident) ? withOpeningUpdate(incident, route, invocation)
                        : incident)
                .toList();
        invocation.rememberOpen(route.pageId(), incidents, System.currentTimeMillis());
        return incidents;
    }

    /**
     * The incident with its timeline. Incidents this function has just opened lack it, and one read of the page's
     * open incidents completes them all; an incident still without updates is read from change/info.
     */
    private Responses.Change withOpeningUpdate(Responses.Change incident, Route route, Invocation invocation) {
        if (Membership.openingUpdate(incident).isPresent()) {
            return incident;
        }
        long pageId = pageOf(incident, route);
        if (invocation.shouldList(pageId)) {
            var listed = flashduty.activeIncidents(pageId, invocation.deadline());
            invocation.listed(pageId, carryTimelines(listed));
            listed.stream().filter(fresh -> Membership.openingUpdate(fresh).isPresent())
                    .forEach(fresh -> invocation.completeTimeline(pageId, fresh));
            var completed = invocation.open(pageId).orElse(List.of()).stream()
                    .filter(known -> known.changeId().equals(incident.changeId()))
                    .filter(known -> Membership.openingUpdate(known).isPresent()).findFirst();
            if (completed.isPresent()) {
                return completed.get();
            }
        }
        Responses.Change full = flashduty.change(pageId, incident.changeId(), invocation.deadline());
        invocation.keep(pageId, full);
        return full;
    }

    private static boolean carryTimelines(List<Responses.Change> listed) {
        return listed.stream().filter(IncidentMapper::isOurs)
                .allMatch(incident -> Membership.openingUpdate(incident).isPresent());
    }

    /** A resolved incident of this alarm whose span covers the change: the change arrived after its recovery. */
    private Optional<Responses.Change> recoveryAfter(AlarmChange alarm, Route route, Invocation invocation) {
        if (alarm.stateTime() == null) {
            return Optional.empty();
        }
        long at = alarm.stateTime().getEpochSecond();
        long since = at - RESOLVED_LOOKBACK_SECONDS;
        var resolved = invocation.resolved(route.pageId(), since).orElseGet(() -> {
            var read = new Invocation.Resolved(since,
                    flashduty.resolvedIncidents(route.pageId(), since, invocation.deadline()));
            invocation.rememberResolved(route.pageId(), read, System.currentTimeMillis());
            return read;
        });
        return resolved.incidents().stream()
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .filter(incident -> incident.startAtSeconds() == null || incident.startAtSeconds() <= at)
                .filter(incident -> IncidentMapper.resolvedAt(incident) >= at)
                .findFirst();
    }

    private static Outcome stale(Responses.Change incident, Membership.Member member) {
        return Outcome.ignored("stale: incident " + incident.changeId() + " already records a change of this alarm at "
                + Instant.ofEpochSecond(member.atSeconds()) + ", newer than this one", incident.changeId());
    }

    private static boolean sharesComponents(Responses.Change incident, Route route) {
        return incident.affectedComponents() != null && incident.affectedComponents().stream()
                .anyMatch(component -> route.componentIds().contains(component.componentId()));
    }

    private static long pageOf(Responses.Change incident, Route route) {
        return incident.pageId() == null ? route.pageId() : incident.pageId();
    }

    /** When the change happened: CloudWatch's state time, or now when the payload carries none. */
    private static long changeTime(AlarmChange alarm) {
        return alarm.stateTime() == null ? Instant.now().getEpochSecond() : alarm.stateTime().getEpochSecond();
    }
}
