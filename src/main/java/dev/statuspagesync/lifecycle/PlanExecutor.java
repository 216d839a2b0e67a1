package dev.statuspagesync.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.KnownIncident;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.References;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Router;

/**
 * Carries out the decisions of {@link AlarmDecisions} through Flashduty: the reads a decision asks for
 * ({@link PageReads}), its writes ({@link PageWrites}, alarm-list edits deferred to one write per incident at the
 * end), and the repair of the race of two environments that open an incident for the same change at once. The
 * sweep's resolutions are {@link QuietPeriodSweep}'s. A dry run takes the same path on a page that holds the
 * writes back, and answers with them ({@link DryRunPlan}).
 */
@Startup
@ApplicationScoped
public class PlanExecutor {

    private static final Logger LOG = Logger.getLogger(PlanExecutor.class);

    private final Router router;
    private final StatusPageApi flashduty;
    private final ReadCache cache;
    private final Clock clock;
    private final AlarmDecisions.Policy policy;
    private final PageReads reads;
    private final PageWrites writes;
    private final QuietPeriodSweep sweep;

    /** Started with the application, so that settings that cannot work stop it at once. */
    @Inject
    public PlanExecutor(Router router, StatusPageApi flashduty, ReadCache cache, Clock clock, StatusPageConfig config) {
        this(router, flashduty, cache, clock,
                new AlarmDecisions.Policy(config.insufficientData(), config.joinOpenIncidents(), CalmPage.of(config)));
    }

    PlanExecutor(Router router, StatusPageApi flashduty, ReadCache cache, Clock clock, AlarmDecisions.Policy policy) {
        this.router = router;
        this.flashduty = flashduty;
        this.cache = cache;
        this.clock = clock;
        this.policy = policy;
        this.reads = new PageReads(flashduty, clock, policy);
        this.writes = new PageWrites(router, flashduty, reads, policy);
        this.sweep = new QuietPeriodSweep(router, flashduty, reads, writes, policy);
    }

    /** Starts the work of one invocation. */
    public Invocation begin(Deadline deadline) {
        flashduty.forgetPlanned();
        Invocation invocation = new Invocation(deadline, new PageViews(clock));
        cache.seed(invocation.views());
        return invocation;
    }

    /** Applies the change of item {@code item} of the batch; alarm-list edits wait for {@link #finish}. */
    public Outcome apply(AlarmChange alarm, int item, Invocation invocation) {
        // Only the sweep names a member by its reference: a delivered one would stand for a member it cannot be.
        if (alarm.envelope() != Envelope.CLOUDWATCH && alarm.contributor() != null
                && References.isReference(alarm.contributor().id())) {
            return Outcome.ignored("a delivered contributor id has the form of a reference, which only the sweep"
                    + " uses");
        }
        return apply(alarm, router.routeFor(alarm).orElse(null), item, invocation);
    }

    /** Applies the change on {@code route}, chosen by the caller; null when no route leads anywhere. */
    public Outcome apply(AlarmChange alarm, Route chosen, int item, Invocation invocation) {
        var route = Optional.ofNullable(chosen);
        if (route.isEmpty()) {
            return Outcome.ignored(router.unrouted(alarm));
        }
        try {
            Decision decision = reads.decide(alarm, route.get(), invocation);
            Outcome outcome = carryOut(decision, alarm, route.get(), item, invocation);
            return flashduty.holdsWrites() ? DryRunPlan.answer(decision, outcome, flashduty.takeHeldWrites())
                    : outcome;
        } catch (RuntimeException failure) {
            invocation.markFailed();
            flashduty.takeHeldWrites();
            return Outcome.of(failure, alarm.arn());
        }
    }

    /**
     * Writes the alarm-list edits the invocation deferred, one call per incident, and returns the answers of its
     * items settled: an item whose edit failed ends failed, and a dry run's answer gains the edit it held back.
     */
    public List<Outcome> finish(Invocation invocation, List<Outcome> answers) {
        writes.writeDeferred(invocation);
        // A dry run's views hold writes never made: the next invocation reads the page again.
        if (!flashduty.holdsWrites()) {
            cache.keep(invocation);
        }
        List<Outcome> settled = new ArrayList<>(answers);
        invocation.edits().heldLater().forEach((item, held) -> settled.set(item, settled.get(item)
                .withLaterWrites(held)));
        invocation.edits().failedLater().forEach(settled::set);
        return settled;
    }

