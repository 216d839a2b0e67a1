package dev.statuspagesync.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.FlashdutyRejectedException;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.inbound.Envelope;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.outcome.OutcomeLog;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.References;
import dev.statuspagesync.routing.Audience;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.routing.Wording;

/**
 * Carries out the decisions of {@link AlarmDecisions} through Flashduty. It makes the reads a decision asks for,
 * keeps them for the rest of the invocation, defers alarm-list edits to one write per incident at the end, and
 * repairs the race of two environments that open an incident for the same change at once. A dry run answers with
 * the writes a decision plans instead of making them.
 */
@Startup
@ApplicationScoped
public class PlanExecutor {

    private static final Logger LOG = Logger.getLogger(PlanExecutor.class);
    /** Open incidents, resolved incidents, a timeline, and one more for a timeline a list did not carry. */
    private static final int MAX_READS_PER_DECISION = 4;

    private final Router router;
    private final StatusPageApi flashduty;
    private final ReadCache cache;
    private final Clock clock;
    private final AlarmDecisions.Policy policy;
    private final boolean dryRun;

    /** Started with the application, so that settings that cannot work stop it at once. */
    @Inject
    public PlanExecutor(Router router, StatusPageApi flashduty, ReadCache cache, Clock clock, StatusPageConfig config,
            FlashdutyConfig flashdutyConfig) {
        this(router, flashduty, cache, clock,
                new AlarmDecisions.Policy(config.insufficientData(), config.joinOpenIncidents(), CalmPage.of(config)),
                flashdutyConfig.dryRun());
    }

    PlanExecutor(Router router, StatusPageApi flashduty, ReadCache cache, Clock clock, AlarmDecisions.Policy policy,
            boolean dryRun) {
        this.router = router;
        this.flashduty = flashduty;
        this.cache = cache;
        this.clock = clock;
        this.policy = policy;
        this.dryRun = dryRun;
    }

