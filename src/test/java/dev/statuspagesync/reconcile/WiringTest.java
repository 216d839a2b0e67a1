package dev.statuspagesync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.support.StatusPageSettings;

/** Which firing alarms the sweep may open incidents for: those wired to the function, never the stack's own. */
class WiringTest {

    static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:";
    static final Instant SINCE = Instant.parse("2026-03-14T09:00:00Z");
    static final String TOPIC = FakeCloudWatch.ALARM_TOPIC;
    static final String FUNCTION = "arn:aws:lambda:us-east-1:210987654321:function:statuspage-sync-Function-1A2B";

    @Test
    void takesAlarmsWithAnActionOnASourceOrANameThePrefixTakesAndNeverTheStacksOwn() {
        FakeCloudWatch cloudWatch = FakeCloudWatch.inMemory();
        for (String name : List.of("checkout-errors", "billing-estimate", "payments-latency", "statuspage-sync-Errors",
                "direct-action")) {
            cloudWatch.metricAlarm(ARN + name, AlarmState.ALARM, SINCE, "AWS/EC2", "CPUUtilization");
        }
        cloudWatch.actions("billing-estimate", List.of("arn:aws:sns:us-east-1:210987654321:billing"));
        cloudWatch.actions("payments-latency", List.of("arn:aws:sns:us-east-1:210987654321:billing"));
        cloudWatch.actions("direct-action", List.of(FUNCTION + ":live"));
        Wiring wiring = new Wiring(List.of(TOPIC, FUNCTION), List.of("payments-"), "statuspage-sync-");

        List<String> names = wiring.inState(cloudWatch.inProcess(), AlarmState.ALARM).stream().map(AlarmChange::name)
                .toList();

        assertEquals(List.of("checkout-errors", "direct-action", "payments-latency"), names);
    }

    @Test
    void everyAlarmWhenTheRuleTakesEveryNameAndNoneWithoutSources() {
        FakeCloudWatch cloudWatch = FakeCloudWatch.inMemory();
        cloudWatch.metricAlarm(ARN + "billing-estimate", AlarmState.ALARM, SINCE, "AWS/Billing", "EstimatedCharges");
        cloudWatch.actions("billing-estimate", List.of("arn:aws:sns:us-east-1:210987654321:billing"));

        assertEquals(1, Wiring.EVERY_ALARM.inState(cloudWatch.inProcess(), AlarmState.ALARM).size());
        Wiring none = Wiring.of(StatusPageSettings.environment(1L, List.of("01A"), "degraded"), Optional.empty(),
                Optional.empty());
        assertTrue(none.isEmpty());
        assertEquals(List.of(), none.inState(cloudWatch.inProcess(), AlarmState.ALARM));
    }

    @Test
    void anAlarmCarryingTheOptInTagIsWiredByItAndTheStacksOwnStillNever() {
        FakeCloudWatch cloudWatch = FakeCloudWatch.inMemory();
        for (String name : List.of("billing-estimate", "queue-depth", "statuspage-sync-Errors")) {
            cloudWatch.metricAlarm(ARN + name, AlarmState.ALARM, SINCE, "AWS/SQS", "ApproximateNumberOfMessages");
            cloudWatch.actions(name, List.of("arn:aws:sns:us-east-1:210987654321:billing"));
        }
        cloudWatch.tag("queue-depth", Map.of("statuspage", "publish"));
        cloudWatch.tag("billing-estimate", Map.of("statuspage", "no"));
        cloudWatch.tag("statuspage-sync-Errors", Map.of("statuspage", "publish"));
        Wiring wiring = new Wiring(List.of(TOPIC), List.of(), "statuspage-sync-", "statuspage=publish");

        List<String> names = wiring.inState(cloudWatch.inProcess(), AlarmState.ALARM).stream().map(AlarmChange::name)
                .toList();

        assertEquals(List.of("queue-depth"), names);
        assertEquals(false, wiring.isEmpty());
    }
}
