package dev.statuspagesync.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.Decision;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.Need;
import dev.statuspagesync.decide.PageView;
import dev.statuspagesync.decide.Step;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Wording;

/** Every decision of the lifecycle as a value: a change, its route, the page as known, the time; no I/O. */
class AlarmDecisionsTest {

    static final long PAGE = 42L;
    static final String API = "01AAAAAAAAAAAAAAAAAAAAAAAA";
    static final String DB = "01BBBBBBBBBBBBBBBBBBBBBBBB";
    static final Route ROUTE = new Route("api", PAGE, List.of(API, DB), Map.of(AlarmState.ALARM,
            ComponentStatus.PARTIAL_OUTAGE), Wording.internal("{alarm_name}"), true);
    static final AlarmDecisions.Policy JOIN = new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true);
    static final long T0 = Instant.parse("2026-03-14T09:00:00Z").getEpochSecond();
    static final long NOW = T0 + 3_600;
    static final String CPU = arn("api-cpu");
    static final String LATENCY = arn("api-latency");

    @Test
    void asksForTheOpenIncidentsBeforeDecidingAnything() {
        assertEquals(new Need.OpenIncidents(PAGE), decide(change("api-cpu", AlarmState.ALARM, T0), unread()));
        assertEquals(new Need.OpenIncidents(PAGE), decide(change("api-cpu", AlarmState.OK, T0), unread()));
    }

    @Test
    void asksForTheDayOfResolvedIncidentsBeforeOpeningForATimedChange() {
        assertEquals(new Need.ResolvedIncidents(PAGE, T0 - AlarmDecisions.RESOLVED_LOOKBACK_SECONDS),
                decide(change("api-cpu", AlarmState.ALARM, T0), new PageView(PAGE, List.of(), null)));
    }

    @Test
    void asksAgainWhenTheResolvedIncidentsKnownStartTooLate() {
        var known = new PageView.Resolved(T0, List.of());

        assertEquals(new Need.ResolvedIncidents(PAGE, T0 - AlarmDecisions.RESOLVED_LOOKBACK_SECONDS),
                decide(change("api-cpu", AlarmState.ALARM, T0), new PageView(PAGE, List.of(), known)));
    }

    @Test
    void opensAnIncidentWhenNothingStandsForTheAlarm() {
        AlarmChange firing = change("api-cpu", AlarmState.ALARM, T0);

        var decision = assertInstanceOf(Decision.Open.class, decide(firing, page(List.of())));

        assertEquals(IncidentMapper.openIncident(firing, ROUTE, T0), decision.request());
        assertEquals(MemberKey.alarm(CPU), decision.member());
        assertEquals(Outcome.Kind.CREATED, decision.kind());
        assertEquals("incident opened for alarm api-cpu", decision.reason());
    }

    @Test
    void opensWithoutReadingResolvedIncidentsWhenTheChangeHasNoTime() {
        AlarmChange untimed = change("api-cpu", AlarmState.ALARM, null);

        var decision = assertInstanceOf(Decision.Open.class, decide(untimed, new PageView(PAGE, List.of(), null)));

        assertEquals(IncidentMapper.openIncident(untimed, ROUTE, NOW), decision.request());
    }

    @Test
    void ignoresAnAlarmThatArrivesAfterTheResolutionOfItsIncident() {
        Responses.Change resolved = resolved(incident(7, CPU, members(CPU, Membership.State.OK, T0 + 60)), T0 + 60);

        var decision = decide(change("api-cpu", AlarmState.ALARM, T0),
                new PageView(PAGE, List.of(), new PageView.Resolved(T0 - 86_400, List.of(resolved))));

        assertEquals(Decision.Ignore.stale("stale: incident 7 for this alarm was resolved at 2026-03-14T09:01:00Z,"
                + " after this change", 7L, List.of()), decision);
    }

    @Test
    void ignoresAnAlarmOlderThanTheRecoveryItsResolvedIncidentRecordsAfterTheResolution() {
        Responses.Change resolved = resolved(incident(7, LATENCY, members(LATENCY, Membership.State.ALARM, T0,
                CPU, Membership.State.OK, T0 + 900)), T0 + 600);

        assertEquals(Decision.Ignore.stale("stale: incident 7 already records a change of this alarm at"
                + " 2026-03-14T09:15:00Z, newer than this one", 7L, List.of()),
                decide(change("api-cpu", AlarmState.ALARM, T0 + 700),
                        new PageView(PAGE, List.of(), new PageView.Resolved(T0 - 86_400, List.of(resolved)))));
    }

    @Test
    void ignoresAnAlarmOlderThanTheStartOfAResolvedIncidentThatRecordsTheAlarmLater() {
        Responses.Change resolved = resolved(incident(7, CPU, members(CPU, Membership.State.ALARM, T0 + 600)),
                T0 + 660);

        assertEquals(Decision.Ignore.stale("stale: incident 7 already records a change of this alarm at"
                + " 2026-03-14T09:10:00Z, newer than this one", 7L, List.of()),
                decide(change("api-cpu", AlarmState.ALARM, T0 - 300),
                        new PageView(PAGE, List.of(), new PageView.Resolved(T0 - 2 * 86_400, List.of(resolved)))));
    }

    @Test
    void ignoresAnAlarmThatARecoveryBeforeTheResolutionMayHaveFollowed() {
        Responses.Change resolved = resolved(incident(7, LATENCY, members(LATENCY, Membership.State.OK, T0 + 600,
                CPU, Membership.State.OK, T0 + 300)), T0 + 600);

        assertEquals(Decision.Ignore.stale("stale: incident 7 for this alarm was resolved at 2026-03-14T09:10:00Z,"
                + " after this change", 7L, List.of()), decide(change("api-cpu", AlarmState.ALARM, T0 + 400),
                        new PageView(PAGE, List.of(), new PageView.Resolved(T0 - 86_400, List.of(resolved)))));
    }

    @Test
    void opensForAnAlarmCloudWatchReportsFiringSinceARecoveryBeforeTheResolution() {
        Responses.Change resolved = resolved(incident(7, LATENCY, members(LATENCY, Membership.State.OK, T0 + 600,
                CPU, Membership.State.OK, T0 + 300)), T0 + 600);
        AlarmChange read = change("api-cpu", AlarmState.ALARM, T0 + 400).now(AlarmState.ALARM, "read by the sweep",
                Instant.ofEpochSecond(T0 + 400), Envelope.CLOUDWATCH, false);

        var decision = decide(read, new PageView(PAGE, List.of(), new PageView.Resolved(T0 - 86_400,
                List.of(resolved))));

        assertEquals(Decision.Open.class, decision.getClass(), "CloudWatch says it fires now: " + decision);
    }

    @Test
    void ignoresARepeatedAlarmWhileItsIncidentIsOpen() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        assertEquals(new Decision.Ignore("incident 7 is already open for this alarm", 7L, List.of()),
                decide(change("api-cpu", AlarmState.ALARM, T0), page(List.of(open))));
    }

    @Test
    void ignoresAChangeOlderThanTheOneTheIncidentRecords() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0 + 600));

        assertEquals(Decision.Ignore.stale("stale: incident 7 already records a change of this alarm at"
                + " 2026-03-14T09:10:00Z, newer than this one", 7L, List.of()),
                decide(change("api-cpu", AlarmState.OK, T0 + 300), page(List.of(open))));
    }

    @Test
    void recordsAnAlarmThatFiresAgainWhileAnotherKeptTheIncidentOpen() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 60, LATENCY,
                Membership.State.ALARM, T0 + 30));

        var decision = decide(change("api-cpu", AlarmState.ALARM, T0 + 120), page(List.of(open)));

        assertEquals(new Decision.Record(PAGE, open, members(CPU, Membership.State.ALARM, T0 + 120, LATENCY,
                Membership.State.ALARM, T0 + 30), "alarm api-cpu fires again in incident 7", List.of()), decision);
    }

    @Test
    void joinsTheOpenIncidentOfAnotherAlarmOnTheSameComponentsAndRaisesItsImpact() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));
        AlarmChange latency = change("api-latency", AlarmState.ALARM, T0 + 60);

        var decision = assertInstanceOf(Decision.Join.class, decide(latency, page(List.of(open))));

        assertEquals(members(CPU, Membership.State.ALARM, T0, LATENCY, Membership.State.ALARM, T0 + 60),
                decision.members());
        assertEquals(IncidentMapper.raiseImpact(latency, open, ROUTE, T0 + 60), decision.raise());
        assertEquals(true, decision.raise().isPresent(), "degraded components rise to partial_outage");
        assertEquals("alarm api-latency joined incident 7 and raised its impact", decision.reason());
    }

    @Test
    void joinsTheFirstOpenedOfSeveralIncidentsOnTheSameComponents() {
        Responses.Change later = incident(9, CPU, members(CPU, Membership.State.ALARM, T0));
        Responses.Change first = incident(8, arn("api-errors"), members(arn("api-errors"), Membership.State.ALARM, T0));

        var decision = assertInstanceOf(Decision.Join.class,
                decide(change("api-latency", AlarmState.ALARM, T0 + 60), page(List.of(later, first))));

        assertEquals(8L, decision.changeId());
    }

    @Test
    void asksForTheTimelineOfAnIncidentItWouldJoinButKnowsWithoutOne() {
        Responses.Change justOpened = withoutTimeline(incident(7, CPU, members(CPU, Membership.State.ALARM, T0)));

        assertEquals(new Need.Timeline(PAGE, 7L),
                decide(change("api-latency", AlarmState.ALARM, T0 + 60), page(List.of(justOpened))));
    }

    @Test
    void opensItsOwnIncidentWhenJoiningIsOff() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        assertInstanceOf(Decision.Open.class, AlarmDecisions.decide(change("api-latency", AlarmState.ALARM, T0),
                ROUTE, page(List.of(open)), new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, false), NOW));
    }

    @Test
    void neverJoinsAnIncidentThatAPersonOpened() {
        Responses.Change byPerson = new Responses.Change(5L, PAGE, EventType.INCIDENT, "Checkout slow",
                "We are looking into it.", ChangeStatus.INVESTIGATING, affected(ComponentStatus.DEGRADED), T0,
                null, List.of(), true);

        assertInstanceOf(Decision.Open.class, decide(change("api-cpu", AlarmState.ALARM, T0), page(List.of(byPerson))));
    }

    @Test
    void ignoresSuppressedActionsWithoutReadingThePage() {
        AlarmChange suppressed = change("api-cpu", AlarmState.ALARM, T0);
        suppressed = suppressed.toBuilder().description(null).metrics(MetricSummary.NONE).rule("ALARM(a)")
                .suppressed(true).tags(Map.of()).via(Envelope.EVENTBRIDGE).build();

        assertEquals(Decision.Ignore.suppressed("alarm actions are suppressed, so this is not an outage"),
                decide(suppressed, unread()));
    }

    /** The incident's own alarm goes to INSUFFICIENT_DATA: as nothing, as firing, or as recovered. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IGNORE  | Ignore  | INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)
            DEGRADE | Record  | alarm api-cpu fires again in incident 7
            RESOLVE | Resolve | incident resolved: alarm api-cpu is INSUFFICIENT_DATA
            """)
    void insufficientDataFollowsItsPolicy(InsufficientDataPolicy policy, String decision, String reason) {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        Step step = AlarmDecisions.decide(change("api-cpu", AlarmState.INSUFFICIENT_DATA, T0 + 60), ROUTE,
                page(List.of(open)), new AlarmDecisions.Policy(policy, true), NOW);

        assertEquals(decision, step.getClass().getSimpleName());
        assertEquals(reason, ((Decision) step).reason());
    }

    /** An alarm with no incident goes to INSUFFICIENT_DATA: nothing, an outage, or nothing to resolve. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IGNORE  | Ignore | INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)
            DEGRADE | Open   | incident opened for alarm api-cpu
            RESOLVE | Ignore | no open incident for this alarm
            """)
    void insufficientDataWithoutAnIncidentFollowsItsPolicy(InsufficientDataPolicy policy, String decision,
            String reason) {
        Step step = AlarmDecisions.decide(change("api-cpu", AlarmState.INSUFFICIENT_DATA, T0 + 60), ROUTE,
                page(List.of()), new AlarmDecisions.Policy(policy, true), NOW);

        assertEquals(decision, step.getClass().getSimpleName());
        assertEquals(reason, ((Decision) step).reason());
        if (step instanceof Decision.Open open) {
            assertEquals("api-cpu", open.request().title());
            assertEquals(ChangeStatus.INVESTIGATING, open.request().updates().get(0).status());
        }
    }

    @Test
    void aDegradingInsufficientDataJoinsLikeAnAlarm() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        Step step = AlarmDecisions.decide(change("api-latency", AlarmState.INSUFFICIENT_DATA, T0 + 60), ROUTE,
                page(List.of(open)), new AlarmDecisions.Policy(InsufficientDataPolicy.DEGRADE, true), NOW);

        assertEquals(members(CPU, Membership.State.ALARM, T0, LATENCY, Membership.State.ALARM, T0 + 60),
                assertInstanceOf(Decision.Join.class, step).members());
    }

    @Test
    void ignoresARecoveryWithoutAnOpenIncident() {
        assertEquals(new Decision.Ignore("no open incident for this alarm"),
                decide(change("api-cpu", AlarmState.OK, T0), page(List.of())));
    }

    @Test
    void resolvesWhenTheLastFiringAlarmRecovers() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 60, LATENCY,
                Membership.State.ALARM, T0 + 30));
        AlarmChange recovery = change("api-latency", AlarmState.OK, T0 + 600);

        var decision = assertInstanceOf(Decision.Resolve.class, decide(recovery, page(List.of(open))));

        assertEquals(IncidentMapper.resolveIncident(recovery, open, ROUTE, T0 + 600), decision.resolution());
        assertEquals(members(CPU, Membership.State.OK, T0 + 60, LATENCY, Membership.State.OK, T0 + 600),
                decision.members());
        assertEquals("incident resolved: alarm api-latency is OK", decision.reason());
        assertEquals(Outcome.Kind.RESOLVED, decision.kind());
    }

    @Test
    void resolvesAtTheTimeTheLastAlarmRecoveredThoughItsChangeArrivedFirst() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 900, LATENCY,
                Membership.State.ALARM, T0 + 30));

        var decision = assertInstanceOf(Decision.Resolve.class,
                decide(change("api-latency", AlarmState.OK, T0 + 600), page(List.of(open))));

        assertEquals(T0 + 900, decision.resolution().atSeconds());
    }

    @Test
    void resolvesAfterTheStartEvenWhenTheAlarmRecoveredInTheSameSecond() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        var decision = assertInstanceOf(Decision.Resolve.class,
                decide(change("api-cpu", AlarmState.OK, T0), page(List.of(open))));

        assertEquals(T0 + 1, decision.resolution().atSeconds(), "Flashduty takes updates after the start only");
    }

    @Test
    void raisesImpactAfterTheStartEvenWhenTheJoiningAlarmFiredInTheSameSecond() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        var decision = assertInstanceOf(Decision.Join.class,
                decide(change("api-latency", AlarmState.ALARM, T0), page(List.of(open))));

        assertEquals(T0 + 1, decision.raise().orElseThrow().atSeconds());
    }

    @Test
    void recordsARecoveryWhileOtherAlarmsStillFire() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0, LATENCY,
                Membership.State.ALARM, T0 + 30));

        assertEquals(new Decision.Record(PAGE, open, members(CPU, Membership.State.OK, T0 + 90, LATENCY,
                Membership.State.ALARM, T0 + 30), "alarm api-cpu recovered; incident 7 stays open for 1 other alarm(s)",
                List.of()), decide(change("api-cpu", AlarmState.OK, T0 + 90), page(List.of(open))));
    }

    @Test
    void ignoresASecondRecoveryOfAnAlarmThatAlreadyRecovered() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 60, LATENCY,
                Membership.State.ALARM, T0 + 30));

        assertEquals(new Decision.Ignore("alarm api-cpu already recovered; incident 7 waits for 1 other alarm(s)",
                7L, List.of()), decide(change("api-cpu", AlarmState.OK, T0 + 60), page(List.of(open))));
    }

    @Test
    void recordsANewerAlarmOfAnAlarmListedFiringSoThatTheRecoveryBetweenThemIsStaleWhenItComes() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        var decision = decide(change("api-cpu", AlarmState.ALARM, T0 + 600), page(List.of(open)));

        assertEquals(new Decision.Record(PAGE, open, members(CPU, Membership.State.ALARM, T0 + 600),
                "alarm api-cpu fires again in incident 7", List.of()), decision);
        Responses.Change recorded = incident(7, CPU, members(CPU, Membership.State.ALARM, T0 + 600));
        assertEquals("Ignore", decide(change("api-cpu", AlarmState.OK, T0 + 300), page(List.of(recorded)))
                .getClass().getSimpleName());
    }

    @Test
    void recordsANewerRecoveryOfAnAlarmListedRecoveredSoThatTheAlarmBetweenThemIsStaleWhenItComes() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.OK, T0 + 60, LATENCY,
                Membership.State.ALARM, T0 + 30));

        assertEquals(new Decision.Record(PAGE, open, members(CPU, Membership.State.OK, T0 + 900, LATENCY,
                Membership.State.ALARM, T0 + 30), "alarm api-cpu recovered; incident 7 stays open for 1 other alarm(s)",
                List.of()), decide(change("api-cpu", AlarmState.OK, T0 + 900), page(List.of(open))));
    }

    @Test
    void ignoresAnUntimedRepeatOfTheStateTheListRecords() {
        Responses.Change open = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));

        assertEquals(new Decision.Ignore("incident 7 is already open for this alarm", 7L, List.of()),
                decide(change("api-cpu", AlarmState.ALARM, null), page(List.of(open))));
    }

    @Test
    void namesTheLaterIncidentsOfTheSameAlarmAloneAsDuplicates() {
        Responses.Change first = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));
        Responses.Change duplicate = incident(8, CPU, members(CPU, Membership.State.ALARM, T0));
        Responses.Change joinedByOthers = incident(9, CPU, members(CPU, Membership.State.ALARM, T0, LATENCY,
                Membership.State.ALARM, T0));

        Decision decision = (Decision) decide(change("api-cpu", AlarmState.ALARM, T0), page(List.of(duplicate,
                joinedByOthers, first)));

        assertEquals(7L, decision.changeId());
        assertEquals(List.of(duplicate), decision.duplicates());
    }

    @Test
    void aTimeSeriesNewToTheOpenIncidentIsNotStaleByAResolutionThatNeverListedIt() {
        String tables = arn("api-tables");
        Responses.Change earlier = resolved(incident(7, tables, members(MemberKey.of(tables, "orders").wire(),
                Membership.State.OK, T0 + 600)), T0 + 600);
        Responses.Change open = incident(8, tables, members(MemberKey.of(tables, "carts").wire(), Membership.State.ALARM,
                T0 + 660));
        AlarmChange late = change("api-tables", AlarmState.ALARM, T0 + 540)
                .withContributor(new AlarmChange.Contributor("invoices", Map.of("TableName", "invoices")));

        var decision = decide(late, new PageView(PAGE, List.of(open), new PageView.Resolved(T0 - 86_400,
                List.of(earlier))));

        var joined = assertInstanceOf(Decision.Record.class, decision, decision.toString());
        assertEquals("contributor TableName=invoices of alarm api-tables joined incident 8", joined.reason());
    }

    @Test
    void aTimeSeriesBeyondAHundredFiringInTheIncidentIsNotAddedToIt() {
        String tables = arn("api-tables");
        Object[] hundred = new Object[3 * AlarmDecisions.MAX_FIRING_CONTRIBUTORS];
        for (int i = 0; i < AlarmDecisions.MAX_FIRING_CONTRIBUTORS; i++) {
            hundred[3 * i] = MemberKey.of(tables, "series-" + i).wire();
            hundred[3 * i + 1] = Membership.State.ALARM;
            hundred[3 * i + 2] = T0;
        }
        Responses.Change open = incident(8, tables, members(hundred));
        AlarmChange another = change("api-tables", AlarmState.ALARM, T0 + 60)
                .withContributor(new AlarmChange.Contributor("series-100", Map.of()));

        assertEquals(new Decision.Ignore("incident 8 already lists 100 firing time series of alarm api-tables, as"
                + " many as CloudWatch tracks: the incident stands for the alarm", 8L, List.of()),
                decide(another, page(List.of(open))));
    }

    // --- values ---

    static String arn(String name) {
        return "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name;
    }

    static AlarmChange change(String name, AlarmState state, Long atSeconds) {
        return AlarmChange.of(name, arn(name), state).account("210987654321").region("us-east-1")
                .previous(state == AlarmState.ALARM ? AlarmState.OK : AlarmState.ALARM).reason("Threshold Crossed")
                .at(atSeconds == null ? null : Instant.ofEpochSecond(atSeconds))
                .metrics(new MetricSummary("AWS/EC2", List.of("CPUUtilization"), Map.of())).via(Envelope.SNS)
                .build();
    }

    static Membership members(Object... arnStateTime) {
        Map<String, Membership.Member> members = new LinkedHashMap<>();
        for (int i = 0; i < arnStateTime.length; i += 3) {
            members.put((String) arnStateTime[i], new Membership.Member((Membership.State) arnStateTime[i + 1],
                    (Long) arnStateTime[i + 2]));
        }
        return new Membership(members);
    }

    /** An incident this function opened for {@code keyArn}, degraded, its opening update listing {@code members}. */
    static Responses.Change incident(long changeId, String keyArn, Membership members) {
        var opening = new Responses.TimelineEntry("u" + changeId, T0, ChangeStatus.INVESTIGATING,
                "CloudWatch alarm is in ALARM. We are investigating.\n\n" + IncidentText.alarmList(members, false), List.of());
        return new Responses.Change(changeId, PAGE, EventType.INCIDENT, "t", "Alarm.\n\n" + IncidentText.keyLine(keyArn),
                ChangeStatus.INVESTIGATING, affected(ComponentStatus.DEGRADED), T0, null, List.of(opening), true);
    }

    static Responses.Change withoutTimeline(Responses.Change incident) {
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), incident.status(), incident.affectedComponents(), incident.startAtSeconds(),
                null, null, true);
    }

    static Responses.Change resolved(Responses.Change incident, long atSeconds) {
        var resolution = new Responses.TimelineEntry("r", atSeconds, ChangeStatus.RESOLVED, "Resolved.", List.of());
        return new Responses.Change(incident.changeId(), incident.pageId(), incident.type(), incident.title(),
                incident.description(), ChangeStatus.RESOLVED, affected(ComponentStatus.OPERATIONAL),
                incident.startAtSeconds(), atSeconds,
                List.of(incident.updates().get(0), resolution), true);
    }

    static List<Responses.AffectedComponent> affected(ComponentStatus status) {
        return List.of(new Responses.AffectedComponent(API, "API", status),
                new Responses.AffectedComponent(DB, "DB", status));
    }

    static PageView unread() {
        return PageView.unread(PAGE);
    }

    static PageView page(List<Responses.Change> open) {
        return new PageView(PAGE, open, new PageView.Resolved(T0 - 2 * AlarmDecisions.RESOLVED_LOOKBACK_SECONDS,
                List.of()));
    }

    static Step decide(AlarmChange alarm, PageView page) {
        return AlarmDecisions.decide(alarm, ROUTE, page, JOIN, NOW);
    }
}
