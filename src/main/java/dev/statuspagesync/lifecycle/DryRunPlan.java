package dev.statuspagesync.lifecycle;

import java.util.ArrayList;
import java.util.List;

import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Wording;

/** The answer of a dry run: the writes a decision plans, none of them made. */
final class DryRunPlan {

    private DryRunPlan() {
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
                QuietPeriodDecisions.monitoring(KnownIncident.withMembers(edit.incident(), edit.members(),
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
            return decision instanceof Decision.Ignore ignore
                    ? Outcome.ignored(ignore.why(), ignore.reason(), ignore.changeId())
                    : new Outcome(decision.kind(), decision.reason(), decision.changeId());
        }
        return Outcome.dryRun(decision.kind(), reason, decision.changeId(), calls);
    }

    private static Outcome.PlannedCall post(String path, Object body) {
        return new Outcome.PlannedCall("POST", path, body);
    }
}
