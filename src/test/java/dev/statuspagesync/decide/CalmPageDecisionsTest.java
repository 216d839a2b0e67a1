package dev.statuspagesync.decide;

import static dev.statuspagesync.decide.AlarmDecisionsTest.API;
import static dev.statuspagesync.decide.AlarmDecisionsTest.CPU;
import static dev.statuspagesync.decide.AlarmDecisionsTest.DB;
import static dev.statuspagesync.decide.AlarmDecisionsTest.LATENCY;
import static dev.statuspagesync.decide.AlarmDecisionsTest.PAGE;
import static dev.statuspagesync.decide.AlarmDecisionsTest.ROUTE;
import static dev.statuspagesync.decide.AlarmDecisionsTest.T0;
import static dev.statuspagesync.decide.AlarmDecisionsTest.change;
import static dev.statuspagesync.decide.AlarmDecisionsTest.incident;
import static dev.statuspagesync.decide.AlarmDecisionsTest.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.decide.Deference;
import dev.statuspagesync.decide.Need;
import dev.statuspagesync.decide.PageView;
import dev.statuspagesync.decide.QuietPeriodDecisions;
import dev.statuspagesync.decide.Step;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Wording;

/** The calm page as decisions: the quiet period, the sweep, the monitoring update and deference. */
class CalmPageDecisionsTest {

    static final Wording INTERNAL = Wording.internal(Wording.INTERNAL_TITLE);

    static final Duration QUIET = Duration.ofMinutes(5);
    static final AlarmDecisions.Policy QUIET_PERIOD = policy(QUIET, false, Set.of());
    static final AlarmDecisions.Policy WITH_MONITORING = policy(QUIET, true, Set.of());
    static final AlarmDecisions.Policy DEFER_TO_BOTH = policy(Duration.ZERO, false,
            Set.of(CalmPage.Deference.PEOPLE, CalmPage.Deference.MAINTENANCE));
    static final long NOW = T0 + 3_600;

    // --- the quiet period ---

    @Test
    void recordsTheLastRecoveryInsteadOfResolvingDuringTheQuietPeriod() {
        var open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        var decision = assertInstanceOf(Decision.Record.class,
                decide(change("api-cpu", AlarmState.OK, T0 + 600), List.of(open), QUIET_PERIOD));

        assertEquals(members(CPU, Membership.State.OK, T0 + 600), decision.members());
        assertEquals(Optional.empty(), decision.reopen());
        assertEquals("alarm api-cpu recovered; incident 7 resolves at 2026-03-14T09:15:00Z unless an alarm fires"
                + " again", decision.reason());
    }

    @Test
    void resolvesAtOnceWithoutAQuietPeriod() {
        var open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        assertInstanceOf(Decision.Resolve.class, decide(change("api-cpu", AlarmState.OK, T0 + 600), List.of(open),
                policy(Duration.ZERO, true, Set.of())));
    }

