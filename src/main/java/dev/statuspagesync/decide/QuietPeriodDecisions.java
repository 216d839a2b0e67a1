package dev.statuspagesync.decide;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Wording;

/**
 * The quiet period's decisions: when an incident whose alarms have all recovered is resolved by the sweep, and
 * when it first gets its {@code monitoring} update.
 */
public final class QuietPeriodDecisions {

    private QuietPeriodDecisions() {
    }

    /**
     * What the scheduled sweep does with one open incident at {@code nowSeconds}: resolve it when every alarm it
     * lists has stayed recovered for the quiet period, at the time the last one recovered; or nothing, when it is
     * not this function's, an alarm fires, or its quiet period has not passed (then an ignore says until when).
     */
    public static Optional<Decision> sweep(Responses.Change incident, long pageId, Wording wording,
            AlarmDecisions.Policy policy, long nowSeconds) {
        Membership members = IncidentText.members(incident);
        if (!IncidentText.isOurs(incident) || members.members().isEmpty() || members.firing() > 0) {
            return Optional.empty();
        }
        long lastRecovered = members.members().values().stream().mapToLong(Membership.Member::atSeconds).max()
                .orElseThrow();
        long due = lastRecovered + policy.resolveAfterSeconds();
        if (nowSeconds < due) {
            return Optional.of(new Decision.Ignore("incident " + incident.changeId() + " resolves at "
                    + Instant.ofEpochSecond(due) + " unless an alarm fires again", incident.changeId(), List.of()));
        }
        return Optional.of(new Decision.Resolve(pageId, incident,
                IncidentMapper.resolveQuietIncident(incident, pageId, wording, lastRecovered,
                        policy.calm().resolveAfter()),
                members, "every alarm has stayed recovered since " + Instant.ofEpochSecond(lastRecovered),
                List.of()));
    }

    /**
     * The {@code monitoring} update for an incident whose alarms have all recovered, when the policy asks for one
     * and the incident is not in {@code monitoring} already.
     */
    public static Optional<Requests.CreateTimeline> monitoring(Responses.Change incident, long pageId,
            Wording wording, AlarmDecisions.Policy policy) {
        Membership members = IncidentText.members(incident);
        if (!policy.calm().monitoringUpdate() || policy.resolveAfterSeconds() == 0 || members.members().isEmpty()
                || members.firing() > 0 || incident.status() == ChangeStatus.MONITORING
                || incident.status() != null && incident.status().isTerminal()) {
            return Optional.empty();
        }
        return Optional.of(IncidentMapper.monitorIncident(incident, pageId, wording));
    }
}
