package dev.statuspagesync.lifecycle;

import java.util.List;

import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.flashduty.DryRunStatusPage;
import dev.statuspagesync.flashduty.PlannedWrite;
import dev.statuspagesync.outcome.Outcome;

/**
 * The answer of a dry run: the decision in its conditional words, with the writes the real path held back. The
 * writes are never computed here, so a write the executor makes cannot be missing from the dry run.
 */
final class DryRunPlan {

    private DryRunPlan() {
    }

    /**
     * The answer to a change carried out with writes held back: {@code done} as the executor answered it, in the
     * words of what would have been done, with {@code held}, the writes it made. An alarm-list edit is written at
     * the end of the invocation, and joins its answer then ({@link Outcome#withLaterWrites}).
     */
    static Outcome answer(Decision decision, Outcome done, List<PlannedWrite> held) {
        String reason = switch (decision) {
            case Decision.Open open -> "would open an incident for " + open.subject();
            case Decision.ListEdit edit -> "would record that " + edit.reason();
            case Decision.Resolve resolve -> "would resolve: " + resolve.why();
            case Decision.Ignore ignore -> held.isEmpty() ? null : "would delete duplicates; " + ignore.reason();
        };
        Long changeId = done.changeId() == null || DryRunStatusPage.isPlanned(done.changeId()) ? null
                : done.changeId();
        if (reason == null || done.mustRetry()) {
            return new Outcome(done.outcome(), done.reason(), changeId, done.planned(), done.why());
        }
        return Outcome.dryRun(done.outcome(), reason, changeId, held);
    }
}
