package dev.statuspagesync.decide;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.Timeline;
import dev.statuspagesync.routing.Route;

/**
 * Decides what one alarm state change means for its page, as a pure function of the change, its route, what is
 * known of the page and the time: no I/O, no clock of its own. Flashduty is the only store: an incident this function
 * opened carries its alarm's key line, and its opening update lists the alarms it stands for with their last change.
 */
public final class AlarmDecisions {

    /** CloudWatch tracks at most 100 contributors of an alarm in ALARM; more in one incident are not its. */
    static final int MAX_FIRING_CONTRIBUTORS = 100;
    /** How far back a resolved incident may have started and still make a late ALARM stale. */
    public static final long RESOLVED_LOOKBACK_SECONDS = 24 * 60 * 60;

    /** How the reason of a change that opens nothing, deferring to someone else's event, begins. */
    public static final String DEFERRED = "deferred: ";

    /** The settings that change decisions. */
    public record Policy(InsufficientDataPolicy insufficientData, boolean joinOpenIncidents, CalmPage calm) {

        /** Resolution when the last alarm recovers, no monitoring update, no deference. */
        public Policy(InsufficientDataPolicy insufficientData, boolean joinOpenIncidents) {
            this(insufficientData, joinOpenIncidents, CalmPage.immediate());
        }

        long resolveAfterSeconds() {
            return calm.resolveAfter().toSeconds();
        }
    }

    private AlarmDecisions() {
    }

    /**
     * The decision for {@code alarm} on {@code page}, or the read it needs first. {@code nowSeconds} stands for the
     * change's time when the payload carries none.
     */
    public static Step decide(AlarmChange alarm, Route route, PageView page, Policy policy, long nowSeconds) {
        long at = alarm.stateTime() == null ? nowSeconds : alarm.stateTime().getEpochSecond();
        var meaning = policy.insufficientData().meaning(alarm.newState());
        if (meaning.isEmpty()) {
            return new Decision.Ignore("INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)");
        }
        if (meaning.get() == AlarmState.OK) {
            return recover(alarm, route, page, policy, at);
        }
        return alarm.newState() == AlarmState.ALARM && alarm.actionsSuppressed()
                ? Decision.Ignore.suppressed("alarm actions are suppressed, so this is not an outage")
                : fire(alarm, route, page, policy, at);
    }

    private static Step fire(AlarmChange alarm, Route route, PageView page, Policy policy, long at) {
        // A mute rule holds the alarm's actions during planned work; its recovery still clears the page.
        if (alarm.mutedBy() != null) {
            return Decision.Ignore.muted("alarm actions are muted by " + alarm.mutedBy()
                    + " (planned work), so this is not an outage");
        }
        if (page.open() == null) {
            return new Need.OpenIncidents(page.pageId());
        }
        // Flashduty's create is not idempotent: a redelivered or duplicated change must find its incident.
        var mine = earliestFor(alarm, page.open());
        if (mine.isPresent()) {
            // A time series new to its alarm's open incident may have recovered since, in a resolved one.
            if (alarm.stateTime() != null && IncidentText.members(mine.get()).get(alarm.memberKey()).isEmpty()) {
                Step recordedLater = recordedLater(alarm, page, at, alarm.contributor() != null);
                if (recordedLater != null) {
                    return recordedLater;
                }
            }
            return fireAgain(alarm, route, mine.get(), at, duplicatesOf(alarm, mine.get(), page.open()));
        }
        if (alarm.stateTime() != null) {
            Step recordedLater = recordedLater(alarm, page, at, alarm.contributor() != null);
            if (recordedLater != null) {
                return recordedLater;
            }
        }
        if (policy.joinOpenIncidents()) {
            // The first opened is the one every environment agrees on.
            var shared = page.open().stream().filter(IncidentText::isOurs)
                    .filter(incident -> sharesComponents(incident, route))
                    .min(Comparator.comparing(Responses.Change::changeId));
            if (shared.isPresent()) {
                return join(alarm, route, shared.get(), page, policy, at);
            }
        }
        return Deference.openUnlessCovered(alarm, route, page, policy, at);
    }

