package dev.statuspagesync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.References;

/**
 * What the sweep's reconciliation must change so that the page agrees with CloudWatch, as a pure function of the
 * open incidents and of what CloudWatch says. Its answer is a list of changes, each as if CloudWatch had delivered
 * it, which go through the lifecycle's decisions like any other: the quiet period, deference and the stale guards apply.
 */
public final class Reconciliation {

    /** The reason of a recovery the sweep records for an alarm CloudWatch no longer has. */
    static final String GONE = "the alarm no longer exists in CloudWatch";

    private Reconciliation() {
    }

    /** The account and Region whose alarms the function reads; alarms of others are left to their deliveries. */
    public record Scope(String account, String region) {

        /** The function's own account ({@code STATUSPAGE_HOME_ACCOUNT}) and Region ({@code AWS_REGION}), when set. */
        static Optional<Scope> home(StatusPageConfig config, Optional<String> region) {
            return config.homeAccount().isPresent() && region.isPresent()
                    ? Optional.of(new Scope(config.homeAccount().get(), region.get()))
                    : Optional.empty();
        }

        /** Whether the listed key (a member key or a reference) is of an alarm of this account and Region. */
        boolean holds(String listed) {
            if (References.isReference(listed)) {
                return References.scopeOf(listed).equals(References.current().scope(account, region));
            }
            return AlarmArn.parse(MemberKey.parse(listed).arn()).filter(parsed -> parsed.account().equals(account)
                    && parsed.region().equals(region)).isPresent();
        }
    }

    /**
     * What CloudWatch said.
     *
     * @param firing       every alarm in a state that fires under the policy
     * @param named        the alarms asked for by name that exist
     * @param asked        the ARNs asked for by name: one of them absent from {@code named} was deleted
     * @param contributors the contributors in ALARM of the multi-time-series alarms read, by alarm ARN
     * @param others       every alarm in the other states, read when a reference listed as firing is not among
     *                     the firing alarms; null when not read
     */
    public record Truth(List<AlarmChange> firing, List<AlarmChange> named, Set<String> asked,
            Map<String, List<AlarmChange>> contributors, List<AlarmChange> others) {

        public Truth(List<AlarmChange> firing, List<AlarmChange> named, Set<String> asked,
                Map<String, List<AlarmChange>> contributors) {
            this(firing, named, asked, contributors, null);
        }
    }

    /**
     * The members the open incidents of ours list as firing, of alarms in scope, each with the page of its
     * incident.
     */
    public static Map<String, Long> listedFiring(Map<Long, List<Responses.Change>> openByPage, Scope scope) {
        Map<String, Long> keys = new LinkedHashMap<>();
        openByPage.forEach((page, open) -> open.stream().filter(IncidentText::isOurs)
                .forEach(incident -> IncidentText.members(incident).members().forEach((key, member) -> {
                    if (member.state() == Membership.State.ALARM && scope.holds(key)) {
                        keys.putIfAbsent(key, incident.pageId() == null ? page : incident.pageId());
                    }
                })));
        return keys;
    }

    /** Whether a member key is listed, by itself or by its reference. */
    public static boolean isListed(Set<String> listedFiring, MemberKey key) {
        return listedFiring.contains(key.wire()) || listedFiring.contains(References.current().member(key));
    }

    /**
     * The alarms listed by ARN as firing that CloudWatch's list of firing alarms does not hold: they are asked by
     * name.
     */
    public static Set<String> toAsk(Set<String> listedFiring, List<AlarmChange> firing) {
        Set<String> firingArns = arns(firing);
        Set<String> ask = new LinkedHashSet<>();
        listedFiring.stream().filter(key -> !References.isReference(key))
                .map(key -> MemberKey.parse(key).arn())
                .filter(arn -> !firingArns.contains(arn)).forEach(ask::add);
        return ask;
    }

    /**
     * Whether a member listed by reference as firing is not among the firing alarms: a reference cannot be asked
     * for by name, so the alarms in the other states are read to place it.
     */
    public static boolean placesReferences(Set<String> listedFiring, List<AlarmChange> firing) {
        Set<String> firingRefs = new LinkedHashSet<>();
        firing.forEach(alarm -> firingRefs.add(References.current().alarm(alarm.arn())));
        return listedFiring.stream().filter(References::isReference)
                .anyMatch(key -> !firingRefs.contains(References.alarmOf(key)));
    }

