package dev.statuspagesync.lifecycle;

import java.time.Instant;
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

    public AlarmLifecycle(Router router, FlashdutyClient flashduty, StatusPageConfig config,
            FlashdutyConfig flashdutyConfig) {
        this.router = router;
        this.flashduty = flashduty;
        this.insufficientData = config.insufficientData();
        this.dryRun = flashdutyConfig.dryRun();
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
        // Flashduty's create is not idempotent: a redelivered or duplicated change must find its incident.
        var open = openIncidentFor(alarm, route, deadline);
        if (open.isPresent()) {
            return Outcome.ignored("incident " + open.get().changeId() + " is already open for this alarm",
                    open.get().changeId());
        }
        var recovered = recoveryAfter(alarm, route, deadline);
        if (recovered.isPresent()) {
            return Outcome.ignored("stale: incident " + recovered.get().changeId() + " for this alarm was resolved at "
                    + Instant.ofEpochSecond(IncidentMapper.resolvedAt(recovered.get())) + ", after this change",
                    recovered.get().changeId());
        }
        var request = IncidentMapper.openIncident(alarm, route);
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.CREATED, "would open an incident for alarm " + alarm.name(), null,
                    new Outcome.PlannedCall("POST", FlashdutyClient.CREATE_PATH, request));
        }
        long changeId = flashduty.createChange(request, incident -> IncidentMapper.isOpenedFor(incident, alarm),
                deadline);
        return Outcome.created(changeId, "incident opened for alarm " + alarm.name());
    }

    private Outcome resolve(AlarmChange alarm, Route route, Deadline deadline) {
        var open = openIncidentFor(alarm, route, deadline);
        if (open.isEmpty()) {
            return Outcome.ignored("no open incident for this alarm");
        }
        Responses.Change incident = open.get();
        long newest = IncidentMapper.newestRecordedAt(incident);
        if (alarm.stateTime() != null && alarm.stateTime().getEpochSecond() < newest) {
            return Outcome.ignored("stale: incident " + incident.changeId() + " already records a change at "
                    + Instant.ofEpochSecond(newest) + ", newer than this one", incident.changeId());
        }
        var request = IncidentMapper.resolveIncident(alarm, incident, route);
        String reason = "incident resolved: alarm " + alarm.name() + " is " + alarm.newState();
        if (dryRun) {
            return Outcome.dryRun(Outcome.Kind.RESOLVED, "would resolve: alarm " + alarm.name() + " is "
                    + alarm.newState(), incident.changeId(), new Outcome.PlannedCall("POST", FlashdutyClient.TIMELINE_PATH,
                            request));
        }
        flashduty.addUpdate(request, deadline);
        return Outcome.resolved(incident.changeId(), reason);
    }

    private Optional<Responses.Change> openIncidentFor(AlarmChange alarm, Route route, Deadline deadline) {
        return flashduty.activeIncidents(route.pageId(), deadline).stream()
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