    @Test
    void aReFireDuringTheQuietPeriodIsAnEditThatNotifiesNoOne() {
        var quiet = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600));

        var decision = assertInstanceOf(Decision.Record.class,
                decide(change("api-cpu", AlarmState.ALARM, T0 + 660), List.of(quiet), WITH_MONITORING));

        assertEquals(members(CPU, Membership.State.ALARM, T0 + 660), decision.members());
        assertEquals(Optional.empty(), decision.reopen(), "no monitoring update was posted, so nothing to take back");
    }

    @Test
    void aReFireAfterTheMonitoringUpdateIdentifiesTheIncidentAgainWithItsImpact() {
        var monitored = inStatus(incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600)),
                ChangeStatus.MONITORING, ComponentStatus.OPERATIONAL);

        var decision = assertInstanceOf(Decision.Record.class,
                decide(change("api-cpu", AlarmState.ALARM, T0 + 660), List.of(monitored), WITH_MONITORING));

        assertEquals(Optional.of(new Requests.CreateTimeline(PAGE, 7, ChangeStatus.IDENTIFIED,
                "CloudWatch alarm api-cpu is in ALARM again. We are investigating.", T0 + 660,
                List.of(new Requests.ComponentChange(API, ComponentStatus.PARTIAL_OUTAGE),
                        new Requests.ComponentChange(DB, ComponentStatus.PARTIAL_OUTAGE)))), decision.reopen());
        assertEquals("alarm api-cpu fires again in incident 7, which is identified again", decision.reason());
    }

    @Test
    void anotherAlarmJoiningAMonitoredIncidentRaisesItsComponentsAndIdentifiesIt() {
        var monitored = inStatus(incident(7, LATENCY, members(LATENCY, Membership.State.OK, T0 + 600)),
                ChangeStatus.MONITORING, ComponentStatus.OPERATIONAL);

        var decision = assertInstanceOf(Decision.Join.class,
                decide(change("api-cpu", AlarmState.ALARM, T0 + 660), List.of(monitored), WITH_MONITORING));

        assertEquals(ChangeStatus.IDENTIFIED, decision.raise().orElseThrow().status());
    }

    @Test
    void aRepeatedRecoveryDuringTheQuietPeriodSaysSo() {
        var quiet = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600));

        assertEquals(new Decision.Ignore("alarm api-cpu already recovered; incident 7 is in its quiet period", 7L,
                List.of()), decide(change("api-cpu", AlarmState.OK, T0 + 600), List.of(quiet), QUIET_PERIOD));
    }

    // --- the monitoring update ---

    @Test
    void postsTheMonitoringUpdateOnlyWhenAskedAndEveryAlarmHasRecovered() {
        var quiet = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600, LATENCY, Membership.State.OK,
                T0 + 300));

        assertEquals(Optional.of(new Requests.CreateTimeline(PAGE, 7, ChangeStatus.MONITORING,
                "The CloudWatch alarms of this incident have recovered. We are monitoring the service.", T0 + 600,
                List.of(new Requests.ComponentChange(API, ComponentStatus.OPERATIONAL),
                        new Requests.ComponentChange(DB, ComponentStatus.OPERATIONAL)))),
                QuietPeriodDecisions.monitoring(quiet, PAGE, INTERNAL, WITH_MONITORING));
        assertEquals(Optional.empty(), QuietPeriodDecisions.monitoring(quiet, PAGE, INTERNAL, QUIET_PERIOD),
                "not asked for");
        assertEquals(Optional.empty(), QuietPeriodDecisions.monitoring(inStatus(quiet, ChangeStatus.MONITORING,
                ComponentStatus.OPERATIONAL), PAGE, INTERNAL, WITH_MONITORING), "posted already");
        assertEquals(Optional.empty(), QuietPeriodDecisions.monitoring(incident(7, CPU, members(CPU,
                Membership.State.OK, T0 + 600, LATENCY, Membership.State.ALARM, T0 + 300)), PAGE, INTERNAL,
                WITH_MONITORING),
                "an alarm still fires");
        assertEquals(Optional.empty(), QuietPeriodDecisions.monitoring(quiet, PAGE, INTERNAL,
                policy(Duration.ZERO, true, Set.of())),
                "without a quiet period the recovery resolves");
    }

    // --- the sweep ---

    @Test
    void theSweepResolvesAtTheLastRecoveryOnceEveryAlarmStayedRecoveredForTheQuietPeriod() {
        var quiet = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600, LATENCY, Membership.State.OK,
                T0 + 300));

        var decision = assertInstanceOf(Decision.Resolve.class,
                QuietPeriodDecisions.sweep(quiet, PAGE, INTERNAL, QUIET_PERIOD, T0 + 900).orElseThrow());

        assertEquals(new Requests.CreateTimeline(PAGE, 7, ChangeStatus.RESOLVED, "Resolved: CloudWatch alarm"
                + " api-cpu recovered at 2026-03-14 09:10:00 UTC, the last of the 2 alarms in this incident to"
                + " recover, and every alarm has stayed recovered for 5 minutes. All affected components are"
                + " operational again.", T0 + 600,
                List.of(new Requests.ComponentChange(API, ComponentStatus.OPERATIONAL),
                        new Requests.ComponentChange(DB, ComponentStatus.OPERATIONAL))), decision.resolution());
        assertEquals("incident resolved: every alarm has stayed recovered since 2026-03-14T09:10:00Z",
                decision.reason());
    }

    @Test
    void theSweepWaitsUntilTheQuietPeriodHasPassed() {
        var quiet = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600));

        assertEquals(Optional.of(new Decision.Ignore("incident 7 resolves at 2026-03-14T09:15:00Z unless an alarm"
                + " fires again", 7L, List.of())),
                QuietPeriodDecisions.sweep(quiet, PAGE, INTERNAL, QUIET_PERIOD, T0 + 899));
    }

    @Test
    void theSweepLeavesIncidentsWithAFiringAlarmAndThoseOfPeople() {
        var firing = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600, LATENCY, Membership.State.ALARM,
                T0));

        assertEquals(Optional.empty(), QuietPeriodDecisions.sweep(firing, PAGE, INTERNAL, QUIET_PERIOD, NOW));
        assertEquals(Optional.empty(), QuietPeriodDecisions.sweep(byPerson(8, API), PAGE, INTERNAL, QUIET_PERIOD, NOW));
    }

    @Test
    void theSweepResolvesAfterTheIncidentsNewestUpdate() {
        var quiet = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 600));
        var monitored = withUpdate(quiet, new Responses.TimelineEntry("m", T0 + 600, ChangeStatus.MONITORING,
                "Monitoring.", List.of()));

        var decision = assertInstanceOf(Decision.Resolve.class,
                QuietPeriodDecisions.sweep(monitored, PAGE, INTERNAL, QUIET_PERIOD, NOW).orElseThrow());

        assertEquals(T0 + 601, decision.resolution().atSeconds());
    }

    // --- deference ---

    @Test
    void asksForTheMaintenancesBeforeOpeningWhenItDefersToThem() {
        assertEquals(new Need.Maintenances(PAGE),
                AlarmDecisions.decide(change("api-cpu", AlarmState.ALARM, T0), ROUTE,
                        new PageView(PAGE, List.of(), resolvedNone(), null), DEFER_TO_BOTH, NOW));
    }

    @Test
    void opensNothingWhenEveryComponentIsCoveredByAPersonsIncident() {
        assertEquals(Decision.Ignore.deferred("deferred: every component of alarm api-cpu is covered by incident 8"
                + " (\"Checkout is slow\")"),
                decideDeferring(List.of(byPerson(8, API, DB)), List.of()));
    }

    @Test
    void opensNothingWhenEveryComponentIsUnderAMaintenanceInProgress() {
        assertEquals(Decision.Ignore.deferred("deferred: every component of alarm api-cpu is covered by maintenance"
                + " 9 (\"Database upgrade\")"),
                decideDeferring(List.of(), List.of(maintenance(9, ChangeStatus.ONGOING, API, DB))));
    }

    @Test
    void opensOnTheComponentsNoOneElseCovers() {
        var decision = assertInstanceOf(Decision.Open.class,
                decideDeferring(List.of(byPerson(8, API)), List.of(maintenance(9, ChangeStatus.SCHEDULED, DB))));

        assertEquals(List.of(new Requests.ComponentChange(DB, ComponentStatus.PARTIAL_OUTAGE)),
                decision.request().updates().get(0).componentChanges(), "a scheduled maintenance covers nothing yet");
        assertEquals("incident opened for alarm api-cpu; components " + API + " deferred to incident 8"
                + " (\"Checkout is slow\")", decision.reason());
    }

    @Test
    void opensBesidePeopleAndMaintenanceWhenItDefersToNoOne() {
        var decision = assertInstanceOf(Decision.Open.class, AlarmDecisions.decide(change("api-cpu",
                AlarmState.ALARM, T0), ROUTE, new PageView(PAGE, List.of(byPerson(8, API, DB)), resolvedNone()),
                policy(Duration.ZERO, false, Set.of()), NOW));

        assertEquals(2, decision.request().updates().get(0).componentChanges().size());
    }

    @Test
    void aPublishedIncidentOrMaintenanceCoversNothingUnlessPublishedIsListed() {
        var incident = published(byPerson(8, API));
        var maintenance = published(maintenance(9, ChangeStatus.ONGOING, DB));

        var opened = assertInstanceOf(Decision.Open.class, decideDeferring(List.of(incident), List.of(maintenance)));
        var deferred = AlarmDecisions.decide(change("api-cpu", AlarmState.ALARM, T0 + 120), ROUTE,
                new PageView(PAGE, List.of(incident), resolvedNone(), List.of(maintenance)),
                policy(Duration.ZERO, false, Set.of(CalmPage.Deference.PEOPLE, CalmPage.Deference.MAINTENANCE,
                        CalmPage.Deference.PUBLISHED)), NOW);

        assertEquals(2, opened.request().updates().get(0).componentChanges().size(), "a publisher hides nothing");
        assertEquals(Decision.Ignore.deferred("deferred: every component of alarm api-cpu is covered by incident 8"
                + " (\"Checkout is slow\"), maintenance 9 (\"Database upgrade\")"), deferred);
    }

    @Test
    void anAwsHealthMaintenanceInProgressHidesNoAlarmWhateverIsListed() {
        var ours = maintenance(9, ChangeStatus.ONGOING, API, DB);
        var health = new Responses.Change(ours.changeId(), ours.pageId(), ours.type(), ours.title(),
                IncidentText.withKeyLine(ours.description(), IncidentText.eventKeyLine(IncidentText.HEALTH_KEY_PREFIX
                        + "cw-dsrvhdfbnv-vthksjpcrtbvbdjtfhff@1796505780")), ours.status(), ours.affectedComponents(),
                ours.startAtSeconds(), null, ours.updates(), true);

        var decision = AlarmDecisions.decide(change("api-cpu", AlarmState.ALARM, T0 + 120), ROUTE,
                new PageView(PAGE, List.of(), resolvedNone(), List.of(health)),
                policy(Duration.ZERO, false, Set.of(CalmPage.Deference.PEOPLE, CalmPage.Deference.MAINTENANCE,
                        CalmPage.Deference.PUBLISHED)), NOW);

        assertEquals(2, assertInstanceOf(Decision.Open.class, decision).request().updates().get(0).componentChanges()
                .size(), "AWS's work is no reason for an outage: the alarm opens its incident");
    }

    @Test
    void anAlarmInAnIncidentOfOursKeepsItDespiteAPersonsIncident() {
        var ours = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 60, LATENCY, Membership.State.ALARM, T0));

        var decision = decideDeferring(List.of(byPerson(8, API, DB), ours), List.of());

        assertEquals(members(CPU, Membership.State.ALARM, T0 + 120, LATENCY, Membership.State.ALARM, T0),
                assertInstanceOf(Decision.Record.class, decision).members());
    }

    @Test
    void aFiringAlarmJoinsOurIncidentRatherThanDeferring() {
        var ours = incident(7, LATENCY, members(LATENCY, Membership.State.ALARM, T0));

        assertInstanceOf(Decision.Join.class, decideDeferring(List.of(byPerson(8, API, DB), ours), List.of()));
    }

    @Test
    void aJoiningAlarmRaisesOnlyTheComponentsNoOneElseCovers() {
        var ours = incident(7, LATENCY, members(LATENCY, Membership.State.ALARM, T0));

        var partly = assertInstanceOf(Decision.Join.class,
                decideDeferring(List.of(byPerson(8, DB), ours), List.of()));
        var wholly = assertInstanceOf(Decision.Join.class,
                decideDeferring(List.of(ours), List.of(maintenance(9, ChangeStatus.ONGOING, API, DB))));

        assertEquals(List.of(new Requests.ComponentChange(API, ComponentStatus.PARTIAL_OUTAGE)),
                partly.raise().orElseThrow().componentChanges());
        assertEquals(Optional.empty(), wholly.raise());
        assertEquals(members(LATENCY, Membership.State.ALARM, T0, CPU, Membership.State.ALARM, T0 + 120),
                wholly.members(), "the alarm joins all the same");
    }

    @Test
    void readsTheMaintenancesBeforeRaisingOnlyWhenThereIsSomethingToRaise() {
        var degraded = incident(7, LATENCY, members(LATENCY, Membership.State.ALARM, T0));
        var atImpact = inStatus(degraded, ChangeStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE);
        var unread = new PageView(PAGE, List.of(degraded), resolvedNone(), null);

        assertEquals(new Need.Maintenances(PAGE), AlarmDecisions.decide(change("api-cpu", AlarmState.ALARM,
                T0 + 120), ROUTE, unread, DEFER_TO_BOTH, NOW));
        assertInstanceOf(Decision.Join.class, AlarmDecisions.decide(change("api-cpu", AlarmState.ALARM, T0 + 120),
                ROUTE, new PageView(PAGE, List.of(atImpact), resolvedNone(), null), DEFER_TO_BOTH, NOW));
    }

    @Test
    void theRecoveryOfADeferredAlarmIsIgnored() {
        assertEquals(new Decision.Ignore("no open incident for this alarm"), AlarmDecisions.decide(
                change("api-cpu", AlarmState.OK, T0 + 120), ROUTE, new PageView(PAGE, List.of(byPerson(8, API, DB)),
                        resolvedNone(), List.of()), DEFER_TO_BOTH, NOW));
    }

    // --- mute rules ---

    @Test
    void anAlarmAMuteRuleHoldsOpensNothing() {
        assertEquals(Decision.Ignore.muted("alarm actions are muted by alarm mute rule deploy-window until"
                + " 2026-03-14T10:00:00.000+0000 (planned work), so this is not an outage"),
                decide(muted(change("api-cpu", AlarmState.ALARM, T0)), List.of(), QUIET_PERIOD));
    }

    @Test
    void theRecoveryOfAMutedAlarmStillClearsItsIncident() {
        var open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        assertInstanceOf(Decision.Resolve.class, decide(muted(change("api-cpu", AlarmState.OK, T0 + 600)),
                List.of(open), policy(Duration.ZERO, false, Set.of())));
    }

    static AlarmChange muted(AlarmChange change) {
        return change.withMutedBy("alarm mute rule deploy-window until 2026-03-14T10:00:00.000+0000");
    }

    // --- values ---

    static AlarmDecisions.Policy policy(Duration quiet, boolean monitoring, Set<CalmPage.Deference> deferTo) {
        return new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true,
                new CalmPage(quiet, monitoring, deferTo));
    }

    static Step decide(AlarmChange change, List<Responses.Change> open,
            AlarmDecisions.Policy policy) {
        return AlarmDecisions.decide(change, ROUTE, new PageView(PAGE, open, resolvedNone(), List.of()), policy, NOW);
    }

    static Step decideDeferring(List<Responses.Change> open, List<Responses.Change> maintenances) {
        return AlarmDecisions.decide(change("api-cpu", AlarmState.ALARM, T0 + 120), ROUTE,
                new PageView(PAGE, open, resolvedNone(), maintenances), DEFER_TO_BOTH, NOW);
    }

    static PageView.Resolved resolvedNone() {
        return new PageView.Resolved(T0 - 2 * AlarmDecisions.RESOLVED_LOOKBACK_SECONDS, List.of());
    }

    static Responses.Change inStatus(Responses.Change incident, ChangeStatus status, ComponentStatus components) {
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), status, AlarmDecisionsTest.affected(components), incident.startAtSeconds(),
                null, incident.updates(), true);
    }

    static Responses.Change withUpdate(Responses.Change incident, Responses.TimelineEntry update) {
        var updates = new ArrayList<>(incident.updates());
        updates.add(update);
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), incident.status(), incident.affectedComponents(), incident.startAtSeconds(),
                null, updates, true);
    }

    /** An incident a person opened: no key line. */
    static Responses.Change byPerson(long changeId, String... components) {
        return new Responses.Change(changeId, PAGE, EventType.INCIDENT, "Checkout is slow", "We are looking into it.",
                ChangeStatus.INVESTIGATING, List.of(components).stream()
                        .map(id -> new Responses.AffectedComponent(id, null, ComponentStatus.DEGRADED)).toList(),
                T0, null, List.of(), true);
    }

    /** The event as the function creates a published one: its description ends with the event key line. */
    static Responses.Change published(Responses.Change event) {
        return new Responses.Change(event.changeId(), event.pageId(), event.type(), event.title(),
                IncidentText.withKeyLine(event.description(), IncidentText.eventKeyLine("deploy-42")),
                event.status(), event.affectedComponents(), event.startAtSeconds(), null, event.updates(), true);
    }

    static Responses.Change maintenance(long changeId, ChangeStatus status, String... components) {
        return new Responses.Change(changeId, PAGE, EventType.MAINTENANCE, "Database upgrade", "Planned.",
                status, List.of(components).stream()
                        .map(id -> new Responses.AffectedComponent(id, null, ComponentStatus.UNDER_MAINTENANCE))
                        .toList(), T0, null, List.of(), true);
    }
}
