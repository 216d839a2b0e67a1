package dev.statuspagesync.reconcile;

import static dev.statuspagesync.fake.FakeCloudWatchResource.cloudWatch;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A sweep that CloudWatch half-answers: an optional read (the mute rules, an alarm's contributors) is made at most
 * once, and when it fails only the repairs that need its answer wait for the next sweep; a Region that does not
 * offer the operation has no such feature, and nothing waits. The sweep itself does not fail.
 */
@QuarkusTest
@TestProfile(Profiles.Reconciling.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class HalfAnsweredSweepTest {

    static final Instant FIRED = Instant.parse("2026-03-14T09:00:00Z");
    static final List<String> FIRING = List.of("checkout-api-high-cpu", "orders-5xx", "payments-latency");

    @BeforeEach
    void threeRoutedAlarmsFiringThatNoDeliveryBrought() {
        cloudWatch().reset();
        for (String name : FIRING) {
            cloudWatch().metricAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name, AlarmState.ALARM,
                    FIRED, "AWS/EC2", "CPUUtilization");
        }
    }

    @ParameterizedTest(name = "ListAlarmMuteRules answers {0} {1}")
    @CsvSource({ "500, InternalFailure", "400, Throttling", "400, AccessDeniedException" })
    void unreadMuteRulesHoldBackWhatWouldOpenAndAreAskedForOnce(int status, String code) {
        cloudWatch().failAlways("ListAlarmMuteRules", status, code);

        var response = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals(200, response.statusCode(), "the sweep does not fail: " + response.asString());
        JsonNode swept = Fixtures.json(response.asString());
        assertEquals("ignored", swept.path("outcome").asText(), swept.toString());
        assertTrue(swept.path("reason").asText().contains("held back until the next sweep: alarm checkout-api-high-cpu"
                + " would open, and CloudWatch ListAlarmMuteRules failed: " + code), swept.toString());
        assertEquals(List.of(), fake().incidents(), "no public incident for what may be planned work");
        int attempts = code.equals("AccessDeniedException") ? 1 : 3;
        assertEquals(attempts, cloudWatch().requests("ListAlarmMuteRules").size(),
                "one read (with the SDK's retries) for all three alarms");
        assertEquals(1 + attempts, cloudWatch().requests().size(), "DescribeAlarms once, the mute rules once: "
                + cloudWatch().requests().stream().map(call -> call.operation()).toList());
    }

    @Test
    void aRegionWithoutMuteRulesOpensWhatFires() {
        cloudWatch().failAlways("ListAlarmMuteRules", 400, "UnknownOperationException");

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("created", swept.path("outcome").asText(), swept.toString());
        assertEquals(1, fake().incidents().size());
        assertEquals(3, IncidentText.readAlarmList(fake().incidents().get(0).updates().get(0).description()).members()
                .size(), "the three alarms, in one incident");
        assertEquals(1, cloudWatch().requests("ListAlarmMuteRules").size());
        assertEquals(2, cloudWatch().requests().size(), "DescribeAlarms and ListAlarmMuteRules, once each");
    }

    @Test
    void unreadContributorsHoldBackOnlyTheirOwnRepairs() {
        cloudWatch().multiTimeSeriesAlarm(AlarmEvents.TABLES_ARN, AlarmState.ALARM, FIRED,
                "SELECT SUM(WriteThrottleEvents) FROM \"AWS/DynamoDB\" GROUP BY TableName");
        cloudWatch().contributor(AlarmEvents.TABLES, "9f2c07a4e1b35d68", Map.of("TableName", "checkout-orders"),
                FIRED);
        cloudWatch().failAlways("DescribeAlarmContributors", 500, "InternalFailure");

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("created", swept.path("outcome").asText(), swept.toString());
        Membership list = IncidentText.readAlarmList(fake().incidents().get(0).updates().get(0).description());
        for (String name : FIRING) {
            assertEquals(Membership.State.ALARM, list.get(MemberKey.alarm(
                    "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name))
                    .orElseThrow().state(), name + " is repaired whatever the contributors' read says");
        }
        assertTrue(list.get(MemberKey.of(AlarmEvents.TABLES_ARN, "9f2c07a4e1b35d68")).isEmpty(),
                "the contributor waits for a sweep that reads it");
    }
}
