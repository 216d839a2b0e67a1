package dev.statuspagesync.lifecycle;

import java.util.HashSet;

import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.KnownIncident;
import dev.statuspagesync.decide.QuietPeriodDecisions;
import dev.statuspagesync.flashduty.FlashdutyRejectedException;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Audience;
import dev.statuspagesync.routing.Router;

/**
 * The writes that follow decisions: alarm-list edits deferred to one call per incident at the end of the
 * invocation (with the monitoring update they may bring), resolutions, and deletions of duplicates.
 */
final class PageWrites {

    private final Router router;
    private final StatusPageApi flashduty;
    private final PageReads reads;
    private final AlarmDecisions.Policy policy;

    PageWrites(Router router, StatusPageApi flashduty, PageReads reads, AlarmDecisions.Policy policy) {
        this.router = router;
        this.flashduty = flashduty;
        this.reads = reads;
        this.policy = policy;
    }

    /** Writes every edit the invocation deferred, each followed by the monitoring update it may bring. */
    void writeDeferred(Invocation invocation) {
        for (EditBuffer.PendingEdit edit : invocation.edits().takeAll()) {
            if (write(edit, invocation)) {
                announceMonitoring(edit, invocation);
            }
            invocation.edits().holdLater(edit.items(), flashduty.takeHeldWrites());
        }
    }

    /**
     * Tells subscribers that every alarm of the incident has recovered, when the policy asks for it. It waits for
     * the end of the invocation, so that a batch holding an alarm's recovery and its re-fire notifies no one.
     */
    private void announceMonitoring(EditBuffer.PendingEdit edit, Invocation invocation) {
        var incident = invocation.views().find(edit.pageId(), edit.changeId());
        var update = incident.flatMap(known -> QuietPeriodDecisions.monitoring(known, edit.pageId(),
                router.wordingFor(edit.pageId()), policy));
        if (update.isEmpty()) {
            return;
        }
        try {
            flashduty.addUpdate(update.get(), invocation.deadline());
            invocation.views().keep(edit.pageId(), KnownIncident.afterUpdate(incident.get(), update.get()));
        } catch (RuntimeException failure) {
            invocation.edits().failLater(edit.items(), Outcome.of(failure, "incident " + edit.changeId()));
        }
    }

    /**
     * Deletes an incident. A delete refused is decided from the page, not from the error code: Flashduty documents
     * no answer for an event already gone (another environment's repair, or this one's lost answer), so the
     * incident counts as deleted when the page no longer lists it.
     */
    void delete(long pageId, long changeId, Invocation invocation) {
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
    static void defer(long pageId, Responses.Change incident, Membership members, Audience audience,
            int item, Invocation invocation) {
        var joined = new HashSet<>(members.members().keySet());
        joined.removeAll(IncidentText.members(incident).members().keySet());
        invocation.views().keep(pageId, KnownIncident.withMembers(incident, members, audience));
        invocation.edits().defer(pageId, incident.changeId(), item, joined);
    }

    Outcome resolve(Decision.Resolve resolve, Invocation invocation) {
        Responses.Change incident = resolve.incident();
        // A list that gained members is written before the resolution, so the resolved incident keeps who joined
        // it; one that only recorded recoveries is not: the resolution says that every alarm has recovered.
        var pending = invocation.edits().take(incident.changeId());
        if (pending.isPresent() && !pending.get().joined().isEmpty()) {
            invocation.views().keep(resolve.pageId(), KnownIncident.withMembers(
                    reads.withTimeline(incident, resolve.pageId(), invocation), resolve.members(),
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
        invocation.views().resolvedNow(resolve.pageId(), KnownIncident.resolved(incident, resolve.resolution()));
        return Outcome.resolved(incident.changeId(), resolve.reason());
    }

    /** The audience of the page: a public page's lists name every alarm by reference. */
    Audience audience(long pageId) {
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
}
