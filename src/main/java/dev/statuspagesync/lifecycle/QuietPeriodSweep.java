package dev.statuspagesync.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.decide.QuietPeriodDecisions;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.outcome.OutcomeLog;
import dev.statuspagesync.routing.Router;

/**
 * The scheduled sweep's own work: resolving the incidents whose alarms have all stayed recovered for the quiet
 * period. A dry run answers with the resolutions it would post.
 */
final class QuietPeriodSweep {

    /** The sweep's lines keep the executor's logger, which operators' filters name. */
    private static final Logger LOG = Logger.getLogger(PlanExecutor.class);

    private final Router router;
    private final StatusPageApi flashduty;
    private final PageReads reads;
    private final PageWrites writes;
    private final AlarmDecisions.Policy policy;

    QuietPeriodSweep(Router router, StatusPageApi flashduty, PageReads reads, PageWrites writes,
            AlarmDecisions.Policy policy) {
        this.router = router;
        this.flashduty = flashduty;
        this.reads = reads;
        this.writes = writes;
        this.policy = policy;
    }

    /**
     * The scheduled sweep at {@code now} (the schedule's time, not the clock's): resolves every incident of a
     * routed page whose alarms have all stayed recovered for the quiet period. It reads each page's open incidents
     * once, and an incident's timeline again only before resolving it. Each resolution is logged; the answer sums
     * them up, and fails when one failed, for the next sweep to do again.
     */
    PlanExecutor.Swept sweep(Instant now, Invocation invocation) {
        List<Outcome> outcomes = new ArrayList<>();
        int waiting = 0;
        for (long pageId : router.pageIds()) {
            try {
                reads.openIncidents(pageId, invocation);
            } catch (RuntimeException failure) {
                invocation.markFailed();
                outcomes.add(Outcome.of(failure, "page " + pageId));
                continue;
            }
            for (Responses.Change incident : invocation.views().view(pageId).open()) {
                var decision = QuietPeriodDecisions.sweep(incident, pageId, router.wordingFor(pageId), policy,
                        now.getEpochSecond());
                if (decision.isEmpty()) {
                    continue;
                }
                if (!(decision.get() instanceof Decision.Resolve)) {
                    waiting++;
                    continue;
                }
                Outcome outcome = resolveDue(incident.changeId(), pageId, now, invocation);
                OutcomeLog.write(LOG, "sweep=" + now, Map.of("sweep", now.toString()), outcome);
                outcomes.add(outcome);
            }
        }
        int resolved = (int) outcomes.stream().filter(outcome -> outcome.outcome() == Outcome.Kind.RESOLVED).count();
        return new PlanExecutor.Swept(sweepOutcome(now, outcomes, waiting), resolved, waiting);
    }

    /**
     * Resolves an incident the sweep found due, after reading it again: another environment may have recorded a
     * re-fire since the list was read.
     */
    private Outcome resolveDue(long changeId, long pageId, Instant now, Invocation invocation) {
        try {
            // An incident this invocation has just changed (reconciliation recorded a recovery) is known as it is.
            Responses.Change fresh = invocation.edits().has(changeId)
                    ? invocation.views().find(pageId, changeId).orElseThrow()
                    : flashduty.change(pageId, changeId, invocation.deadline());
            var decision = QuietPeriodDecisions.sweep(fresh, pageId, router.wordingFor(pageId), policy,
                    now.getEpochSecond());
            if (decision.isEmpty() || !(decision.get() instanceof Decision.Resolve resolve)
                    || fresh.status() != null && fresh.status().isTerminal()) {
                invocation.views().keep(pageId, fresh);
                return Outcome.ignored("incident " + changeId + " is no longer due: read again, "
                        + decision.map(Decision::reason).orElse("an alarm fires or it is closed"), changeId);
            }
            Outcome outcome = writes.resolve(resolve, invocation);
            return flashduty.holdsWrites() ? DryRunPlan.answer(resolve, outcome, flashduty.takeHeldWrites())
                    : outcome;
        } catch (RuntimeException failure) {
            invocation.markFailed();
            flashduty.takeHeldWrites();
            Outcome outcome = Outcome.of(failure, "incident " + changeId);
            return new Outcome(outcome.outcome(), outcome.reason(), changeId);
        }
    }

    /** One answer for a sweep: failed when a page or an incident failed, resolved when one was resolved. */
    private static Outcome sweepOutcome(Instant now, List<Outcome> outcomes, int waiting) {
        var failed = outcomes.stream().filter(Outcome::mustRetry).toList();
        var resolved = outcomes.stream().filter(outcome -> outcome.outcome() == Outcome.Kind.RESOLVED).toList();
        var planned = outcomes.stream().filter(outcome -> outcome.planned() != null)
                .flatMap(outcome -> outcome.planned().stream()).toList();
        String verb = planned.isEmpty() ? " resolved" : " would be resolved";
        String summary = "sweep at " + now + ": " + (resolved.isEmpty() ? "nothing" + verb
                : "incident" + (resolved.size() > 1 ? "s " : " ") + resolved.stream()
                        .map(outcome -> String.valueOf(outcome.changeId())).collect(Collectors.joining(", "))
                        + verb)
                + (waiting > 0 ? "; " + waiting + " incident(s) in their quiet period" : "");
        Long changeId = resolved.size() == 1 ? resolved.get(0).changeId() : null;
        if (!failed.isEmpty()) {
            return new Outcome(failed.get(0).outcome(), summary + "; failed: " + failed.stream()
                    .map(Outcome::reason).collect(Collectors.joining("; ")), changeId);
        }
        Outcome.Kind kind = resolved.isEmpty() ? Outcome.Kind.IGNORED : Outcome.Kind.RESOLVED;
        return planned.isEmpty() ? new Outcome(kind, summary, changeId) : Outcome.dryRun(kind, summary, changeId, planned);
    }
}
