package dev.statuspagesync.lifecycle;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Route;

/**
 * Decides what one alarm state change means for its page, as a pure function of the change, its route, what is
 * known of the page and the time: no I/O, no clock of its own. Flashduty is the only store: an incident this function
 * opened carries its alarm's key line, and its opening update lists the alarms it stands for with their last change.
 */
public final class AlarmDecisions {

    /** How far back a resolved incident may have started and still make a late ALARM stale. */
    public static final long RESOLVED_LOOKBACK_SECONDS = 24 * 60 * 60;

    /** The settings that change decisions. */
    public record Policy(InsufficientDataPolicy insufficientData, boolean joinOpenIncidents) {
    }

    private AlarmDecisions() {
    }

    /**
     * The decision for {@code alarm} on {@code page}, or the read it needs first. {@code nowSeconds} stands for the
     * change's time when the payload carries none.
     */
    public static Step decide(AlarmChange alarm, Route route, PageView page, Policy policy, long nowSeconds) {
        long at = alarm.stateTime() == null ? nowSeconds : alarm.stateTime().getEpochSecond();
        return switch (alarm.newState()) {
            case ALARM -> alarm.actionsSuppressed()
                    ? new Decision.Ignore("alarm actions are suppressed, so this is not an outage")
                    : fire(alarm, route, page, policy, at);
            case OK -> recover(alarm, route, page, at);
            case INSUFFICIENT_DATA -> switch (policy.insufficientData()) {
                case IGNORE -> new Decision.Ignore(
                        "INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)");
                case DEGRADE -> fire(alarm, route, page, policy, at);
                case RESOLVE -> recover(alarm, route, page, at);
            };
        };
    }

    private static Step fire(AlarmChange alarm, Route route, PageView page, Policy policy, long at) {
        if (page.open() == null) {
            return new Need.OpenIncidents(page.pageId());
        }
        // Flashduty's create is not idempotent: a redelivered or duplicated change must find its incident.
        var mine = earliestFor(alarm, page.open());
        if (mine.isPresent()) {
            return fireAgain(alarm, route, mine.get(), at, duplicatesOf(alarm, mine.get(), page.open()));
        }
        if (alarm.stateTime() != null) {
            long since = at - RESOLVED_LOOKBACK_SECONDS;
            if (page.resolved() == null || page.resolved().sinceSeconds() > since) {
                return new Need.ResolvedIncidents(page.pageId(), since);
            }
            var resolved = page.resolved().incidents().stream()
                    .filter(incident -> IncidentMapper.isOpenedFor(incident, alarm)).toList();
            var recovered = resolved.stream()
                    .filter(incident -> incident.startAtSeconds() == null || incident.startAtSeconds() <= at)
                    .filter(incident -> IncidentMapper.resolvedAt(incident) >= at)
                    .findFirst();
            if (recovered.isPresent()) {
                return new Decision.Ignore("stale: incident " + recovered.get().changeId() + " for this alarm was"
                        + " resolved at " + Instant.ofEpochSecond(IncidentMapper.resolvedAt(recovered.get()))
                        + ", after this change", recovered.get().changeId(), List.of());
            }
            // A resolved incident that records a later change of the alarm: the change is older than one seen.
            for (Responses.Change incident : resolved) {
                var member = IncidentText.members(incident).get(alarm.arn()).orElseThrow();
                if (member.atSeconds() >= at) {
                    return stale(incident, member, List.of());
                }
            }
        }
        if (policy.joinOpenIncidents()) {
            // The first opened is the one every environment agrees on.
            var shared = page.open().stream().filter(IncidentText::isOurs)
                    .filter(incident -> sharesComponents(incident, route))
                    .min(Comparator.comparing(Responses.Change::changeId));
            if (shared.isPresent()) {
                return join(alarm, route, shared.get(), at);
            }
        }
        return new Decision.Open(alarm.name(), alarm.arn(), IncidentMapper.openIncident(alarm, route, at));
    }

    /** An ALARM for an alarm the open incident already stands for. */
    private static Step fireAgain(AlarmChange alarm, Route route, Responses.Change incident, long at,
            List<Responses.Change> duplicates) {
        Membership members = IncidentText.members(incident);
        Membership.Member member = members.get(alarm.arn()).orElseThrow();
        if (alarm.stateTime() != null && at < member.atSeconds()) {
            return stale(incident, member, duplicates);
        }
        if (member.state() == Membership.State.ALARM && !isNewer(alarm, at, member)) {
            return new Decision.Ignore("incident " + incident.changeId() + " is already open for this alarm",
                    incident.changeId(), duplicates);
        }
        // It had recovered while others kept the incident open, and fires again. Or the list says firing and this
        // ALARM is newer: CloudWatch sends changes only, so a recovery between them is missing or late, and the
        // newer time makes it stale when it comes.
        return record(incident, route, members.with(alarm.arn(), Membership.State.ALARM, at),
                "alarm " + alarm.name() + " fires again in incident " + incident.changeId(), duplicates);
    }