    /**
     * What makes a firing change stale against the resolved incidents of its alarm (with {@code memberOnly}, those
     * that list its member): one resolved after it, or one that records a later change of its member; a need for
     * those incidents; or null when none does.
     */
    private static Step recordedLater(AlarmChange alarm, PageView page, long at, boolean memberOnly) {
        long since = at - RESOLVED_LOOKBACK_SECONDS;
        if (page.resolved() == null || page.resolved().sinceSeconds() > since) {
            return new Need.ResolvedIncidents(page.pageId(), since);
        }
        var resolved = page.resolved().incidents().stream()
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .filter(incident -> !memberOnly || IncidentText.members(incident).get(alarm.memberKey()).isPresent())
                .toList();
        // CloudWatch's own state, read by the sweep, is not made stale by a resolution; only a later change of
        // the alarm recorded in the incident's list is.
        var recovered = resolved.stream().filter(incident -> alarm.envelope() != Envelope.CLOUDWATCH)
                .filter(incident -> incident.startAtSeconds() == null || incident.startAtSeconds() <= at)
                .filter(incident -> Timeline.resolvedAt(incident) >= at)
                .findFirst();
        if (recovered.isPresent()) {
            return Decision.Ignore.stale("stale: incident " + recovered.get().changeId() + " for this alarm was"
                    + " resolved at " + Instant.ofEpochSecond(Timeline.resolvedAt(recovered.get()))
                    + ", after this change", recovered.get().changeId(), List.of());
        }
        // A resolved incident that records a later change of the alarm: the change is older than one seen.
        for (Responses.Change incident : resolved) {
            var member = IncidentText.members(incident).get(alarm.memberKey());
            if (member.isPresent() && member.get().atSeconds() >= at) {
                return stale(incident, member.get(), List.of());
            }
        }
        return null;
    }

    /** An ALARM for an alarm the open incident already stands for. */
    private static Step fireAgain(AlarmChange alarm, Route route, Responses.Change incident, long at,
            List<Responses.Change> duplicates) {
        Membership members = IncidentText.members(incident);
        var listed = members.get(alarm.memberKey());
        if (listed.isEmpty()) {
            // Another time series of a multi-time-series alarm whose incident is open.
            if (members.firingContributorsOf(alarm.arn()) >= MAX_FIRING_CONTRIBUTORS) {
                return new Decision.Ignore("incident " + incident.changeId() + " already lists "
                        + MAX_FIRING_CONTRIBUTORS + " firing time series of alarm " + alarm.name()
                        + ", as many as CloudWatch tracks: the incident stands for the alarm", incident.changeId(),
                        duplicates);
            }
            return record(incident, route, members.with(alarm.memberKey(), Membership.State.ALARM, at,
                    IncidentMapper.contributorLabel(alarm)), IncidentMapper.subject(alarm) + " joined incident "
                    + incident.changeId(), duplicates);
        }
        Membership.Member member = listed.get();
        if (alarm.stateTime() != null && at < member.atSeconds()) {
            return stale(incident, member, duplicates);
        }
        if (member.state() == Membership.State.ALARM && !isNewer(alarm, at, member)) {
            return new Decision.Ignore("incident " + incident.changeId() + " is already open for this "
                    + (alarm.isHealth() ? "AWS Health event" : "alarm"),
                    incident.changeId(), duplicates);
        }
        // It had recovered while others kept the incident open or during the quiet period, and fires again. Or
        // the list says firing and this ALARM is newer: CloudWatch sends changes only, so a recovery between them
        // is missing or late, and the newer time makes it stale when it comes.
        Optional<Requests.CreateTimeline> reopen = incident.status() == ChangeStatus.MONITORING
                ? Optional.of(IncidentMapper.reopenIncident(alarm, incident, route, at))
                : Optional.empty();
        return record(incident, route, members.with(alarm.memberKey(), Membership.State.ALARM, at),
                IncidentMapper.subject(alarm) + " fires again in incident " + incident.changeId()
                        + (reopen.isPresent() ? ", which is identified again" : ""),
                duplicates, reopen);
    }

    /**
     * A firing alarm joins an incident of ours on its components. The impact it raises leaves alone the components
     * that someone else's event covers, as a new incident would.
     */
    private static Step join(AlarmChange alarm, Route route, Responses.Change incident, PageView page, Policy policy,
            long at) {
        if (IncidentText.openingUpdate(incident).isEmpty()) {
            return new Need.Timeline(IncidentMapper.pageOf(incident, route), incident.changeId());
        }
        var raise = IncidentMapper.raiseImpact(alarm, incident, route, at);
        if (raise.isPresent() && Deference.needsMaintenances(page, policy)) {
            return new Need.Maintenances(page.pageId());
        }
        if (raise.isPresent()) {
            var uncovered = Deference.uncovered(route, Deference.coveredBy(route, page, policy));
            raise = uncovered.isEmpty() ? Optional.empty()
                    : IncidentMapper.raiseImpact(alarm, incident, route.withComponents(uncovered), at);
        }
        return new Decision.Join(IncidentMapper.pageOf(incident, route), incident, raise,
                IncidentText.members(incident).with(alarm.memberKey(), Membership.State.ALARM, at,
                        IncidentMapper.contributorLabel(alarm)),
                IncidentMapper.subject(alarm) + " joined incident " + incident.changeId()
                        + (raise.isPresent() ? " and raised its impact" : ""));
    }

