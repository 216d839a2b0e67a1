package dev.statuspagesync.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.metrics.Metrics;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.MetricsSettings;
import dev.statuspagesync.support.SteppedClock;

class AdmissionTest {

    private static final String RULE = "statuspage-sync-sweep";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:210987654321:rule/" + RULE;
    private static final Instant NOW = Instant.parse("2026-03-14T09:40:00Z");

    private final SteppedClock clock = new SteppedClock(NOW);
    private final Metrics metrics = MetricsSettings.off(clock);
    private final EnvelopeReader reader = new EnvelopeReader(Fixtures.JSON);

    private Admission admission(Optional<Set<String>> accounts) {
        return new Admission(Optional.of(RULE), Optional.of("210987654321"), Optional.of("us-east-1"), accounts,
                Optional.of("statuspage-sync-"), metrics, clock);
    }

    private Inbound sweep(String time, List<String> resources, String account, String region) {
        ObjectNode event = (ObjectNode) Fixtures.json(AlarmEvents.sweep(time));
        event.put("account", account).put("region", region);
        ArrayNode rules = event.putArray("resources");
        resources.forEach(rules::add);
        return reader.read(event).get(0);
    }

    @Test
    void aSweepFromTheScheduleRuleRunsAtItsTimeInTheFunctionsOwnScope() {
        var admitted = admission(Optional.empty())
                .admit(sweep("2026-03-14T09:39:00Z", List.of(RULE_ARN), "210987654321", "us-east-1"));

        assertEquals(new Inbound.Sweep(Instant.parse("2026-03-14T09:39:00Z"), "210987654321", "us-east-1",
                List.of(RULE_ARN), null), admitted);
        assertEquals(0, metrics.counted(Metrics.REFUSED));
        assertEquals(0, metrics.counted(Metrics.TIMES_CLAMPED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:events:us-east-1:210987654321:rule/another-rule",
            "arn:aws:events:us-east-1:210987654321:rule/statuspage-sync-sweep-2",
            "arn:aws:events:eu-west-1:210987654321:rule/statuspage-sync-sweep",
            "arn:aws:events:us-east-1:999988887777:rule/statuspage-sync-sweep",
            "arn:aws:events:us-east-1:210987654321:rule/custom-bus/statuspage-sync-sweep",
            "arn:aws:sns:us-east-1:210987654321:rule/statuspage-sync-sweep",
            "statuspage-sync-sweep",
            "" })
    void aSweepThatDoesNotNameTheScheduleRuleOfTheFunctionsScopeIsRefused(String resource) {
        var refused = admission(Optional.empty())
                .admit(sweep("2026-03-14T09:39:00Z", List.of(resource), "210987654321", "us-east-1"));

        assertEquals(new Inbound.Skipped("a Scheduled Event sweeps only when its resources name the rule"
                + " statuspage-sync-sweep of the function's own account and Region", null), refused);
        assertEquals(1, metrics.counted(Metrics.REFUSED));
    }

    @Test
    void aSweepWithoutResourcesIsRefused() {
        var refused = admission(Optional.empty())
                .admit(sweep("2026-03-14T09:39:00Z", List.of(), "210987654321", "us-east-1"));

        assertInstanceOf(Inbound.Skipped.class, refused);
    }

    @Test
    void aSweepNamingAnotherAccountAndRegionRunsInTheFunctionsOwnWhenItNamesTheRule() {
        // The event's own account and Region are not read: only the rule's ARN, which must be the function's.
        var admitted = admission(Optional.empty())
                .admit(sweep("2026-03-14T09:39:00Z", List.of(RULE_ARN), "999988887777", "eu-west-1"));

        assertEquals(new Inbound.Sweep(Instant.parse("2026-03-14T09:39:00Z"), "210987654321", "us-east-1",
                List.of(RULE_ARN), null), admitted);
    }

    @Test
    void aSweepDatedAheadOfTheClockRunsAtTheClocksTimeAndIsCounted() {
        var admitted = (Inbound.Sweep) admission(Optional.empty())
                .admit(sweep("2099-01-01T00:00:00Z", List.of(RULE_ARN), "210987654321", "us-east-1"));

        assertEquals(NOW, admitted.time());
        assertEquals(1, metrics.counted(Metrics.TIMES_CLAMPED));
    }

    @Test
    void withoutAScheduleRuleEveryDirectScheduledEventSweeps() {
        var open = new Admission(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), metrics, clock);

        var admitted = open.admit(sweep("2026-03-14T09:39:00Z", List.of(), "999988887777", "eu-west-1"));

        assertEquals(new Inbound.Sweep(Instant.parse("2026-03-14T09:39:00Z"), "999988887777", "eu-west-1",
                List.of(), null), admitted);
    }

    @Test
    void anAlarmChangeDatedFarAheadIsTakenAtTheClocksTimeAndCounted() {
        var change = reader.read(Fixtures.json(AlarmEvents.sns("ALARM", "OK", "2099-01-01T00:00:00.000+0000")))
                .get(0);

        var admitted = (Inbound.Alarm) admission(Optional.empty()).admit(change);

        assertEquals(NOW, admitted.change().stateTime());
        assertEquals(1, metrics.counted(Metrics.TIMES_CLAMPED));
    }

    @Test
    void anAlarmChangeWithinTheClocksSkewKeepsItsTime() {
        var change = reader.read(Fixtures.json(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:44:59.000+0000")))
                .get(0);

        var admitted = (Inbound.Alarm) admission(Optional.empty()).admit(change);

        assertEquals(Instant.parse("2026-03-14T09:44:59Z"), admitted.change().stateTime());
        assertEquals(0, metrics.counted(Metrics.TIMES_CLAMPED));
    }

    @Test
    void anAlarmOfAnAccountTheAllowListDoesNotNameIsSkipped() {
        var change = reader.read(Fixtures.json(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:30:00.000+0000")))
                .get(0);

        assertEquals(new Inbound.Skipped("alarm " + AlarmEvents.NAME + " is of account 210987654321, which"
                + " STATUSPAGE_ACCOUNTS does not list", null),
                admission(Optional.of(Set.of("999988887777"))).admit(change));
        assertEquals(change, admission(Optional.of(Set.of("999988887777", " 210987654321"))).admit(change),
                "listed with a space after the comma");
        assertEquals(1, metrics.counted(Metrics.REFUSED));
    }

    @Test
    void theStacksOwnAlarmsNeverReachThePage() {
        var own = reader.read(Fixtures.json(AlarmEvents.sns("statuspage-sync-FunctionErrors", "ALARM", "OK",
                "2026-03-14T09:30:00.000+0000"))).get(0);

        assertEquals(new Inbound.Skipped("alarm statuspage-sync-FunctionErrors is one of the stack's own"
                + " (statuspage-sync-...): it tells the operators, not the page", null),
                admission(Optional.empty()).admit(own));
    }
}