    private static Step join(AlarmChange alarm, Route route, Responses.Change incident, long at) {
        if (IncidentText.openingUpdate(incident).isEmpty()) {
            return new Need.Timeline(IncidentMapper.pageOf(incident, route), incident.changeId());
        }
        var raise = IncidentMapper.raiseImpact(alarm, incident, route, at);
        return new Decision.Join(IncidentMapper.pageOf(incident, route), incident, raise,
                IncidentText.members(incident).with(alarm.arn(), Membership.State.ALARM, at),
                "alarm " + alarm.name() + " joined incident " + incident.changeId()
                        + (raise.isPresent() ? " and raised its impact" : ""));
    }

    private static Step recover(AlarmChange alarm, Route route, PageView page, long at) {
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
        Membership.Member member = members.get(alarm.arn()).orElseThrow();
        if (alarm.stateTime() != null && at < member.atSeconds()) {
            return stale(incident, member, duplicates);
        }
        if (member.state() != Membership.State.ALARM && !isNewer(alarm, at, member)) {
            return new Decision.Ignore("alarm " + alarm.name() + " already recovered; incident "
                    + incident.changeId() + " waits for " + members.firing() + " other alarm(s)", incident.changeId(),
                    duplicates);
        }
        Membership after = members.with(alarm.arn(), Membership.State.OK, at);
        if (after.firing() > 0) {
            return record(incident, route, after, "alarm " + alarm.name() + " recovered; incident "
                    + incident.changeId() + " stays open for " + after.firing() + " other alarm(s)", duplicates);
        }
        return new Decision.Resolve(IncidentMapper.pageOf(incident, route), incident,
                IncidentMapper.resolveIncident(alarm, incident, route, at), after,
                "alarm " + alarm.name() + " is " + alarm.newState(), duplicates);
    }

    /** A change of the incident's alarm list; it needs the opening update the list lives in. */
    private static Step record(Responses.Change incident, Route route, Membership members, String reason,
            List<Responses.Change> duplicates) {
        if (IncidentText.openingUpdate(incident).isEmpty()) {
            return new Need.Timeline(IncidentMapper.pageOf(incident, route), incident.changeId());
        }
        return new Decision.Record(IncidentMapper.pageOf(incident, route), incident, members, reason, duplicates);
    }

    /** The first opened of the open incidents that stand for the alarm (opened for it, or joined by it). */
    private static Optional<Responses.Change> earliestFor(AlarmChange alarm, List<Responses.Change> open) {
        return open.stream().filter(incident -> IncidentMapper.isOpenedFor(incident, alarm))
                .min(Comparator.comparing(Responses.Change::changeId));
    }

    /** Later incidents that stand for this alarm alone besides {@code kept}: left by a lost race. */
    private static List<Responses.Change> duplicatesOf(AlarmChange alarm, Responses.Change kept,
            List<Responses.Change> open) {
        return open.stream()
                .filter(incident -> incident.changeId() > kept.changeId())
                .filter(incident -> IncidentText.keyArn(incident).filter(alarm.arn()::equals).isPresent())
                .filter(incident -> IncidentText.members(incident).members().keySet().equals(Set.of(alarm.arn())))
                .toList();
    }

    /** Whether the change is a later one than the list records (a repeated delivery carries the same time). */
    private static boolean isNewer(AlarmChange alarm, long at, Membership.Member member) {
        return alarm.stateTime() != null && at > member.atSeconds();
    }

    private static Decision stale(Responses.Change incident, Membership.Member member,
            List<Responses.Change> duplicates) {
        return new Decision.Ignore("stale: incident " + incident.changeId() + " already records a change of this"
                + " alarm at " + Instant.ofEpochSecond(member.atSeconds()) + ", newer than this one",
                incident.changeId(), duplicates);
    }

    static boolean sharesComponents(Responses.Change incident, Route route) {
        return incident.affectedComponents() != null && incident.affectedComponents().stream()
                .anyMatch(component -> route.componentIds().contains(component.componentId()));
    }
}