    /**
     * The scheduled sweep at {@code now} (the schedule's time, not the clock's): resolves every incident of a
     * routed page whose alarms have all stayed recovered for the quiet period ({@link QuietPeriodSweep}).
     */
    public Swept sweep(Instant now, Invocation invocation) {
        return sweep.sweep(now, invocation);
    }

    /** The page's open incidents, read unless this invocation (or the read cache) knows them. */
    public List<Responses.Change> openIncidents(long pageId, Invocation invocation) {
        return reads.openIncidents(pageId, invocation);
    }

    /** What a sweep did: its answer, the incidents it resolved (or would have, in a dry run) and those waiting. */
    public record Swept(Outcome outcome, int resolved, int waiting) {
    }

    private Outcome carryOut(Decision decision, AlarmChange alarm, Route route, int item, Invocation invocation) {
        deleteDuplicates(decision, alarm, route, invocation);
        return switch (decision) {
            case Decision.Open open -> open(open, alarm, route, item, invocation);
            case Decision.ListEdit edit -> {
                Responses.Change incident = edit.incident();
                if (edit.announcement().isPresent()) {
                    // Announced at once, recorded later: if the recording fails, the retried change finds the
                    // incident raised or identified already, and announces nothing again.
                    flashduty.addUpdate(edit.announcement().get(), invocation.deadline());
                    incident = KnownIncident.afterUpdate(incident, edit.announcement().get());
                }
                PageWrites.defer(edit.pageId(), incident, edit.members(), writes.audience(edit.pageId()), item,
                        invocation);
                yield new Outcome(decision.kind(), decision.reason(), decision.changeId());
            }
            case Decision.Resolve resolve -> writes.resolve(resolve, invocation);
            case Decision.Ignore ignore -> Outcome.ignored(ignore.why(), ignore.reason(), ignore.changeId());
        };
    }

    private Outcome open(Decision.Open open, AlarmChange alarm, Route route, int item, Invocation invocation) {
        long changeId = flashduty.createChange(open.request(),
                incident -> IncidentText.members(incident).contains(open.member()), invocation.deadline());
        invocation.views().opened(route.pageId(), KnownIncident.opened(changeId, open.request()));
        if (!openedMeanwhile(alarm, route, changeId, invocation)) {
            return Outcome.created(changeId, open.reason());
        }
        // Another environment opened one for this change at the same moment: the first opened stays.
        writes.delete(route.pageId(), changeId, invocation);
        Decision then = reads.decide(alarm, route, invocation);
        if (then instanceof Decision.Open) {
            throw new IllegalStateException("alarm " + alarm.name() + " would open a second incident beside the one"
                    + " kept after a race");
        }
        Outcome outcome = carryOut(then, alarm, route, item, invocation);
        return new Outcome(outcome.outcome(), outcome.reason() + "; incident " + changeId
                + ", opened for it at the same moment, was deleted", outcome.changeId(), outcome.planned());
    }

    /**
     * Reads the page's open incidents again after a create, to catch a concurrent environment that opened an
     * incident for the same change (or for the same components) before this one: Flashduty has no conditional
     * create. Incident ids grow with time, so every environment agrees which came first. The read also gives
     * the new incident its timeline. True when an earlier incident is found; it is then in the page's view.
     */
    private boolean openedMeanwhile(AlarmChange alarm, Route route, long changeId, Invocation invocation) {
        PageViews views = invocation.views();
        var first = reads.relist(route.pageId(), invocation).stream()
                .map(incident -> incident.updates() == null && incident.changeId() < changeId
                        ? reads.withTimeline(incident, route.pageId(), invocation)
                        : incident)
                .filter(IncidentText::isOurs)
                .filter(incident -> incident.changeId() < changeId)
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)
                        || policy.joinOpenIncidents() && AlarmDecisions.sharesComponents(incident, route))
                .min(Comparator.comparing(Responses.Change::changeId));
        first.ifPresent(incident -> {
            long pageId = IncidentMapper.pageOf(incident, route);
            views.keep(pageId, reads.withTimeline(incident, pageId, invocation));
        });
        return first.isPresent();
    }

    private void deleteDuplicates(Decision decision, AlarmChange alarm, Route route, Invocation invocation) {
        for (Responses.Change duplicate : decision.duplicates()) {
            long pageId = IncidentMapper.pageOf(duplicate, route);
            writes.delete(pageId, duplicate.changeId(), invocation);
            LOG.infof("alarm=\"%s\" %s incident %d, a duplicate of incident %d", alarm.name(),
                    flashduty.holdsWrites() ? "would delete" : "deleted", duplicate.changeId(), decision.changeId());
        }
    }
}
