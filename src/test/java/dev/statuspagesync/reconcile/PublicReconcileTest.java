package dev.statuspagesync.reconcile;

import static dev.statuspagesync.fake.FakeCloudWatchResource.cloudWatch;
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
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.References;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A public page with reconciliation on, in the function's own account and Region: a delivered ALARM goes on only
 * when CloudWatch shows the alarm firing, and the sweep finds the alarms the page lists by reference alone.
 */
@QuarkusTest
@TestProfile(Profiles.PublicPage.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class PublicReconcileTest {

    static final String DESCRIBE = "DescribeAlarms";
    static final Instant FIRED = Instant.parse("2026-03-14T09:00:00Z");

    @BeforeEach
    void emptyCloudWatch() {
        cloudWatch().reset();
    }

    @Test
    void tellsSubscribersInCustomerWordsFromOpeningToTheSweepsResolution() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.OK, FIRED.plusSeconds(60), "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:06:00Z"));

        assertEquals("resolved", swept.path("outcome").asText(), swept.toString());
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals("Public API and Database: partial outage", incident.title());
        List<String> updates = incident.updates().stream().map(FakeFlashduty.Update::description).toList();
        assertEquals("We are investigating an issue affecting Public API and Database (partial outage).",
                updates.get(0).substring(0, updates.get(0).indexOf("\n\n")));
        assertEquals("This incident has been resolved. Service is operating normally for Public API and Database.",
                updates.get(1));
        assertFalse(incident.title().contains(AlarmEvents.NAME));
    }

    @Test
    void anAlarmCloudWatchShowsFiringOpensAnIncidentThatNamesItByReference() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals(Fixtures.json("{\"AlarmNames\":[\"" + AlarmEvents.NAME + "\"],\"AlarmTypes\":[\"MetricAlarm\","
                + "\"CompositeAlarm\",\"LogAlarm\"],\"MaxRecords\":100}"), cloudWatch().requests(DESCRIBE).get(0).body());
        var incident = fake().incidents().get(0);
        String reference = References.current().alarm(AlarmEvents.ARN);
        assertEquals("Public API and Database: partial outage", incident.title());
        assertTrue(incident.description().endsWith("\n\nReference: `" + reference + "`"), incident.description());
        assertTrue(incident.updates().get(0).description().endsWith("Alarms in this incident:\n- `" + reference
                + "`: ALARM since 2026-03-14 09:00:00 UTC"), incident.updates().get(0).description());
        for (String text : List.of(incident.title(), incident.description(), incident.updates().get(0).description())) {
            assertTrue(!text.contains("210987654321") && !text.contains(AlarmEvents.NAME), text);
        }
    }

    @Test
    void aForgedAlarmThatCloudWatchShowsOkOpensNothing() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.OK, Instant.parse("2026-03-14T08:00:00Z"), "AWS/EC2",
                "CPUUtilization");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        assertEquals("ignored", answer.path("outcome").asText(), answer.toString());
        assertEquals("CloudWatch shows alarm " + AlarmEvents.NAME + " in OK since 2026-03-14T08:00:00Z, not firing:"
                + " a forged or stale change opens nothing", answer.path("reason").asText());
        assertEquals(List.of(), fake().requests(), "Flashduty is not even read");
    }

    @Test
    void anAlarmCloudWatchDoesNotHaveOpensNothing() {
        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        assertEquals("ignored", answer.path("outcome").asText(), answer.toString());
        assertEquals("CloudWatch has no alarm " + AlarmEvents.NAME + " in 210987654321 us-east-1: a forged change,"
                + " or one of a deleted alarm, opens nothing", answer.path("reason").asText());
        assertEquals(List.of(), fake().incidents());
    }

    @Test
    void anAlarmOfAnotherAccountGoesOnUnaskedAndARecoveryIsNeverAsked() {
        String elsewhere = AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000")
                .replace("210987654321", "111122223333");

        String recovery = AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000")
                .replace("210987654321", "111122223333");

        assertEquals("created", Lambda.answer(elsewhere).path("outcome").asText());
        assertEquals("updated", Lambda.answer(recovery).path("outcome").asText(), "the quiet period begins");
        assertEquals(List.of(), cloudWatch().requests());
    }

    @Test
    void anUnansweringCloudWatchFailsTheChangeAndTheSweepOpensItsIncidentFromCloudWatch() {
        cloudWatch().dropNext(3);

        var failed = Lambda.invoke(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        assertEquals(500, failed.statusCode(), "the change is delivered again: " + failed.asString());
        assertTrue(failed.asString().contains("not confirmed with CloudWatch, to be delivered again: CloudWatch"
                + " DescribeAlarms failed"), failed.asString());
        assertEquals(List.of(), fake().requests());
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        assertEquals("created", Lambda.answer(AlarmEvents.sweep("2026-03-14T09:01:00Z")).path("outcome").asText());
    }

    @Test
    void aMessageWhoseNameOrAccountIsNotItsArnsOpensNothing() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        String firing = AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000");
        ObjectNode renamed = (ObjectNode) Fixtures.json(firing);
        ObjectNode sns = (ObjectNode) renamed.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        sns.put("Message", message.deepCopy().put("AlarmName", "payments-api-errors").toString());
        String otherAccount = firing.replace("arn:aws:cloudwatch:us-east-1:210987654321",
                "arn:aws:cloudwatch:us-east-1:111122223333");
        String upperRegion = firing.replace("arn:aws:cloudwatch:us-east-1:", "arn:aws:cloudwatch:US-EAST-1:");
        String noRegion = firing.replace("arn:aws:cloudwatch:us-east-1:", "arn:aws:cloudwatch::");
        String madeUpRegion = firing.replace("arn:aws:cloudwatch:us-east-1:", "arn:aws:cloudwatch:xx-fake-9:");

        for (String forged : List.of(renamed.toString(), otherAccount)) {
            JsonNode answer = Lambda.answer(forged);
            assertEquals("the message's alarm name or account is not its ARN's", answer.path("reason").asText(),
                    "the reader skips it before anything is asked: " + answer);
        }
        for (String forged : List.of(upperRegion, noRegion, madeUpRegion)) {
            JsonNode answer = Lambda.answer(forged);
            assertEquals("the message's alarm name, account or Region is not its ARN's, or not one AWS has: a forged"
                    + " change opens nothing", answer.path("reason").asText(), answer.toString());
        }
        assertEquals(List.of(), cloudWatch().requests(DESCRIBE), "CloudWatch is not even asked");
        assertEquals(List.of(), fake().incidents());
    }

    @Test
    void aDeliveredLogAlarmIsConfirmedByCloudWatchLikeAnyOther() {
        String name = "checkout-errors-in-logs";
        cloudWatch().logAlarm("arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name, AlarmState.ALARM, FIRED);

        JsonNode answer = Lambda.answer(AlarmEvents.sns(name, "ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        assertEquals("created", answer.path("outcome").asText(), "not taken for a forged change: " + answer);
    }

    @Test
    void aChangeOfTheHomeAccountInAnotherRegionIsTrustedToItsChannelAsTheRoleReadsOnlyItsOwnRegion() {
        String elsewhere = AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000")
                .replace("arn:aws:cloudwatch:us-east-1:", "arn:aws:cloudwatch:eu-west-1:");

        JsonNode answer = Lambda.answer(elsewhere);

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals(List.of(), cloudWatch().requests(DESCRIBE), "no read outside the function's Region");
    }

    @Test
    void aConfirmedChangeKeepsNoTimeLaterThanCloudWatchs() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2099-01-01T00:00:00.000+0000"));

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals(FIRED.getEpochSecond(), fake().requests(FlashdutyPaths.CREATE_PATH).get(0).body()
                .path("start_at_seconds").asLong());
    }

    @Test
    void aRecoveryThatCloudWatchShowsFiringChangesNothing() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        JsonNode answer = Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:05:00.000+0000"));

        assertEquals("ignored", answer.path("outcome").asText(), answer.toString());
        assertEquals("CloudWatch shows alarm " + AlarmEvents.NAME + " in ALARM since 2026-03-14T09:00:00Z: a forged"
                + " or stale recovery changes nothing", answer.path("reason").asText());
        assertEquals(Map.of(References.current().alarm(AlarmEvents.ARN), Membership.State.ALARM),
                states(fake().incidents().get(0)));
    }

    @Test
    void aRecoveryCloudWatchConfirmsGoesOnAtCloudWatchsTime() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().move(AlarmEvents.NAME, AlarmState.OK, Instant.parse("2026-03-14T09:04:00Z"));

        JsonNode answer = Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-12-31T00:00:00.000+0000"));

        assertEquals("updated", answer.path("outcome").asText(), answer.toString());
        assertTrue(fake().incidents().get(0).updates().get(0).description().endsWith(
                "`: OK since 2026-03-14 09:04:00 UTC"), fake().incidents().get(0).updates().get(0).description());
    }

    @Test
    void anotherAccountsChangeDatedAheadOfTheClockIsTakenBackToNow() {
        String ahead = AlarmEvents.sns("ALARM", "OK", "2099-01-01T00:00:00.000+0000")
                .replace("210987654321", "111122223333");

        assertEquals("created", Lambda.answer(ahead).path("outcome").asText());

        long start = fake().requests(FlashdutyPaths.CREATE_PATH).get(0).body().path("start_at_seconds").asLong();
        assertTrue(start < Instant.parse("2099-01-01T00:00:00Z").getEpochSecond() && start > FIRED.getEpochSecond(),
                "started at the function's clock, not in 2099: " + Instant.ofEpochSecond(start));
    }

    @Test
    void aBatchIsCheckedWithOneCallForAllItsAlarms() {
        String arn = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:";
        cloudWatch().metricAlarm(arn + "api-errors", AlarmState.ALARM, FIRED, "AWS/ApiGateway", "5XXError");
        cloudWatch().metricAlarm(arn + "api-latency", AlarmState.ALARM, FIRED, "AWS/ApiGateway", "Latency");

        JsonNode answer = Lambda.answer(AlarmEvents.sqsBatch(List.of("api-errors", "api-latency", "made-up"),
                "ALARM", "OK", "2026-03-14T09:00:00.000+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\": []}"), answer);
        assertEquals(List.of(Fixtures.json("{\"AlarmNames\":[\"api-errors\",\"api-latency\",\"made-up\"],"
                + "\"AlarmTypes\":[\"MetricAlarm\",\"CompositeAlarm\",\"LogAlarm\"],\"MaxRecords\":100}")),
                cloudWatch().requests(DESCRIBE).stream().map(call -> call.body()).toList());
        assertEquals(1, fake().incidents().size(), "api-latency joined the incident of api-errors; made-up opened"
                + " nothing");
        assertEquals(2, states(fake().incidents().get(0)).size());
    }

    @Test
    void aSweepFromAnotherAccountsRuleReadsNothingAndChangesNothing() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        ObjectNode sweep = (ObjectNode) Fixtures.json(AlarmEvents.sweep("2026-03-14T09:01:00Z"));
        sweep.put("account", "111122223333").putArray("resources")
                .add("arn:aws:events:us-east-1:111122223333:rule/statuspage-sync-sweep");

        JsonNode answer = Lambda.answer(sweep.toString());

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("a Scheduled Event sweeps only when its resources name the rule statuspage-sync-sweep of the"
                + " function's own account and Region", answer.path("reason").asText());
        assertEquals(List.of(), cloudWatch().requests());
        assertEquals(0, fake().incidents().size());
    }

    @Test
    void aSweepFromTheScheduleRuleReconcilesTheFunctionsOwnAccountWhateverItsBodyNames() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        ObjectNode sweep = (ObjectNode) Fixtures.json(AlarmEvents.sweep("2026-03-14T09:01:00Z"));
        sweep.put("account", "111122223333").put("region", "eu-west-1");

        JsonNode answer = Lambda.answer(sweep.toString());

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals(1, fake().incidents().size());
    }

    @Test
    void aRecoveryNeverDeliveredIsFoundByReferenceAndTheIncidentResolvesAfterTheQuietPeriod() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().move(AlarmEvents.NAME, AlarmState.OK, Instant.parse("2026-03-14T09:02:00Z"));
        int asked = cloudWatch().requests().size();

        JsonNode recorded = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));
        JsonNode resolved = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:07:00Z"));

        assertEquals("updated", recorded.path("outcome").asText(), recorded.toString());
        assertEquals(List.of("ALARM " + FakeCloudWatch.ALARM_TOPIC, "OK -", "ALARM -", "INSUFFICIENT_DATA -"),
                cloudWatch().requests(DESCRIBE).subList(asked, asked + 4).stream()
                        .map(call -> call.body().path("StateValue").asText() + " "
                                + call.body().path("ActionPrefix").asText("-")).toList(),
                "a reference is placed among every alarm of the scope, never asked for by name");
        assertEquals("resolved", resolved.path("outcome").asText(), resolved.toString());
        var incident = fake().incidents().get(0);
        assertEquals(Instant.parse("2026-03-14T09:02:00Z").getEpochSecond(),
                incident.updates().get(incident.updates().size() - 1).atSeconds());
    }

    @Test
    void aFiringAlarmListedByReferenceThatNoSourceWiresAnyMoreIsNoDeletedAlarm() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().actions(AlarmEvents.NAME, List.of("arn:aws:sns:us-east-1:210987654321:another-topic"));

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));

        assertEquals("ignored", swept.path("outcome").asText(), swept.toString());
        assertEquals(Map.of(References.current().alarm(AlarmEvents.ARN), Membership.State.ALARM),
                states(fake().incidents().get(0)));
    }

    @Test
    void anAlarmDeletedWhileListedByReferenceIsRecordedAsDeleted() {
        cloudWatch().metricAlarm(AlarmEvents.ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        cloudWatch().delete(AlarmEvents.NAME);

        JsonNode swept = Lambda.answer(AlarmEvents.sweep("2026-03-14T09:03:00Z"));

        String reference = References.current().alarm(AlarmEvents.ARN);
        assertEquals("updated", swept.path("outcome").asText(), swept.toString());
        assertTrue(swept.path("reason").asText().contains("alarm " + reference + " was deleted"), swept.toString());
        assertEquals(Map.of(reference, Membership.State.DELETED), states(fake().incidents().get(0)));
        assertEquals("resolved", Lambda.answer(AlarmEvents.sweep("2026-03-14T09:08:00Z")).path("outcome").asText());
    }

    private static Map<String, Membership.State> states(FakeFlashduty.Incident incident) {
        Map<String, Membership.State> states = new TreeMap<>();
        IncidentText.readAlarmList(incident.updates().get(0).description()).members()
                .forEach((key, member) -> states.put(key, member.state()));
        return states;
    }
}
