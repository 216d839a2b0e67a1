package dev.statuspagesync.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.FlashdutyClient;
import dev.statuspagesync.flashduty.FlashdutyException;
import dev.statuspagesync.flashduty.FlashdutyRejectedException;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Router;

/** Decides what one alarm state change means for the status page and carries it out. */
@ApplicationScoped
public class AlarmLifecycle {

    private static final Logger LOG = Logger.getLogger(AlarmLifecycle.class);

    private final Router router;
    private final FlashdutyClient flashduty;

    public AlarmLifecycle(Router router, FlashdutyClient flashduty) {
        this.router = router;
        this.flashduty = flashduty;
    }

    public Outcome apply(AlarmChange alarm, Deadline deadline) {
        var route = router.routeFor(alarm);
        if (route.isEmpty()) {
            return Outcome.ignored("no route matches alarm " + alarm.name());
        }
        return switch (alarm.newState()) {
            case ALARM -> alarm.actionsSuppressed()
                    ? Outcome.ignored("alarm actions are suppressed, so this is not an outage")
                    : open(alarm, route.get(), deadline);
            case OK -> Outcome.ignored("recovery (OK) does not change the page yet");
            case INSUFFICIENT_DATA -> Outcome.ignored("INSUFFICIENT_DATA does not change the page");
        };
    }

    private Outcome open(AlarmChange alarm, Route route, Deadline deadline) {
        try {
            // Flashduty's create is not idempotent: a redelivered or duplicated change must find its incident.
            var open = flashduty.activeIncidents(route.pageId(), deadline).stream()
                    .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)).findFirst();
            if (open.isPresent()) {
                return Outcome.ignored("incident " + open.get().changeId() + " is already open for this alarm",
                        open.get().changeId());
            }
            long changeId = flashduty.createChange(IncidentMapper.openIncident(alarm, route), deadline);
            return Outcome.created(changeId, "incident opened for alarm " + alarm.name());
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

    private static String causeTypes(Throwable failure) {
        StringBuilder types = new StringBuilder(failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            types.append(" <- ").append(cause.getClass().getName());
        }
        return types.toString();
    }
}
