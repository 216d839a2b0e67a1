package dev.statuspagesync.reconcile;

import static dev.statuspagesync.fake.FakeCloudWatchResource.cloudWatch;
import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
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
 * STATUSPAGE_RECONCILE=true with a five-minute quiet period: the sweep reads CloudWatch (the fake, through the AWS
 * SDK and its CBOR protocol) and repairs what deliveries lost: an ALARM never delivered, a recovery never
 * delivered, an alarm deleted while listed. CloudWatch's faults fail the sweep, never a delivery.
 */
@QuarkusTest
@TestProfile(Profiles.Reconciling.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class ReconcileTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final String TIMELINE = FlashdutyPaths.TIMELINE_PATH;
    static final String EDIT = FlashdutyPaths.TIMELINE_UPDATE_PATH;
    static final String DESCRIBE = "DescribeAlarms";
    static final Instant FIRED = Instant.parse("2026-03-14T09:00:00Z");

    @BeforeEach
    void emptyCloudWatch() {
        cloudWatch().reset();
    }

    @Test
    void anAlarmWhoseAlarmWasNeverDeliveredOpensItsIncidentAtTheNextSweep() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("created", swept.path("outcome").asText(), swept.toString());
        JsonNode create = fake().requests(CREATE).get(0).body();
        assertEquals(AlarmEvents.NAME, create.path("title").asText());
        assertEquals(FIRED.getEpochSecond(), create.path("start_at_seconds").asLong());
        assertEquals(Fixtures.json("[{\"component_id\":\"" + API_COMPONENT + "\",\"status\":\"partial_outage\"},"
                + "{\"component_id\":\"" + DB_COMPONENT + "\",\"status\":\"partial_outage\"}]"),
                create.path("updates").get(0).path("component_changes"));
        assertEquals(Map.of(AlarmEvents.ARN, new Membership.Member(Membership.State.ALARM, FIRED.getEpochSecond())),
                listOf(fake().incidents().get(0)).members());
        JsonNode describe = cloudWatch().requests(DESCRIBE).get(0).body();
        assertEquals(Fixtures.json("{\"StateValue\":\"ALARM\",\"AlarmTypes\":[\"MetricAlarm\",\"CompositeAlarm\",\"LogAlarm\"],"
                + "\"ActionPrefix\":\"" + FakeCloudWatch.ALARM_TOPIC + "\",\"MaxRecords\":100}"), describe,
                "only the alarms whose actions notify the function's topic");
        assertEquals(List.of(DESCRIBE, "ListAlarmMuteRules"),
                cloudWatch().requests().stream().map(call -> call.operation()).toList());
    }

    @Test
    void aFiringAlarmNobodyWiredToTheFunctionOpensNothing() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch().actions(AlarmEvents.NAME, List.of("arn:aws:sns:us-east-1:210987654321:billing-alerts"));

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("ignored", swept.path("outcome").asText(), swept.toString());
        assertTrue(swept.path("reason").asText().startsWith("reconciled with CloudWatch: 0 alarm(s) firing"),
                swept.toString());
        assertEquals(List.of(), fake().requests(CREATE));
    }

    @Test
    void aPageThatAgreesWithCloudWatchCostsOneCallAndNoWrite() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        int writes = fake().requests().size();

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("ignored", swept.path("outcome").asText());
        assertEquals("reconciled with CloudWatch: 1 alarm(s) firing, 0 asked by name, 0 repair(s); sweep at"
                + " 2026-03-14T09:01:00Z: nothing resolved", swept.path("reason").asText());
        assertEquals(1, cloudWatch().requests().size());
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH),
                fake().requests().subList(writes, fake().requests().size()).stream().map(call -> call.path())
                        .toList());
    }

    @Test
    void aRecoveryNeverDeliveredIsRecordedAndTheIncidentResolvesAfterTheQuietPeriod() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.OK, Instant.parse("2026-03-14T09:02:00Z"), "AWS/EC2",
                "CPUUtilization");

        JsonNode recorded = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));
        JsonNode resolved = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:07:00Z"));

        assertEquals("updated", recorded.path("outcome").asText(), recorded.toString());
        assertEquals(Fixtures.json("{\"AlarmNames\":[\"" + AlarmEvents.NAME + "\"],\"AlarmTypes\":[\"MetricAlarm\","
                + "\"CompositeAlarm\",\"LogAlarm\"],\"MaxRecords\":100}"), cloudWatch().requests(DESCRIBE).get(1).body());
        assertEquals(1, fake().requests(EDIT).size());
        assertEquals("resolved", resolved.path("outcome").asText(), resolved.toString());
        var incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(Instant.parse("2026-03-14T09:02:00Z").getEpochSecond(),
                incident.updates().get(incident.updates().size() - 1).atSeconds(),
                "resolved when CloudWatch says the alarm recovered");
    }

    @Test
    void aFiringLogAlarmOnThePageIsNoDeletedAlarmToTheSweep() {
        String name = "checkout-errors-in-logs";
        cloudWatch().logAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name, AlarmState.ALARM, FIRED);
        Lambda.answer(AlarmEvents.sns(name, "ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));
        JsonNode later = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:09:00Z"));

        assertFalse(swept.path("reason").asText().contains("deleted"), swept.toString());
        assertEquals("investigating", fake().incidents().get(0).status(), later.toString());
        assertTrue(fake().incidents().get(0).updates().get(0).description().endsWith(": ALARM since 2026-03-14"
                + " 09:00:00 UTC"), fake().incidents().get(0).updates().get(0).description());
        assertTrue(cloudWatch().requests(DESCRIBE).stream().allMatch(call -> call.body().path("AlarmTypes")
                .toString().equals("[\"MetricAlarm\",\"CompositeAlarm\",\"LogAlarm\"]")),
                "every read asks for the three types");
    }

    @Test
    void aNewAlarmWithoutDataYetIsNoOutageAndTheSweepOpensItOnceItFires() {
        cloudWatch().created(AlarmEvents.ARN, FIRED, "AWS/EC2", "CPUUtilization");

        JsonNode unevaluated = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));
        cloudWatch().move(AlarmEvents.NAME, AlarmState.ALARM, FIRED.plusSeconds(120));
        JsonNode fired = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));

        assertEquals("ignored", unevaluated.path("outcome").asText(), unevaluated.toString());
        assertEquals("created", fired.path("outcome").asText(), fired.toString());
        assertEquals(1, fake().requests(CREATE).size());
        assertEquals(FIRED.getEpochSecond() + 120,
                fake().requests(CREATE).get(0).body().path("start_at_seconds").asLong());
    }

    @Test
    void anAlarmWithoutATransitionTimeOpensAtItsLastUpdate() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch().withoutTransitionTime(AlarmEvents.NAME);

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("created", swept.path("outcome").asText(), swept.toString());
        assertEquals(FIRED.getEpochSecond(), fake().requests(CREATE).get(0).body().path("start_at_seconds").asLong(),
                "StateUpdatedTimestamp stands in for the missing StateTransitionedTimestamp");
    }

    @Test
    void anAlarmDeletedWhileListedIsRecordedAsDeletedAndCountsAsRecovered() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));

        assertEquals("updated", swept.path("outcome").asText(), swept.toString());
        assertTrue(swept.path("reason").asText().contains("alarm " + AlarmEvents.NAME + " was deleted"),
                swept.toString());
        String list = fake().incidents().get(0).updates().get(0).description();
        assertTrue(list.endsWith("- `" + AlarmEvents.ARN + "`: DELETED since 2026-03-14 09:03:00 UTC"), list);
        assertEquals("resolved", Lambda.answer(AlarmEvents.sweep("2026-03-14T09:08:00Z")).path("outcome").asText());
    }

    @Test
    void aThrottledCloudWatchFailsTheSweepAfterThreeAttemptsAndTheNextSweepRepairs() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch().metricAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:other-alarm", AlarmState.ALARM,
                Instant.parse("2026-03-14T09:01:30Z"), "AWS/EC2", "CPUUtilization");
        cloudWatch().throttleNext(3);

        var failed = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:01:00Z"));
        JsonNode delivered = Lambda.answer(AlarmEvents.sns("other-alarm", "ALARM", "OK",
                "2026-03-14T09:01:30.000+0000"));
        JsonNode repaired = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:02:00Z"));

        assertEquals(500, failed.statusCode(), failed.asString());
        assertTrue(failed.asString().contains("not reconciled: CloudWatch DescribeAlarms failed: Throttling"),
                failed.asString());
        assertEquals(4, cloudWatch().requests(DESCRIBE).size(), "three attempts, then the next sweep's one");
        assertEquals("created", delivered.path("outcome").asText(), "deliveries keep working");
        assertEquals("updated", repaired.path("outcome").asText(), repaired.toString());
        assertEquals(Map.of("arn:aws:cloudwatch:us-east-1:210987654321:alarm:other-alarm", Membership.State.ALARM,
                AlarmEvents.ARN, Membership.State.ALARM), states(fake().incidents().get(0)));
    }

    @Test
    void anUnreachableCloudWatchFailsTheSweepWithoutTouchingThePage() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().dropNext(3);
        int calls = fake().requests().size();

        var failed = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:03:00Z"));

        assertEquals(500, failed.statusCode(), failed.asString());
        assertTrue(failed.asString().contains("not reconciled: CloudWatch DescribeAlarms failed"), failed.asString());
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH), fake().requests().subList(calls,
                fake().requests().size()).stream().map(call -> call.path()).toList(),
                "an unanswered CloudWatch is not a deleted alarm");
        assertEquals(Membership.State.ALARM, states(fake().incidents().get(0)).get(AlarmEvents.ARN));
    }

    @Test
    void everyPageOfDescribeAlarmsIsRead() {
        for (int i = 1; i <= 5; i++) {
            cloudWatch().metricAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:disk-" + i, AlarmState.ALARM,
                    FIRED.plusSeconds(i), "AWS/EC2", "DiskReadOps");
        }
        cloudWatch().pageSize(2);

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("created", swept.path("outcome").asText(), swept.toString());
        assertEquals(List.of("", "2", "4"), cloudWatch().requests(DESCRIBE).stream()
                .map(call -> call.body().path("NextToken").asText("")).toList());
        assertEquals(1, fake().incidents().size(), "they share their components, so they join one incident");
        assertEquals(5, listOf(fake().incidents().get(0)).members().size());
    }

    @Test
    void aNextTokenThatNeverMovesFailsTheSweepInsteadOfLoopingForever() {
        for (int i = 1; i <= 3; i++) {
            cloudWatch().metricAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:disk-" + i, AlarmState.ALARM,
                    FIRED, "AWS/EC2", "DiskReadOps");
        }
        cloudWatch().pageSize(1);
        cloudWatch().answerTheSameNextToken();

        var failed = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals(500, failed.statusCode(), failed.asString());
        assertTrue(failed.asString().contains("not reconciled: CloudWatch DescribeAlarms answered the same NextToken"
                + " twice"), failed.asString());
        assertEquals(2, cloudWatch().requests(DESCRIBE).size());
        assertEquals(List.of(), fake().requests(CREATE), "nothing is repaired from a partial answer");
    }

    @Test
    void anAlarmOfAnotherRegionIsLeftToItsDeliveries() {
        String elsewhere = "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:" + AlarmEvents.NAME;
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000").replace(AlarmEvents.ARN,
                elsewhere));

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));

        assertEquals("ignored", swept.path("outcome").asText(), swept.toString());
        assertEquals(1, cloudWatch().requests().size(), "no call asks for it by name");
        assertEquals(Map.of(elsewhere, Membership.State.ALARM), states(fake().incidents().get(0)));
    }

    @Test
    void aFiringAlarmMutedByAMuteRuleOpensNothing() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch().mute(AlarmEvents.NAME, "arn:aws:cloudwatch:us-east-1:210987654321:alarm-mute-rule:reindex");

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        assertEquals("ignored", swept.path("outcome").asText(), swept.toString());
        assertEquals(List.of(), fake().requests(CREATE));
        assertEquals(List.of(DESCRIBE, "ListAlarmMuteRules", "GetAlarmMuteRule"),
                cloudWatch().requests().stream().map(call -> call.operation()).toList());
        assertEquals(Fixtures.json("{\"Statuses\":[\"ACTIVE\"]}"),
                cloudWatch().requests("ListAlarmMuteRules").get(0).body());
        assertEquals(Fixtures.json("{\"AlarmMuteRuleName\":\"reindex\"}"),
                cloudWatch().requests("GetAlarmMuteRule").get(0).body());
    }

    @Test
    void theContributorsOfAMultiTimeSeriesAlarmAreReconciledToo() {
        String orders = "9f2c07a4e1b35d68";
        String carts = "0c51e8b27d94fa36";
        cloudWatch().multiTimeSeriesAlarm(AlarmEvents.TABLES_ARN, AlarmState.ALARM, FIRED,
                "SELECT SUM(WriteThrottleEvents) FROM \"AWS/DynamoDB\" GROUP BY TableName");
        cloudWatch().contributor(AlarmEvents.TABLES, orders, Map.of("TableName", "checkout-orders"), FIRED);

        JsonNode opened = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z"));
        cloudWatch().contributor(AlarmEvents.TABLES, orders, null, null);
        cloudWatch().contributor(AlarmEvents.TABLES, carts, Map.of("TableName", "checkout-carts"),
                Instant.parse("2026-03-14T09:01:30Z"));
        JsonNode moved = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:02:00Z"));

        assertEquals("created", opened.path("outcome").asText(), opened.toString());
        assertEquals(Fixtures.json("{\"AlarmName\":\"" + AlarmEvents.TABLES + "\"}"),
                cloudWatch().requests("DescribeAlarmContributors").get(0).body());
        assertEquals("updated", moved.path("outcome").asText(), moved.toString());
        Membership list = listOf(fake().incidents().get(0));
        assertEquals(new Membership.Member(Membership.State.OK, Instant.parse("2026-03-14T09:02:00Z").getEpochSecond(),
                "TableName=checkout-orders"), list.get(MemberKey.of(AlarmEvents.TABLES_ARN, orders)).orElseThrow(),
                "CloudWatch keeps no time for a contributor that left ALARM: the sweep's");
        assertEquals(new Membership.Member(Membership.State.ALARM,
                Instant.parse("2026-03-14T09:01:30Z").getEpochSecond(), "TableName=checkout-carts"),
                list.get(MemberKey.of(AlarmEvents.TABLES_ARN, carts)).orElseThrow());
        assertEquals(Membership.State.ALARM, list.get(MemberKey.alarm(AlarmEvents.TABLES_ARN)).orElseThrow().state());

        cloudWatch().contributor(AlarmEvents.TABLES, carts, null, null);
        cloudWatch().move(AlarmEvents.TABLES, AlarmState.OK, Instant.parse("2026-03-14T09:03:00Z"));
        Lambda.answer(AlarmEvents.sweep("2026-03-14T09:04:00Z"));
        JsonNode resolved = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:09:00Z"));

        assertEquals("resolved", resolved.path("outcome").asText(), resolved.toString());
    }

    private static Membership listOf(FakeFlashduty.Incident incident) {
        return IncidentText.readAlarmList(incident.updates().get(0).description());
    }

    private static Map<String, Membership.State> states(FakeFlashduty.Incident incident) {
        Map<String, Membership.State> states = new TreeMap<>();
        listOf(incident).members().forEach((key, member) -> states.put(key, member.state()));
        return states;
    }
}
