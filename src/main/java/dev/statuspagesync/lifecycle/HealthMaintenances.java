package dev.statuspagesync.lifecycle;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.MaintenanceDecisions;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.routing.Router;

/**
 * Carries out {@link MaintenanceDecisions} for AWS Health scheduled changes: reads the page's active maintenances,
 * then creates, replaces, updates or withdraws the change's maintenance. A dry run answers with the writes it held
 * back.
 */
@ApplicationScoped
public class HealthMaintenances {

    private final Router router;
    private final StatusPageApi flashduty;
    private final Clock clock;
    private final CalmPage calm;

    @Inject
    public HealthMaintenances(Router router, StatusPageApi flashduty, Clock clock, StatusPageConfig config) {
        this(router, flashduty, clock, CalmPage.of(config));
    }

    HealthMaintenances(Router router, StatusPageApi flashduty, Clock clock, CalmPage calm) {
        this.router = router;
        this.flashduty = flashduty;
        this.clock = clock;
        this.calm = calm;
    }

    /** Applies one scheduled change. */
    public Outcome apply(AlarmChange change, Deadline deadline) {
        var route = router.routeFor(change);
        if (route.isEmpty()) {
            return Outcome.ignored(router.unrouted(change));
        }
        String what = IncidentMapper.subject(change);
        try {
            var active = flashduty.activeEvents(route.get().pageId(), EventType.MAINTENANCE, deadline);
            var plan = MaintenanceDecisions.decide(change, route.get(), active, calm, clock.instant().getEpochSecond());
            Outcome outcome = carryOut(plan, deadline);
            return flashduty.holdsWrites() ? Outcome.dryRun(outcome.outcome(), "would write: " + outcome.reason(),
                    null, flashduty.takeHeldWrites()) : outcome;
        } catch (RuntimeException failure) {
            flashduty.takeHeldWrites();
            return Outcome.of(failure, what);
        }
    }

    private Outcome carryOut(MaintenanceDecisions.Plan plan, Deadline deadline) {
        return switch (plan) {
            case MaintenanceDecisions.Leave leave -> leave.changeId() == null ? Outcome.ignored(leave.reason())
                    : Outcome.ignored(leave.reason(), leave.changeId());
            case MaintenanceDecisions.Announce announce -> {
                if (announce.replaces() != null) {
                    flashduty.deleteChange(announce.request().pageId(), announce.replaces(), deadline);
                }
                long created = flashduty.createChange(announce.request(),
                        event -> IncidentText.hasEventKey(event, announce.key()), deadline);
                yield announce.replaces() == null ? Outcome.created(created, announce.reason())
                        : Outcome.updated(created, announce.reason());
            }
            case MaintenanceDecisions.Tell tell -> {
                flashduty.addUpdate(tell.update(), deadline);
                yield tell.completes() ? Outcome.resolved(tell.changeId(), tell.reason())
                        : Outcome.updated(tell.changeId(), tell.reason());
            }
            case MaintenanceDecisions.Record record -> {
                flashduty.editUpdate(record.edit(), deadline);
                yield Outcome.updated(record.changeId(), record.reason());
            }
            case MaintenanceDecisions.Withdraw withdraw -> {
                flashduty.deleteChange(withdraw.pageId(), withdraw.changeId(), deadline);
                yield Outcome.resolved(withdraw.changeId(), withdraw.reason());
            }
        };
    }
}
