package dev.statuspagesync.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.FlashdutyClient;
import dev.statuspagesync.flashduty.FlashdutyException;
import dev.statuspagesync.flashduty.FlashdutyRejectedException;
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
    private final InsufficientDataPolicy insufficientData;
    private final boolean dryRun;
    private final boolean joinOpenIncidents;

    public AlarmLifecycle(Router router, FlashdutyClient flashduty, StatusPageConfig config,
            FlashdutyConfig flashdutyConfig) {
        this.router = router;
        this.flashduty = flashduty;
        this.insufficientData = config.insufficientData();
        this.dryRun = flashdutyConfig.dryRun();
        this.joinOpenIncidents = config.joinOpenIncidents();
    }

    public Outcome apply(AlarmChange alarm, Deadline deadline) {
        var route = router.routeFor(alarm);
        if (route.isEmpty()) {
            return Outcome.ignored("no route matches alarm " + alarm.name());
        }
        try {
            return switch (alarm.newState()) {
                case ALARM -> alarm.actionsSuppressed()
                        ? Outcome.ignored("alarm actions are suppressed, so this is not an outage")
                        : open(alarm, route.get(), deadline);
                case OK -> resolve(alarm, route.get(), deadline);
                case INSUFFICIENT_DATA -> switch (insufficientData) {
                    case IGNORE -> Outcome.ignored("INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)");
                    case DEGRADE -> open(alarm, route.get(), deadline);
                    case RESOLVE -> resolve(alarm, route.get(), deadline);
                };
            };
        } catch (FlashdutyRejectedException rejected) {
            return Outcome.rejected(rejected.getMessage());
        } catch (FlashdutyException | FaultToleranceException failed) {
            return Outcome.failed(failed.getMessage());
        } catch (RuntimeException unexpected) {
            // Only types are logged: a library's message may quote the request URL, which carries the app key.
            LOG.errorf("unexpected failure for %s: %s", alarm.arn(), causeTypes(unexpected));
            return Outcome.failed("unexpected " + unexpected.getClass().getSimpleName());
        }
    }

    private Outcome open(AlarmChange alarm, Route route, Deadline deadline) {
        long at = changeTime(alarm);
        List<Responses.Change> open = openIncidents(route, deadline);
        // Flashduty's create is not idempotent: a redelivered or duplicated change must find its incident.
        var mine = open.stream().filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)).findFirst();
        if (mine.isPresent()) {
            return fireAgain(alarm, route, mine.get(), at, deadline);
        }
        var recovered = recoveryAfter(alarm, route, deadline);
        if (recovered.isPresent()) {
            return Outcome.ignored("stale: incident " + recovered.get().changeId() + " for this alarm was resolved at "
                    + Instant.ofEpochSecond(IncidentMapper.resolvedAt(recovered.get())) + ", after this change",
                    recovered.get().changeId());
        }
        if (joinOpenIncidents) {
            var shared = open.stream().filter(IncidentMapper::isOurs)
                    .filter(incident -> sharesComponents(incident, route)).findFirst();
            if (shared.isPresent()) {
                return join(alarm, route, shared.get(), at, deadline);
            }
        }
        var request = IncidentMapper.openIncident(alarm, route, at);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.CREATED, "would open an incident for alarm " + alarm.name(), null,
                    new Outcome.PlannedCall("POST", FlashdutyClient.CREATE_PATH, request));
        }
        long changeId = flashduty.createChange(request, incident -> IncidentMapper.isOpenedFor(incident, alarm),
                deadline);
        return Outcome.created(changeId, "incident opened for alarm " + alarm.name());
    }

    /** An ALARM for an alarm the open incident already stands for. */
    private Outcome fireAgain(AlarmChange alarm, Route route, Responses.Change incident, long at, Deadline deadline) {
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
                "alarm " + alarm.name() + " fires again in incident " + incident.changeId(), deadline);
    }

    private Outcome join(AlarmChange alarm, Route route, Responses.Change incident, long at, Deadline deadline) {
        var raise = IncidentMapper.raiseImpact(alarm, incident, route, at);
        String reason = "alarm " + alarm.name() + " joined incident " + incident.changeId()
                + (raise.isPresent() ? " and raised its impact" : "");
        var edit = IncidentMapper.recordMembers(incident,
                Membership.of(incident).with(alarm.arn(), AlarmState.ALARM, at), route);
        if (dryRun) {
            List<Outcome.PlannedCall> calls = new ArrayList<>();
            raise.ifPresent(update -> calls.add(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_PATH, update)));
            calls.add(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_UPDATE_PATH, edit));
            return Outcome.dryRun(Outcome.Kind.UPDATED, "would record that " + reason, incident.changeId(), calls);
        }
        // Raise first: if the edit then fails, the retried change joins again and finds nothing left to raise.
        raise.ifPresent(update -> flashduty.addUpdate(update, deadline));
        flashduty.editUpdate(edit, deadline);
        return Outcome.updated(incident.changeId(), reason);
    }

    private Outcome resolve(AlarmChange alarm, Route route, Deadline deadline) {
        var open = openIncidentFor(alarm, route, deadline);
        if (open.isEmpty()) {
            return Outcome.ignored("no open incident for this alarm");
        }
        Responses.Change incident = open.get();
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
                    + incident.changeId() + " stays open for " + after.firing() + " other alarm(s)", deadline);
        }
        var request = IncidentMapper.resolveIncident(alarm, incident, route, at);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.RESOLVED, "would resolve: alarm " + alarm.name() + " is "
                    + alarm.newState(), incident.changeId(),
                    List.of(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_PATH, request)));
        }
        flashduty.addUpdate(request, deadline);
        return Outcome.resolved(incident.changeId(), "incident resolved: alarm " + alarm.name() + " is "
                + alarm.newState());
    }

    /** Rewrites the incident's list of alarms, which notifies no one. */
    private Outcome record(Responses.Change incident, Membership members, Route route, String reason,
            Deadline deadline) {
        var edit = IncidentMapper.recordMembers(incident, members, route);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.UPDATED, "would record that " + reason, incident.changeId(),
                    List.of(new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_UPDATE_PATH, edit)));
        }
        flashduty.editUpdate(edit, deadline);
        return Outcome.updated(incident.changeId(), reason);
    }

    /** The page's open incidents; this function's own come with their timeline, which holds their alarms. */
    private List<Responses.Change> openIncidents(Route route, Deadline deadline) {
        return flashduty.activeIncidents(route.pageId(), deadline).stream()
                .map(incident -> IncidentMapper.isOurs(incident) ? withOpeningUpdate(incident, route, deadline)
                        : incident)
                .toList();
    }

    /** The incident with its timeline; a list answer without updates is completed from change/info. */
    private Responses.Change withOpeningUpdate(Responses.Change incident, Route route, Deadline deadline) {
        if (Membership.openingUpdate(incident).isPresent()) {
            return incident;
        }
        long pageId = incident.pageId() == null ? route.pageId() : incident.pageId();
        return flashduty.change(pageId, incident.changeId(), deadline);
    }

    private static Outcome stale(Responses.Change incident, Membership.Member member) {
        return Outcome.ignored("stale: incident " + incident.changeId() + " already records a change of this alarm at "
                + Instant.ofEpochSecond(member.atSeconds()) + ", newer than this one", incident.changeId());
    }

    private static boolean sharesComponents(Responses.Change incident, Route route) {
        return incident.affectedComponents() != null && incident.affectedComponents().stream()
                .anyMatch(component -> route.componentIds().contains(component.componentId()));
    }

    /** When the change happened: CloudWatch's state time, or now when the payload carries none. */
    private static long changeTime(AlarmChange alarm) {
        return alarm.stateTime() == null ? Instant.now().getEpochSecond() : alarm.stateTime().getEpochSecond();
    }

    private Optional<Responses.Change> openIncidentFor(AlarmChange alarm, Route route, Deadline deadline) {
        return openIncidents(route, deadline).stream()
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)).findFirst();
    }

    /** A resolved incident of this alarm whose span covers the change: the change arrived after its recovery. */
    private Optional<Responses.Change> recoveryAfter(AlarmChange alarm, Route route, Deadline deadline) {
        if (alarm.stateTime() == null) {
            return Optional.empty();
        }
        long at = alarm.stateTime().getEpochSecond();
        return flashduty.resolvedIncidents(route.pageId(), at - RESOLVED_LOOKBACK_SECONDS, deadline).stream()
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .filter(incident -> incident.startAtSeconds() == null || incident.startAtSeconds() <= at)
                .filter(incident -> IncidentMapper.resolvedAt(incident) >= at)
                .findFirst();
    }

    private static String causeTypes(Throwable failure) {
        StringBuilder types = new StringBuilder(failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            types.append(" <- ").append(cause.getClass().getName());
        }
        return types.toString();
    }
}
