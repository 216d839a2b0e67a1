package dev.statuspagesync.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.cloudwatch.CloudWatchAlarms;
import dev.statuspagesync.cloudwatch.CloudWatchConnector;
import dev.statuspagesync.cloudwatch.CloudWatchException;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.lifecycle.Invocation;
import dev.statuspagesync.lifecycle.PlanExecutor;
import dev.statuspagesync.metrics.Metrics;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.outcome.OutcomeLog;
import dev.statuspagesync.page.References;
import dev.statuspagesync.routing.Router;

/**
 * The sweep's reconciliation ({@code STATUSPAGE_RECONCILE}): reads the alarms' states from CloudWatch, in the
 * account and Region the schedule runs in, and applies the changes {@link Reconciliation} finds missing from the
 * page, each as a delivered change would be. The CloudWatch client is built on the first reconciliation only.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** How the answer of a repair that waits for the next sweep begins. */
    static final String HELD_BACK = "held back until the next sweep: ";
    /** Repairs by weight, for the kind of the answer: an incident opened, else one resolved, else one updated. */
    private static final List<Outcome.Kind> WEIGHT = List.of(Outcome.Kind.CREATED, Outcome.Kind.RESOLVED,
            Outcome.Kind.UPDATED);

    private final PlanExecutor executor;
    private final Router router;
    private final BiFunction<String, Supplier<Duration>, CloudWatchAlarms> cloudWatchIn;
    private final Metrics metrics;
    private final boolean enabled;
    private final InsufficientDataPolicy insufficientData;
    private final Reconciliation.Scope home;
    private final Wiring wiring;

    @Inject
    public Reconciler(PlanExecutor executor, Router router, CloudWatchConnector connector, Metrics metrics,
            StatusPageConfig config, @ConfigProperty(name = "aws.region") Optional<String> region,
            @ConfigProperty(name = "aws.lambda.function.name") Optional<String> functionName) {
        this(executor, router, connector::connect, metrics, config.reconcile(), config.insufficientData(),
                Reconciliation.Scope.home(config, region).orElse(null), Wiring.of(config, region, functionName));
        if (enabled && wiring.isEmpty()) {
            LOG.warn("STATUSPAGE_RECONCILE is on and STATUSPAGE_ALARM_SOURCES names no source: the sweep repairs"
                    + " what the page lists and opens no incident of its own");
        }
        if (enabled && home == null) {
            LOG.warn("STATUSPAGE_RECONCILE is on without STATUSPAGE_HOME_ACCOUNT and AWS_REGION: delivered changes"
                    + " are not checked with CloudWatch, and a sweep reconciles the account and Region its event"
                    + " names");
        }
        if (enabled && config.scheduleRule().isEmpty()) {
            LOG.warn("STATUSPAGE_RECONCILE is on without STATUSPAGE_SCHEDULE_RULE: any Scheduled Event invoking the"
                    + " function directly sweeps");
        }
    }

    /**
     * {@code cloudWatchIn} gives CloudWatch in a Region, each call bounded by the time left; {@code home} is the
     * function's own account and Region, null when not known.
     */
    public Reconciler(PlanExecutor executor, Router router,
            BiFunction<String, Supplier<Duration>, CloudWatchAlarms> cloudWatchIn, Metrics metrics, boolean enabled,
            InsufficientDataPolicy insufficientData, Reconciliation.Scope home, Wiring wiring) {
        this.executor = executor;
        this.router = router;
        this.cloudWatchIn = cloudWatchIn;
        this.metrics = metrics;
        this.enabled = enabled;
        this.insufficientData = insufficientData;
        this.home = home;
        this.wiring = wiring;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Reconciles every routed page with CloudWatch at {@code now}, as item {@code item} of the invocation; the
     * answer sums up the repairs, each logged on its own line. It fails when CloudWatch or a page could not be read,
     * or a repair failed: the next sweep does it again.
     */
    public Outcome reconcile(Instant now, String account, String region, int item, Invocation invocation) {
        if (account == null || region == null) {
            return Outcome.ignored("not reconciled: the sweep event names no account or Region");
        }
        var scope = new Reconciliation.Scope(account, region);
        Map<Long, List<Responses.Change>> open = new LinkedHashMap<>();
        for (long pageId : router.pageIds()) {
            try {
                open.put(pageId, executor.openIncidents(pageId, invocation));
            } catch (RuntimeException failure) {
                invocation.markFailed();
                return Outcome.of(failure, "page " + pageId);
            }
        }
        Map<String, Long> listedOn = Reconciliation.listedFiring(open, scope);
        Set<String> listed = listedOn.keySet();
        CloudWatchAlarms cloudWatch = cloudWatchIn.apply(region, () -> invocation.deadline().remaining());
        Reconciliation.Truth truth;
        try {
            truth = read(cloudWatch, listed);
        } catch (CloudWatchException unanswered) {
            metrics.count(Metrics.RECONCILE_FAILED);
            invocation.markFailed();
            return Outcome.failed("not reconciled: " + unanswered.getMessage());
        }
        List<Outcome> repaired = new ArrayList<>();
        MuteRules mutes = new MuteRules(cloudWatch);
        for (AlarmChange change : Reconciliation.repairs(listed, truth, scope, insufficientData, now)) {
            // A deleted alarm known by its reference alone goes to the page that lists it.
            var outcome = References.isReference(change.arn())
                    ? executor.apply(change, router.routeOn(listedOn.get(References.current()
                            .member(change.memberKey()))).orElse(null), item, invocation)
                    : repair(change, listed, cloudWatch, mutes, item, invocation);
            if (outcome != null) {
                OutcomeLog.write(LOG, change, Map.of("sweep", now.toString()), outcome);
                repaired.add(outcome);
            }
        }
        metrics.count(Metrics.RECONCILED, repaired.stream()
                .filter(outcome -> outcome.outcome() != Outcome.Kind.IGNORED && !outcome.mustRetry()).count());
        return summary(truth, repaired);
    }

    /** Reads what CloudWatch says of the firing alarms, of those the page lists as firing, and of contributors. */
    private Reconciliation.Truth read(CloudWatchAlarms cloudWatch, Set<String> listed) {
        // Only alarms whose deliveries would reach the function: the sweep never publishes one nobody wired to it.
        List<AlarmChange> firing = new ArrayList<>();
        insufficientData.firingStates().forEach(state -> firing.addAll(wiring.inState(cloudWatch, state)));
        Set<String> asked = Reconciliation.toAsk(listed, firing);
        Set<String> names = new LinkedHashSet<>();
        asked.forEach(arn -> AlarmArn.parse(arn).ifPresent(parsed -> names.add(parsed.name())));
        List<AlarmChange> named = names.isEmpty() ? List.of() : cloudWatch.named(names);
        // A reference cannot be asked for by name: it is placed among every alarm of the scope, in every state (an
        // alarm in ALARM that no source wires is not among the firing ones, and is no deleted alarm).
        List<AlarmChange> others = null;
        if (Reconciliation.placesReferences(listed, firing)) {
            others = new ArrayList<>();
            for (AlarmState state : AlarmState.values()) {
                others.addAll(cloudWatch.inState(state));
            }
        }
        // An optional read, once per alarm, and only for an alarm a route takes or the page lists: when it fails,
        // only that alarm's contributors wait for the next sweep (with no entry here, none of them is repaired).
        Map<String, List<AlarmChange>> contributors = new LinkedHashMap<>();
        for (AlarmChange alarm : firing) {
            if (!Reconciliation.readsContributors(alarm, listed) || !(router.readsTags()
                    || router.routeFor(alarm).isPresent() || listed.stream()
                            .anyMatch(key -> References.current().sameAlarm(key, alarm.arn())))) {
                continue;
            }
            try {
                contributors.put(alarm.arn(), cloudWatch.contributorsInAlarm(alarm));
            } catch (CloudWatchException unanswered) {
                if (!unanswered.operationAbsent()) {
                    metrics.count(Metrics.REPAIRS_HELD_BACK);
                    LOG.warnf("sweep: the contributors of alarm %s were not read (%s); their repairs wait for the"
                            + " next sweep", alarm.name(), unanswered.getMessage());
                }
            }
        }
        return new Reconciliation.Truth(firing, named, asked, contributors, others);
    }

    /**
     * Applies one repair; null for a firing alarm that no route takes. A firing alarm that is not on the page has
     * its tags read first when a route matches on tags, and is looked up among the muted alarms when it has a
     * route.
     */
    private Outcome repair(AlarmChange change, Set<String> listed, CloudWatchAlarms cloudWatch, MuteRules mutes,
            int item, Invocation invocation) {
        AlarmChange alarm = change;
        boolean firesAnew = insufficientData.fires(change.newState())
                && !Reconciliation.isListed(listed, change.memberKey());
        try {
            if (firesAnew && router.readsTags()) {
                alarm = alarm.withTags(cloudWatch.tags(alarm.arn()));
            }
            if (firesAnew && router.routeFor(alarm).isEmpty()) {
                return null;
            }
            String muted = firesAnew ? mutes.of(alarm.name()) : null;
            if (muted != null) {
                alarm = alarm.withMutedBy(muted);
            }
        } catch (CloudWatchException unanswered) {
            // An optional read failed: this repair waits for the next sweep, every other one goes ahead. An alarm
            // whose mute rules are unknown opens nothing: the page never posts planned work as an incident.
            metrics.count(Metrics.REPAIRS_HELD_BACK);
            return Outcome.ignored(Outcome.Why.HELD_BACK, HELD_BACK + "alarm " + alarm.name() + " would open, and "
                    + unanswered.getMessage(), null);
        }
        return executor.apply(alarm, item, invocation);
    }

    /** The account's active mute rules, read once per sweep and only when an alarm would open or join. */
    private static final class MuteRules {

        private final CloudWatchAlarms cloudWatch;
        private Map<String, String> muted;
        private CloudWatchException failure;

        MuteRules(CloudWatchAlarms cloudWatch) {
            this.cloudWatch = cloudWatch;
        }

        /**
         * The rule that mutes the alarm, null for none. The rules are read once: a Region without mute rules has
         * none; a failed read throws its failure for every alarm that asks in this sweep.
         */
        String of(String alarmName) {
            if (muted == null && failure == null) {
                try {
                    muted = cloudWatch.mutedAlarms();
                } catch (CloudWatchException unanswered) {
                    if (unanswered.operationAbsent()) {
                        muted = Map.of();
                    } else {
                        failure = unanswered;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return muted.get(alarmName);
        }
    }


    /** One answer for the reconciliation: what CloudWatch said, and what was repaired or failed. */
    private static Outcome summary(Reconciliation.Truth truth, List<Outcome> repaired) {
        long firing = truth.firing().size();
        var done = repaired.stream().filter(outcome -> outcome.outcome() != Outcome.Kind.IGNORED).toList();
        var failed = repaired.stream().filter(Outcome::mustRetry).toList();
        var held = repaired.stream().filter(outcome -> outcome.why() == Outcome.Why.HELD_BACK).toList();
        String summary = "reconciled with CloudWatch: " + firing + " alarm(s) firing, " + truth.asked().size()
                + " asked by name, " + (done.size() - failed.size()) + " repair(s)"
                + (done.isEmpty() ? "" : " (" + done.stream().filter(outcome -> !outcome.mustRetry())
                        .map(Outcome::reason).collect(Collectors.joining("; ")) + ")")
                + (held.isEmpty() ? "" : ", " + held.size() + " " + held.get(0).reason()
                        + (held.size() > 1 ? " (and the same for the others)" : ""));
        if (!failed.isEmpty()) {
            return new Outcome(failed.get(0).outcome(), summary + "; failed: "
                    + failed.stream().map(Outcome::reason).collect(Collectors.joining("; ")), null);
        }
        var kind = done.stream().map(Outcome::outcome).min(Comparator.comparing(WEIGHT::indexOf))
                .orElse(Outcome.Kind.IGNORED);
        var incidents = done.stream().map(Outcome::changeId).filter(Objects::nonNull).distinct().toList();
        // A dry run answers with the writes the repairs would make.
        var planned = done.stream().map(Outcome::planned).filter(Objects::nonNull).flatMap(List::stream).toList();
        return new Outcome(kind, summary, incidents.size() == 1 ? incidents.get(0) : null,
                planned.isEmpty() ? null : planned);
    }
}