    /**
     * Whether the firing alarm's contributors are read: a multi-time-series alarm (its query groups by) or one the
     * page lists contributors of.
     */
    public static boolean readsContributors(AlarmChange alarm, Set<String> listedFiring) {
        return alarm.metrics().metrics().stream()
                .anyMatch(metric -> metric.toUpperCase(Locale.ROOT).contains("GROUP BY"))
                || listedFiring.stream().anyMatch(key -> (References.isContributor(key)
                        || !References.isReference(key) && MemberKey.parse(key).contributorId() != null)
                        && References.current().sameAlarm(key, alarm.arn()));
    }

    /**
     * The changes that bring the page to CloudWatch's state at {@code now}: recoveries (and deletions) of alarms
     * listed as firing, and firings of alarms that no open incident lists as firing. A contributor's recovery, and a
     * deletion, take {@code now} as their time: CloudWatch keeps no time for them. A member listed by reference
     * that no alarm of the scope answers to was deleted: its change names it by that reference.
     */
    public static List<AlarmChange> repairs(Set<String> listedFiring, Truth truth, Scope scope,
            InsufficientDataPolicy policy, Instant now) {
        Map<String, AlarmChange> known = new LinkedHashMap<>();
        if (truth.others() != null) {
            truth.others().forEach(alarm -> known.put(alarm.arn(), alarm));
        }
        truth.named().forEach(alarm -> known.put(alarm.arn(), alarm));
        truth.firing().forEach(alarm -> known.put(alarm.arn(), alarm));
        Map<String, AlarmChange> byReference = new LinkedHashMap<>();
        known.values().forEach(alarm -> byReference.put(References.current().alarm(alarm.arn()), alarm));
        List<AlarmChange> repairs = new ArrayList<>();
        for (String key : listedFiring) {
            boolean byRef = References.isReference(key);
            String arn = byRef ? null : MemberKey.parse(key).arn();
            String contributor = byRef ? (References.isContributor(key) ? key : null)
                    : MemberKey.parse(key).contributorId();
            AlarmChange alarm = byRef ? byReference.get(References.alarmOf(key)) : known.get(arn);
            if (alarm == null) {
                if (byRef && truth.others() != null) {
                    repairs.add(deletedReference(key, scope, now));
                } else if (!byRef && truth.asked().contains(arn)) {
                    repairs.add(deleted(arn, contributor, now));
                }
            } else if (contributor == null) {
                if (policy.recovers(alarm.newState())) {
                    repairs.add(alarm);
                }
            } else if (!policy.fires(alarm.newState()) || truth.contributors().containsKey(alarm.arn())
                    && truth.contributors().get(alarm.arn()).stream()
                            .noneMatch(one -> References.current().standsFor(key, one.memberKey()))) {
                repairs.add(alarm.withContributor(timeSeries(contributor)).now(AlarmState.OK,
                        "contributor no longer in ALARM", now, Envelope.CLOUDWATCH, false));
            }
        }
        for (AlarmChange alarm : truth.firing()) {
            if (!policy.fires(alarm.newState())) {
                continue;
            }
            if (!isListed(listedFiring, MemberKey.alarm(alarm.arn()))) {
                repairs.add(alarm);
            }
            truth.contributors().getOrDefault(alarm.arn(), List.of()).stream()
                    .filter(one -> !isListed(listedFiring, one.memberKey())).forEach(repairs::add);
        }
        return repairs;
    }

    private static AlarmChange deleted(String arn, String contributor, Instant now) {
        AlarmArn parsed = AlarmArn.parse(arn).orElseThrow();
        AlarmChange alarm = AlarmChange.of(parsed.name(), arn, AlarmState.OK).account(parsed.account())
                .region(parsed.region()).reason(GONE).at(now).via(Envelope.CLOUDWATCH).deleted(true).build();
        return contributor == null ? alarm : alarm.withContributor(timeSeries(contributor));
    }

    /**
     * The deletion of a member known by its reference alone, in the sweep's scope: the alarm is named by its
     * reference, and a contributor's change carries its reference as its id.
     */
    private static AlarmChange deletedReference(String reference, Scope scope, Instant now) {
        String alarmRef = References.alarmOf(reference);
        AlarmChange alarm = AlarmChange.of(alarmRef, alarmRef, AlarmState.OK).account(scope.account())
                .region(scope.region()).reason(GONE).at(now).via(Envelope.CLOUDWATCH).deleted(true).build();
        return References.isContributor(reference) ? alarm.withContributor(timeSeries(reference)) : alarm;
    }

    /** A contributor known by its id alone: the list keeps the attributes it was written with. */
    private static AlarmChange.Contributor timeSeries(String id) {
        return new AlarmChange.Contributor(id, Map.of());
    }

    private static Set<String> arns(List<AlarmChange> alarms) {
        Set<String> arns = new LinkedHashSet<>();
        alarms.forEach(alarm -> arns.add(alarm.arn()));
        return arns;
    }
}