    private static Step recover(AlarmChange alarm, Route route, PageView page, Policy policy, long at) {
        if (page.open() == null) {
            return new Need.OpenIncidents(page.pageId());
        }
        var mine = earliestFor(alarm, page.open());
        if (mine.isEmpty()) {
            return new Decision.Ignore("no open incident for this alarm");
        }
        Responses.Change incident = mine.get();
        var duplicates = duplicatesOf(alarm, incident, page.open());
        Membership members = IncidentText.members(incident);
        var listed = members.get(alarm.memberKey());
        if (listed.isEmpty()) {
            return new Decision.Ignore("incident " + incident.changeId() + " does not list "
                    + IncidentMapper.subject(alarm), incident.changeId(), duplicates);
        }
        Membership.Member member = listed.get();
        if (alarm.stateTime() != null && at < member.atSeconds()) {
            return stale(incident, member, duplicates);
        }
        if (member.state() != Membership.State.ALARM && !isNewer(alarm, at, member)) {
            return new Decision.Ignore(IncidentMapper.subject(alarm) + " already recovered; incident "
                    + incident.changeId() + (members.firing() > 0
                            ? " waits for " + members.firing() + " other alarm(s)"
                            : " is in its quiet period"), incident.changeId(), duplicates);
        }
        Membership after = members.with(alarm.memberKey(),
                alarm.deleted() ? Membership.State.DELETED : Membership.State.OK, at);
        String recovered = IncidentMapper.subject(alarm) + (alarm.deleted() ? " was deleted"
                : alarm.isHealth() ? " closed" : " recovered");
        if (after.firing() > 0) {
            return record(incident, route, after, recovered + "; incident "
                    + incident.changeId() + " stays open for " + after.firing() + " other alarm(s)", duplicates);
        }
        if (policy.resolveAfterSeconds() > 0) {
            long due = after.members().values().stream().mapToLong(Membership.Member::atSeconds).max().orElse(at)
                    + policy.resolveAfterSeconds();
            return record(incident, route, after, recovered + "; incident "
                    + incident.changeId() + " resolves at " + Instant.ofEpochSecond(due)
                    + " unless an alarm fires again", duplicates);
        }
        return new Decision.Resolve(IncidentMapper.pageOf(incident, route), incident,
                IncidentMapper.resolveIncident(alarm, incident, route, at), after,
                alarm.deleted() ? recovered : IncidentMapper.subject(alarm) + (alarm.isHealth() ? " is closed"
                        : " is " + alarm.newState()), duplicates);
    }

    /** A change of the incident's alarm list; it needs the opening update the list lives in. */
    private static Step record(Responses.Change incident, Route route, Membership members, String reason,
            List<Responses.Change> duplicates) {
        return record(incident, route, members, reason, duplicates, Optional.empty());
    }

    private static Step record(Responses.Change incident, Route route, Membership members, String reason,
            List<Responses.Change> duplicates, Optional<Requests.CreateTimeline> reopen) {
        if (IncidentText.openingUpdate(incident).isEmpty()) {
            return new Need.Timeline(IncidentMapper.pageOf(incident, route), incident.changeId());
        }
        return new Decision.Record(IncidentMapper.pageOf(incident, route), incident, members, reason, duplicates,
                reopen);
    }

    /** The first opened of the open incidents that stand for the alarm (opened for it, or joined by it). */
    private static Optional<Responses.Change> earliestFor(AlarmChange alarm, List<Responses.Change> open) {
        return open.stream().filter(IncidentText::isOurs)
                .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .min(Comparator.comparing(Responses.Change::changeId));
    }

    /** Later incidents that stand for this alarm alone besides {@code kept}: left by a lost race. */
    private static List<Responses.Change> duplicatesOf(AlarmChange alarm, Responses.Change kept,
            List<Responses.Change> open) {
        return open.stream()
                .filter(incident -> incident.changeId() > kept.changeId())
                .filter(incident -> IncidentText.isKeyedTo(incident, alarm.arn()))
                .filter(incident -> IncidentText.members(incident).isOnly(alarm.memberKey()))
                .toList();
    }

    /** Whether the change is a later one than the list records (a repeated delivery carries the same time). */
    private static boolean isNewer(AlarmChange alarm, long at, Membership.Member member) {
        return alarm.stateTime() != null && at > member.atSeconds();
    }

    private static Decision stale(Responses.Change incident, Membership.Member member,
            List<Responses.Change> duplicates) {
        return Decision.Ignore.stale("stale: incident " + incident.changeId() + " already records a change of this"
                + " alarm at " + Instant.ofEpochSecond(member.atSeconds()) + ", newer than this one",
                incident.changeId(), duplicates);
    }

    public static boolean sharesComponents(Responses.Change incident, Route route) {
        return incident.affectedComponents() != null && incident.affectedComponents().stream()
                .anyMatch(component -> route.componentIds().contains(component.componentId()));
    }
}