    /** Starts the work of one invocation. */
    public Invocation begin(Deadline deadline) {
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
    Outcome apply(AlarmChange alarm, Route chosen, int item, Invocation invocation) {
        var route = Optional.ofNullable(chosen);
        if (route.isEmpty()) {
            return Outcome.ignored("no route matches alarm " + alarm.name());
        }
        try {
            Decision decision = decide(alarm, route.get(), invocation);
            return dryRun ? planned(decision, route.get(), router.wordingFor(route.get().pageId()), policy)
                    : carryOut(decision, alarm, route.get(), item, invocation);
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
        for (EditBuffer.PendingEdit edit : invocation.edits().takeAll()) {
            if (write(edit, invocation)) {
                announceMonitoring(edit, invocation);
            }
        }
        cache.keep(invocation);
        return invocation.edits().failedLater();
    }

    /**
     * Tells subscribers that every alarm of the incident has recovered, when the policy asks for it. It waits for
     * the end of the invocation, so that a batch holding an alarm's recovery and its re-fire notifies no one.
     */
    private void announceMonitoring(EditBuffer.PendingEdit edit, Invocation invocation) {
        var incident = invocation.views().find(edit.pageId(), edit.changeId());
        var update = incident.flatMap(known -> AlarmDecisions.monitoring(known, edit.pageId(),
                router.wordingFor(edit.pageId()), policy));
        if (update.isEmpty()) {
            return;
        }
        try {
            flashduty.addUpdate(update.get(), invocation.deadline());
            invocation.views().keep(edit.pageId(), IncidentMapper.afterUpdate(incident.get(), update.get()));
        } catch (RuntimeException failure) {
            invocation.edits().failLater(edit.items(), Outcome.of(failure, "incident " + edit.changeId()));
        }
    }

    /**
     * The scheduled sweep at {@code now} (the schedule's time, not the clock's): resolves every incident of a
     * routed page whose alarms have all stayed recovered for the quiet period. It reads each page's open incidents
     * once, and an incident's timeline again only before resolving it. Each resolution is logged; the answer sums
     * them up, and fails when one failed, for the next sweep to do again.
     */
    public Swept sweep(Instant now, Invocation invocation) {
        List<Outcome> outcomes = new ArrayList<>();
        int waiting = 0;
        for (long pageId : router.pageIds()) {
            try {
                openIncidents(pageId, invocation);
            } catch (RuntimeException failure) {
                invocation.markFailed();
                outcomes.add(Outcome.of(failure, "page " + pageId));
                continue;
            }
            for (Responses.Change incident : invocation.views().view(pageId).open()) {
                var decision = AlarmDecisions.sweep(incident, pageId, router.wordingFor(pageId), policy,
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
        return new Swept(sweepOutcome(now, outcomes, waiting), resolved, waiting);
    }

    /** The page's open incidents, read unless this invocation (or the read cache) knows them. */
    List<Responses.Change> openIncidents(long pageId, Invocation invocation) {
        if (invocation.views().view(pageId).open() == null) {
            read(new Need.OpenIncidents(pageId), invocation);
        }
        return invocation.views().view(pageId).open();
    }

    /** What a sweep did: its answer, the incidents it resolved (or would have, in a dry run) and those waiting. */
    public record Swept(Outcome outcome, int resolved, int waiting) {
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
            var decision = AlarmDecisions.sweep(fresh, pageId, router.wordingFor(pageId), policy,
                    now.getEpochSecond());
            if (decision.isEmpty() || !(decision.get() instanceof Decision.Resolve resolve)
                    || fresh.status() != null && fresh.status().isTerminal()) {
                invocation.views().keep(pageId, fresh);
                return Outcome.ignored("incident " + changeId + " is no longer due: read again, "
                        + decision.map(Decision::reason).orElse("an alarm fires or it is closed"), changeId);
            }
            return dryRun ? planned(resolve, null, router.wordingFor(pageId), policy) : resolve(resolve, invocation);
        } catch (RuntimeException failure) {
            invocation.markFailed();
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

    /** Asks for the decision, making each read it needs first. */
    private Decision decide(AlarmChange alarm, Route route, Invocation invocation) {
        for (int reads = 0;; reads++) {
            Step step = AlarmDecisions.decide(alarm, route, invocation.views().view(route.pageId()), policy,
                    clock.instant().getEpochSecond());
            switch (step) {
                case Decision decision -> {
                    return decision;
                }
                case Need need -> {
                    if (reads == MAX_READS_PER_DECISION) {
                        throw new IllegalStateException("the decision for alarm " + alarm.name() + " still needs "
                                + need);
                    }
                    read(need, invocation);
                }
            }
        }
    }

    private void read(Need need, Invocation invocation) {
        PageViews views = invocation.views();
        switch (need) {
            case Need.OpenIncidents open -> {
                var listed = flashduty.activeIncidents(open.pageId(), invocation.deadline());
                views.listed(open.pageId(), listed);
                views.rememberOpen(open.pageId(), withTimelines(listed, open.pageId(), invocation), clock.millis());
            }
            case Need.ResolvedIncidents resolved -> views.rememberResolved(resolved.pageId(),
                    new PageView.Resolved(resolved.sinceSeconds(), flashduty.resolvedIncidents(resolved.pageId(),
                            resolved.sinceSeconds(), invocation.deadline())), clock.millis());
            case Need.Maintenances maintenances -> views.rememberMaintenances(maintenances.pageId(),
                    flashduty.activeEvents(maintenances.pageId(), EventType.MAINTENANCE, invocation.deadline()));
            // A decision asks only for incidents of the page's view; should one be missing, the decision asks
            // again and the read limit says which.
            case Need.Timeline timeline -> views.find(timeline.pageId(), timeline.changeId())
                    .ifPresent(known -> withTimeline(known, timeline.pageId(), invocation));
        }
    }

    /**
     * The listed incidents, this function's with their timelines: their alarm lists tell which alarms joined them.
     * An incident listed without its timeline and without the description's key line may be one of them too (where
     * Flashduty shows the latest update as the description), so it is read.
     */
    private List<Responses.Change> withTimelines(List<Responses.Change> listed, long pageId, Invocation invocation) {
        return listed.stream()
                .map(incident -> IncidentText.isOurs(incident) || incident.updates() == null
                        ? withTimeline(incident, pageId, invocation)
                        : incident)
                .toList();
    }

    /**
     * The incident with its timeline. Incidents this function has just opened lack it, and one read of the page's
     * open incidents completes them all; an incident still without updates is read from change/info.
     */
    private Responses.Change withTimeline(Responses.Change incident, long pageId, Invocation invocation) {
        if (IncidentText.openingUpdate(incident).isPresent()) {
            return incident;
        }
        PageViews views = invocation.views();
        if (views.shouldList(pageId)) {
            relist(pageId, invocation);
            var completed = views.find(pageId, incident.changeId())
                    .filter(known -> IncidentText.openingUpdate(known).isPresent());
            if (completed.isPresent()) {
                return completed.get();
            }
        }
        Responses.Change full = flashduty.change(pageId, incident.changeId(), invocation.deadline());
        views.keep(pageId, full);
        return full;
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
                    incident = IncidentMapper.afterUpdate(incident, edit.announcement().get());
                }
                defer(edit.pageId(), incident, edit.members(), audience(edit.pageId()), item, invocation);
                yield new Outcome(decision.kind(), decision.reason(), decision.changeId());
            }
            case Decision.Resolve resolve -> resolve(resolve, invocation);
            case Decision.Ignore ignore -> new Outcome(ignore.kind(), ignore.reason(), ignore.changeId());
        };
    }

    private Outcome open(Decision.Open open, AlarmChange alarm, Route route, int item, Invocation invocation) {
        long changeId = flashduty.createChange(open.request(),
                incident -> IncidentText.members(incident).contains(open.alarmArn()), invocation.deadline());
        invocation.views().opened(route.pageId(), IncidentMapper.opened(changeId, open.request()));
        if (!openedMeanwhile(alarm, route, changeId, invocation)) {
            return Outcome.created(changeId, open.reason());
        }
        // Another environment opened one for this change at the same moment: the first opened stays.
        delete(route.pageId(), changeId, invocation);
        Decision then = decide(alarm, route, invocation);
        if (then instanceof Decision.Open) {
            throw new IllegalStateException("alarm " + alarm.name() + " would open a second incident beside the one"
                    + " kept after a race");
        }
        Outcome outcome = carryOut(then, alarm, route, item, invocation);
        return new Outcome(outcome.outcome(), outcome.reason() + "; incident " + changeId
                + ", opened for it at the same moment, was deleted", outcome.changeId(), outcome.planned());
    }

    /** Reads the page's open incidents again, giving the known ones that lack a timeline the one listed. */
    private List<Responses.Change> relist(long pageId, Invocation invocation) {
        var listed = flashduty.activeIncidents(pageId, invocation.deadline());
        invocation.views().listed(pageId, listed);
        invocation.views().completeTimelines(pageId, listed);
        return listed;
    }

    /**
     * Reads the page's open incidents again after a create, to catch a concurrent environment that opened an
     * incident for the same change (or for the same components) before this one: Flashduty has no conditional
     * create. Incident ids grow with time, so every environment agrees which came first. The read also gives
     * the new incident its timeline. True when an earlier incident is found; it is then in the page's view.
     */
    private boolean openedMeanwhile(AlarmChange alarm, Route route, long changeId, Invocation invocation) {
        PageViews views = invocation.views();
        var first = relist(route.pageId(), invocation).stream()
                .map(incident -> incident.updates() == null && incident.changeId() < changeId
                        ? withTimeline(incident, route.pageId(), invocation)
                        : incident)
                .filter(IncidentText::isOurs)
                .filter(incident -> incident.changeId() < changeId)
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)
                        || policy.joinOpenIncidents() && AlarmDecisions.sharesComponents(incident, route))
                .min(Comparator.comparing(Responses.Change::changeId));
        first.ifPresent(incident -> {
            long pageId = IncidentMapper.pageOf(incident, route);
            views.keep(pageId, withTimeline(incident, pageId, invocation));
        });
        return first.isPresent();
    }

    private void deleteDuplicates(Decision decision, AlarmChange alarm, Route route, Invocation invocation) {
        for (Responses.Change duplicate : decision.duplicates()) {
            long pageId = IncidentMapper.pageOf(duplicate, route);
            delete(pageId, duplicate.changeId(), invocation);
            LOG.infof("alarm=\"%s\" deleted incident %d, a duplicate of incident %d", alarm.name(),
                    duplicate.changeId(), decision.changeId());
        }
    }

    /**
     * Deletes an incident. A delete refused is decided from the page, not from the error code: Flashduty documents
     * no answer for an event already gone (another environment's repair, or this one's lost answer), so the
     * incident counts as deleted when the page no longer lists it.
     */
    private void delete(long pageId, long changeId, Invocation invocation) {
        try {
            flashduty.deleteChange(pageId, changeId, invocation.deadline());
        } catch (FlashdutyRejectedException refused) {
            if (flashduty.activeIncidents(pageId, invocation.deadline()).stream()
                    .anyMatch(incident -> incident.changeId() == changeId)) {
                throw refused;
            }
        }
        invocation.views().deleted(pageId, changeId);
    }

    /** Changes the incident's list of alarms; the edit, which notifies no one, is written at the end. */
    private static void defer(long pageId, Responses.Change incident, Membership members, Audience audience,
            int item, Invocation invocation) {
        var joined = new HashSet<>(members.members().keySet());
        joined.removeAll(IncidentText.members(incident).members().keySet());
        invocation.views().keep(pageId, IncidentMapper.withMembers(incident, members, audience));
        invocation.edits().defer(pageId, incident.changeId(), item, joined);
    }

    private Outcome resolve(Decision.Resolve resolve, Invocation invocation) {
        Responses.Change incident = resolve.incident();
        // A list that gained members is written before the resolution, so the resolved incident keeps who joined
        // it; one that only recorded recoveries is not: the resolution says that every alarm has recovered.
        var pending = invocation.edits().take(incident.changeId());
        if (pending.isPresent() && !pending.get().joined().isEmpty()) {
            invocation.views().keep(resolve.pageId(), IncidentMapper.withMembers(
                    withTimeline(incident, resolve.pageId(), invocation), resolve.members(),
                    audience(resolve.pageId())));
            if (!write(pending.get(), invocation)) {
                return Outcome.failed("incident " + incident.changeId() + " not resolved: its list of alarms could not"
                        + " be written first");
            }
        }
        try {
            flashduty.addUpdate(resolve.resolution(), invocation.deadline());
        } catch (RuntimeException failure) {
            // The recoveries it was to stand for are written nowhere: their messages must be delivered again.
            pending.filter(edit -> edit.joined().isEmpty()).ifPresent(edit -> invocation.edits().failLater(
                    edit.items(), Outcome.of(failure, "incident " + incident.changeId())));
            throw failure;
        }
        invocation.views().resolvedNow(resolve.pageId(), IncidentMapper.resolved(incident, resolve.resolution()));
        return Outcome.resolved(incident.changeId(), resolve.reason());
    }

    /** The audience of the page: a public page's lists name every alarm by reference. */
    private Audience audience(long pageId) {
        return router.wordingFor(pageId).audience();
    }

    /** Writes one deferred edit; when it fails, every item that contributed to it fails with it. */
    private boolean write(EditBuffer.PendingEdit edit, Invocation invocation) {
        try {
            Responses.Change incident = invocation.views().find(edit.pageId(), edit.changeId()).orElseThrow();
            flashduty.editUpdate(IncidentMapper.recordMembers(incident, IncidentText.members(incident),
                    edit.pageId(), audience(edit.pageId())), invocation.deadline());
            return true;
        } catch (RuntimeException failure) {
            invocation.edits().failLater(edit.items(), Outcome.of(failure, "incident " + edit.changeId()));
            return false;
        }
    }

    /**
     * The answer of a dry run: the decision's outcome and the writes it plans, none of them made; a monitoring
     * update is worded as {@code pageWording}, the page's.
     */
    static Outcome planned(Decision decision, Route route, Wording pageWording, AlarmDecisions.Policy policy) {
        List<Outcome.PlannedCall> calls = new ArrayList<>();
        for (Responses.Change duplicate : decision.duplicates()) {
            calls.add(post(FlashdutyPaths.DELETE_PATH,
                    new Requests.DeleteChange(IncidentMapper.pageOf(duplicate, route), duplicate.changeId())));
        }
        String reason = switch (decision) {
            case Decision.Open open -> {
                calls.add(post(FlashdutyPaths.CREATE_PATH, open.request()));
                yield "would open an incident for alarm " + open.alarmName();
            }
            case Decision.ListEdit edit -> {
                edit.announcement().ifPresent(update -> calls.add(post(FlashdutyPaths.TIMELINE_PATH, update)));
                calls.add(post(FlashdutyPaths.TIMELINE_UPDATE_PATH,
                        IncidentMapper.recordMembers(edit.incident(), edit.members(), edit.pageId(),
                                pageWording.audience())));
                AlarmDecisions.monitoring(IncidentMapper.withMembers(edit.incident(), edit.members(),
                        pageWording.audience()), edit.pageId(), pageWording, policy)
                        .ifPresent(update -> calls.add(post(FlashdutyPaths.TIMELINE_PATH, update)));
                yield "would record that " + edit.reason();
            }
            case Decision.Resolve resolve -> {
                calls.add(post(FlashdutyPaths.TIMELINE_PATH, resolve.resolution()));
                yield "would resolve: " + resolve.why();
            }
            case Decision.Ignore ignore -> calls.isEmpty() ? null : "would delete duplicates; " + ignore.reason();
        };
        if (reason == null) {
            return new Outcome(decision.kind(), decision.reason(), decision.changeId());
        }
        return Outcome.dryRun(decision.kind(), reason, decision.changeId(), calls);
    }

    private static Outcome.PlannedCall post(String path, Object body) {
        return new Outcome.PlannedCall("POST", path, body);
    }
}
