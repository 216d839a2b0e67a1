package dev.statuspagesync.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.support.Fixtures;

/** Every envelope shape normalises to the same alarm record; everything else becomes a reasoned skip. */
class EnvelopeReaderTest {

    private final EnvelopeReader reader = new EnvelopeReader(Fixtures.JSON);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sns-single-metric-alarm.json          | SNS          | checkout-api-high-cpu       | us-east-1      | ALARM             | OK                | 2026-03-14T09:26:53.304Z
            sns-single-metric-ok.json             | SNS          | checkout-api-high-cpu       | us-east-1      | OK                | ALARM             | 2026-03-14T09:46:53.118Z
            sns-metric-math-alarm.json            | SNS          | orders-5xx-error-rate       | eu-west-1      | ALARM             | OK                | 2026-03-14T10:03:12.877Z
            sns-anomaly-detection-alarm.json      | SNS          | payments-latency-anomaly    | us-west-2      | ALARM             | OK                | 2026-03-14T11:15:40.512Z
            sns-composite-alarm.json              | SNS          | storefront-degraded         | us-east-1      | ALARM             | OK                | 2026-03-14T12:00:31.940Z
            sns-insufficient-data.json            | SNS          | batch-queue-depth           | us-east-2      | INSUFFICIENT_DATA | OK                | 2026-03-14T13:20:05.004Z
            sns-non-ascii-description.json        | SNS          | tokyo-api-errors            | ap-northeast-1 | ALARM             | OK                | 2026-03-14T14:31:02.660Z
            sns-null-description.json             | SNS          | nightly-report-lambda-errors | us-east-1     | ALARM             | OK                | 2026-03-14T02:06:10.333Z
            eventbridge-single-metric-alarm.json  | EVENTBRIDGE  | search-api-p90-latency      | us-east-1      | ALARM             | OK                | 2026-03-14T17:00:21.159Z
            eventbridge-metric-math-ok.json       | EVENTBRIDGE  | orders-5xx-error-rate       | eu-west-1      | OK                | ALARM             | 2026-03-14T10:41:12.506Z
            eventbridge-composite-suppressed.json | EVENTBRIDGE  | storefront-degraded         | us-east-1      | ALARM             | OK                | 2026-03-14T18:10:02.120Z
            alarm-action-metric-alarm.json        | ALARM_ACTION | ledger-db-free-storage      | ap-southeast-2 | ALARM             | OK                | 2026-03-14T20:05:33.480Z
            alarm-action-composite-alarm.json     | ALARM_ACTION | checkout-journey-broken     | us-east-1      | ALARM             | OK                | 2026-03-14T21:00:10.210Z
            sns-legacy-format-alarm.json          | SNS          | payments-queue-backlog      | eu-west-1      | ALARM             | OK                | 2026-03-15T07:12:40.118Z
            sqs-sns-envelope-legacy-format.json   | SNS          | payments-queue-backlog      | eu-west-1      | OK                | ALARM             | 2026-03-15T07:31:05.902Z
            sns-log-alarm.json                    | SNS          | checkout-errors-in-logs     | us-east-1      | ALARM             | OK                | 2026-03-14T09:35:04.118Z
            sns-log-alarm-contributor.json        | SNS          | checkout-errors-by-service  | us-east-1      | ALARM             | OK                | 2026-03-14T09:35:04.118Z
            sns-metrics-insights-contributor.json | SNS          | checkout-tables-throttled   | us-east-1      | ALARM             | OK                | 2026-03-14T09:30:12.417Z
            """)
    void readsEveryAlarmEnvelopeIntoOneRecord(String fixture, Envelope envelope, String name, String region,
            AlarmState state, AlarmState previous, String time) {
        AlarmChange alarm = onlyAlarm(fixture);

        assertEquals(envelope, alarm.envelope());
        assertEquals(name, alarm.name());
        assertEquals("arn:aws:cloudwatch:" + region + ":210987654321:alarm:" + name, alarm.arn());
        assertEquals("210987654321", alarm.accountId());
        assertEquals(region, alarm.region());
        assertEquals(state, alarm.newState());
        assertEquals(previous, alarm.previousState());
        assertEquals(Instant.parse(time), alarm.stateTime());
    }

    @Test
    void readsTheMuteRuleThatHoldsAnAlarmsActions() {
        AlarmChange muted = onlyAlarm("eventbridge-muted-alarm.json");

        assertEquals("alarm mute rule search-reindex-window until 2026-03-14T23:30:00.000+0000", muted.mutedBy());
        assertEquals(AlarmState.ALARM, muted.newState());
        assertNull(onlyAlarm("eventbridge-single-metric-alarm.json").mutedBy());
    }

    @Test
    void readsAContributorStateChangeAsAChangeOfOneTimeSeries() {
        AlarmChange change = onlyAlarm("eventbridge-contributor-alarm.json");

        assertEquals("checkout-tables-throttled", change.name());
        assertEquals(new AlarmChange.Contributor("9f2c07a4e1b35d68", Map.of("TableName", "checkout-orders")),
                change.contributor());
        assertEquals(MemberKey.of("arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-tables-throttled",
                "9f2c07a4e1b35d68"), change.memberKey());
        assertEquals(AlarmState.ALARM, change.newState());
        assertNull(change.previousState(), "a contributor event has no previousState");
        assertEquals(Instant.parse("2026-03-14T09:30:12.417Z"), change.stateTime());
        assertEquals(List.of("SELECT SUM(WriteThrottleEvents) FROM \"AWS/DynamoDB\" GROUP BY TableName ORDER BY SUM()"
                + " DESC"), change.metrics().metrics());
        assertNull(onlyAlarm("eventbridge-multi-time-series-alarm.json").contributor(), "the alarm's own change");
    }

    @Test
    void readsAnSnsNotificationOfOneContributorAsAChangeOfThatTimeSeries() {
        AlarmChange change = onlyAlarm("sns-metrics-insights-contributor.json");

        assertEquals(new AlarmChange.Contributor("9f2c07a4e1b35d68", Map.of("TableName", "checkout-orders")),
                change.contributor());
        assertEquals(MemberKey.of("arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-tables-throttled",
                "9f2c07a4e1b35d68"), change.memberKey());
        assertEquals(AlarmState.OK, change.previousState());
        assertNull(onlyAlarm("sns-single-metric-alarm.json").contributor(), "a notification of the whole alarm");
    }

    @Test
    void readsALogAlarmWithoutTriggerAndNeverItsReasonData() {
        AlarmChange single = onlyAlarm("sns-log-alarm.json");
        AlarmChange contributor = onlyAlarm("sns-log-alarm-contributor.json");

        assertEquals(MetricSummary.NONE, single.metrics(), "a log alarm has no metric");
        assertEquals("Threshold Crossed: the scheduled query's result (42.0) was greater than the threshold (10.0).",
                single.reason());
        assertFalse(single.toString().contains("4111"), "the log lines of NewStateReasonData are never read");
        assertNull(single.contributor());
        assertEquals(new AlarmChange.Contributor("c4e8a1f07b29d356", Map.of("service", "checkout-payments")),
                contributor.contributor());
    }

    @ParameterizedTest(name = "AlarmTagsStatus {0}")
    @CsvSource(delimiter = '|', nullValues = "absent", textBlock = """
            SUCCESS             | true  | absent
            absent              | false | tags not propagated whole: no AlarmTagsStatus
            FAILURE             | false | tags not propagated whole: AlarmTagsStatus FAILURE
            PARTIAL             | false | tags not propagated whole: AlarmTagsStatus PARTIAL
            'FAILED; see <url>' | false | tags not propagated whole: an AlarmTagsStatus other than SUCCESS
            """)
    void readsTheTagsOfAnSnsNotificationOnlyWhenTheyAreWhole(String status, boolean read, String setAside) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-alarm-tags.json");
        ObjectNode sns = (ObjectNode) event.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        if (status == null) {
            message.remove("AlarmTagsStatus");
        } else {
            message.put("AlarmTagsStatus", status);
        }
        sns.put("Message", message.toString());

        AlarmChange alarm = onlyAlarm(event);

        assertEquals(read ? Map.of("team", "checkout", "statuspage", "public") : Map.of(), alarm.tags());
        assertEquals(setAside, alarm.tagsSetAside(), "why the payload's tags were set aside");
    }

    @ParameterizedTest(name = "AlarmTags {0}")
    @CsvSource(delimiter = '|', textBlock = """
            '[{"Key":"team","Value":"checkout"}]' | team=checkout
            '"team=checkout"'                      | ''
            '42'                                   | ''
            '{"team":{"nested":true}}'             | team=
            """)
    void readsTagsOfAnyShapeWithoutEverDroppingTheChange(String tags, String expected) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-alarm-tags.json");
        ObjectNode sns = (ObjectNode) event.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        message.set("AlarmTags", Fixtures.json(tags));
        sns.put("Message", message.toString());

        AlarmChange alarm = onlyAlarm(event);

        assertEquals(AlarmState.ALARM, alarm.newState());
        assertEquals(expected.isEmpty() ? Map.of() : Map.of(expected.split("=", -1)[0], expected.split("=", -1)[1]),
                alarm.tags());
    }

    @Test
    void skipsAContributorNotificationCloudWatchCouldNotHaveSent() {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-metrics-insights-contributor.json");
        ObjectNode sns = (ObjectNode) event.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        ObjectNode longId = message.deepCopy().put("AlarmContributorId", "c".repeat(1_025));
        ObjectNode manyAttributes = message.deepCopy();
        for (int i = 0; i < 31; i++) {
            ((ObjectNode) manyAttributes.path("AlarmContributorAttributes")).put("key" + i, "value");
        }
        ObjectNode backtick = message.deepCopy().put("AlarmContributorId", "9f2c`07a4");
        ObjectNode attributesOnly = message.deepCopy();
        attributesOnly.remove("AlarmContributorId");

        sns.put("Message", longId.toString());
        assertEquals(List.of(new Inbound.Skipped("alarm contributor message has no readable contributor id", null)),
                reader.read(event));
        sns.put("Message", manyAttributes.toString());
        assertEquals(List.of(new Inbound.Skipped("alarm contributor message has 32 attributes; CloudWatch's have at"
                + " most 30", null)), reader.read(event));
        sns.put("Message", backtick.toString());
        assertEquals(List.of(new Inbound.Skipped("alarm contributor message has no readable contributor id", null)),
                reader.read(event));
        sns.put("Message", attributesOnly.toString());
        assertEquals(List.of(new Inbound.Skipped("alarm contributor message has no readable contributor id", null)),
                reader.read(event));
    }

    @Test
    void readsTheDeletionOfAnAlarmAsItsRecoveryAtTheEventsTime() {
        AlarmChange deleted = onlyAlarm("eventbridge-alarm-deleted.json");

        assertEquals("arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu", deleted.arn());
        assertEquals(AlarmState.OK, deleted.newState());
        assertEquals(true, deleted.deleted());
        assertEquals(Instant.parse("2026-03-14T09:50:00Z"), deleted.stateTime(), "the deletion, not the last state");
        assertEquals(Envelope.EVENTBRIDGE, deleted.envelope());
    }

    @Test
    void skipsAContributorEventWithoutAContributorId() {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-contributor-alarm.json");
        ((ObjectNode) event.path("detail").path("alarmContributor")).put("id", " ");

        assertEquals(List.of(new Inbound.Skipped("alarm contributor event has no readable contributor id", null)),
                reader.read(event));
    }

    @Test
    void readsTheScheduledEventAsASweepAtItsTime() {
        var items = reader.read(Fixtures.eventJson("eventbridge-scheduled-event.json"));

        assertEquals(List.of(new Inbound.Sweep(Instant.parse("2026-03-14T09:40:00Z"), "210987654321", "us-east-1",
                List.of("arn:aws:events:us-east-1:210987654321:rule/statuspage-sync-sweep"), null)), items);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "yesterday", "2026-03-14 09:40" })
    void skipsAScheduledEventWithoutAReadableTime(String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-scheduled-event.json");
        event.put("time", time);

        var skipped = assertInstanceOf(Inbound.Skipped.class, reader.read(event).get(0));

        assertEquals("Scheduled Event without a readable time (" + time + "); the next one sweeps", skipped.reason());
    }

    @Test
    void skipsAScheduledEventThatATopicOrAQueueCarries() {
        String schedule = Fixtures.read("events/eventbridge-scheduled-event.json");
        ObjectNode sns = (ObjectNode) Fixtures.eventJson("sns-single-metric-alarm.json");
        ((ObjectNode) sns.path("Records").get(0).path("Sns")).put("Message", schedule);
        ObjectNode sqs = (ObjectNode) Fixtures.eventJson("sqs-raw-delivery.json");
        ((ObjectNode) sqs.path("Records").get(0)).put("body", schedule);

        for (JsonNode carried : List.of(sns, sqs)) {
            var skipped = assertInstanceOf(Inbound.Skipped.class, reader.read(carried).get(0));
            assertEquals("a Scheduled Event arrives only by direct invocation, not in an SNS or SQS message",
                    skipped.reason());
        }
    }

    @Test
    void skipsAnotherEventOfTheSchedulesSource() {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-scheduled-event.json");
        event.put("detail-type", "Scheduled Event Extra");

        assertInstanceOf(Inbound.Skipped.class, reader.read(event).get(0));
    }

    @Test
    void readsSingleMetricTriggerWithLowerCaseDimensionKeys() {
        MetricSummary metrics = onlyAlarm("sns-single-metric-alarm.json").metrics();

        assertEquals(new MetricSummary("AWS/EC2", List.of("CPUUtilization"), Map.of("InstanceId", "i-0a1b2c3d4e5f60718")),
                metrics);
    }

    @Test
    void readsMetricMathTriggerWithoutMetricName() {
        MetricSummary metrics = onlyAlarm("sns-metric-math-alarm.json").metrics();

        assertEquals("AWS/ApplicationELB", metrics.namespace());
        assertEquals(List.of("100 * errors / requests", "HTTPCode_Target_5XX_Count", "RequestCount"), metrics.metrics());
        assertEquals(Map.of("LoadBalancer", "orders-alb/50dc6c495c0c9188"), metrics.dimensions());
    }

    @Test
    void readsAnomalyDetectionBand() {
        MetricSummary metrics = onlyAlarm("sns-anomaly-detection-alarm.json").metrics();

        assertEquals(List.of("Latency", "ANOMALY_DETECTION_BAND(m1, 2)"), metrics.metrics());
    }

    @Test
    void readsCompositeRuleAndNoMetrics() {
        AlarmChange alarm = onlyAlarm("sns-composite-alarm.json");

        assertEquals("ALARM(\"storefront-5xx-high\") OR ALARM(\"storefront-p99-latency-high\")", alarm.compositeRule());
        assertTrue(alarm.metrics().isEmpty());
        assertFalse(alarm.actionsSuppressed());
    }

    @Test
    void readsEventBridgeDimensionsObjectAndAlarmTags() {
        AlarmChange alarm = onlyAlarm("eventbridge-single-metric-alarm.json");

        assertEquals(List.of("Latency"), alarm.metrics().metrics());
        assertEquals(List.of("Service", "Environment"), List.copyOf(alarm.metrics().dimensions().keySet()));
        assertEquals(Map.of("team", "search", "statuspage", "public"), alarm.tags());
        assertEquals("p90 latency of search is above 500 ms.", alarm.description());
    }

    @Test
    void marksSuppressedCompositeActions() {
        AlarmChange alarm = onlyAlarm("eventbridge-composite-suppressed.json");

        assertTrue(alarm.actionsSuppressed());
        assertNull(alarm.description());
    }

    @Test
    void keepsNonAsciiDescriptionIntact() {
        assertEquals("東京リージョンの API で 5xx エラーが増加しています — Fehlerquote über Schwellwert 🚨",
                onlyAlarm("sns-non-ascii-description.json").description());
    }

    @Test
    void readsNullDescriptionAsAbsent() {
        assertNull(onlyAlarm("sns-null-description.json").description());
    }

    @Test
    void readsSqsBatchOfSnsEnvelopesKeepingMessageIds() {
        List<Inbound> items = reader.read(Fixtures.eventJson("sqs-sns-envelope-batch.json"));

        assertEquals(2, items.size());
        var confirmation = assertInstanceOf(Inbound.Skipped.class, items.get(0));
        assertEquals("SNS SubscriptionConfirmation message, not an alarm", confirmation.reason());
        assertEquals("a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b", confirmation.messageId());
        var alarm = assertInstanceOf(Inbound.Alarm.class, items.get(1));
        assertEquals("inventory-sync-lag", alarm.change().name());
        assertEquals(Envelope.SNS, alarm.change().envelope());
        assertEquals("a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b", alarm.messageId());
        assertTrue(EnvelopeReader.isSqsEvent(Fixtures.eventJson("sqs-sns-envelope-batch.json")));
    }

    @Test
    void readsSqsRawDeliveryBody() {
        List<Inbound> items = reader.read(Fixtures.eventJson("sqs-raw-delivery.json"));

        var alarm = assertInstanceOf(Inbound.Alarm.class, items.get(0));
        assertEquals("inventory-sync-lag", alarm.change().name());
        assertEquals("b2c3d4e5-0001-4f6a-9b0c-1d2e3f4a5b6c", alarm.messageId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sns-plain-text-message.json           | SNS message is plain text, not a CloudWatch alarm
            sns-unrelated-json.json               | JSON payload is not a CloudWatch alarm change
            eventbridge-configuration-change.json | EventBridge detail-type 'CloudWatch Alarm Configuration Change' is not an alarm state change
            """)
    void skipsNonAlarmMessagesWithReason(String fixture, String reason) {
        List<Inbound> items = reader.read(Fixtures.eventJson(fixture));

        assertEquals(List.of(new Inbound.Skipped(reason, null)), items);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "\"text\"",
            "{\"Records\":[]}",
            "{\"Records\":[{\"eventSource\":\"aws:kinesis\"}]}",
            "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":\"\"}}]}",
            "{\"AlarmName\":\"x\",\"NewStateValue\":\"ALARM\",\"AlarmArn\":\"not-an-arn\"}",
            "{\"AlarmName\":\"x\",\"NewStateValue\":\"SOMETHING\",\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:1:alarm:x\"}",
            "{\"AlarmName\":{\"nested\":true},\"NewStateValue\":\"ALARM\",\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:1:alarm:x\"}",
            "{\"detail-type\":\"CloudWatch Alarm State Change\",\"source\":\"aws.cloudwatch\",\"detail\":{\"state\":{\"value\":\"ALARM\"}}}",
            "{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{}}"
    })
    void skipsMalformedOrForeignPayloadsWithoutThrowing(String payload) {
        List<Inbound> items = reader.read(Fixtures.json(payload));

        assertEquals(1, items.size());
        var skipped = assertInstanceOf(Inbound.Skipped.class, items.get(0));
        assertFalse(skipped.reason().isBlank());
    }

    @Test
    void takesRegionAndAccountFromTheArnNotTheDisplayName() {
        JsonNode event = Fixtures.eventJson("sns-non-ascii-description.json");

        AlarmChange alarm = ((Inbound.Alarm) reader.read(event).get(0)).change();

        assertEquals("ap-northeast-1", alarm.region());
        assertEquals("aws", alarm.partition());
    }

    @Test
    void derivesTheArnOfAnOlderFormatNotificationAsACurrentOneOfTheSameAlarmNamesIt() {
        JsonNode legacy = Fixtures.eventJson("sns-legacy-format-alarm.json");
        ObjectNode current = legacy.deepCopy();
        ObjectNode sns = (ObjectNode) current.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        message.put("AlarmArn", "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:payments-queue-backlog");
        sns.put("Message", message.toString());

        AlarmChange derived = onlyAlarm(legacy);
        AlarmChange named = onlyAlarm(current);

        assertEquals(named.arn(), derived.arn());
        assertEquals(named.region(), derived.region());
        assertEquals(named.accountId(), derived.accountId());
    }

    @Test
    void skipsAnOlderFormatAlarmDeliveredRawBecauseNoTopicNamesItsRegion() {
        List<Inbound> items = reader.read(Fixtures.eventJson("sqs-raw-delivery-legacy-format.json"));

        assertEquals(List.of(new Inbound.Skipped("alarm payload has no AlarmArn, and no SNS topic to derive it from"
                + " (raw message delivery)", "b2c3d4e5-0002-4f6a-9b0c-1d2e3f4a5b6c")), items);
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            payments-queue-backlog | 21098765432  | arn:aws:sns:eu-west-1:210987654321:ops
            payments-queue-backlog | null         | arn:aws:sns:eu-west-1:210987654321:ops
            ' '                    | 210987654321 | arn:aws:sns:eu-west-1:210987654321:ops
            payments-queue-backlog | 210987654321 | arn:aws:sqs:eu-west-1:210987654321:ops
            payments-queue-backlog | 210987654321 | arn:aws:sns:EU - Ireland:210987654321:ops
            payments-queue-backlog | 210987654321 | ops-alarms
            """)
    void derivesNoArnFromAnIncompleteNameAccountOrTopic(String name, String account, String topic) {
        assertEquals(Optional.empty(), AlarmArn.derive(name, account, topic));
    }

    @Test
    void derivesTheArnInTheTopicsPartition() {
        assertEquals(Optional.of("arn:aws-cn:cloudwatch:cn-north-1:210987654321:alarm:team:api"),
                AlarmArn.derive("team:api", "210987654321", "arn:aws-cn:sns:cn-north-1:210987654321:ops"));
    }

    @Test
    void keepsColonsInsideAlarmNamesOfTheArn() {
        var arn = AlarmArn.parse("arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:team:api:latency").orElseThrow();

        assertEquals(new AlarmArn("aws-cn", "cn-north-1", "123456789012", "team:api:latency"), arn);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-14T09:26:53.304+0000, 2026-03-14T09:26:53.304Z",
            "2026-03-14T09:26:53.304+00:00, 2026-03-14T09:26:53.304Z",
            "2026-03-14T11:26:53.304+0200, 2026-03-14T09:26:53.304Z",
            "2026-03-14T09:26:53Z, 2026-03-14T09:26:53Z"
    })
    void parsesEveryCloudWatchTimestampSpelling(String value, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parse(value));
    }

    @Test
    void answersNullForUnreadableTimestamp() {
        assertNull(Timestamps.parse("Saturday 14 March"));
    }

    private AlarmChange onlyAlarm(String fixture) {
        return onlyAlarm(Fixtures.eventJson(fixture));
    }

    private AlarmChange onlyAlarm(JsonNode event) {
        List<Inbound> items = reader.read(event);
        assertEquals(1, items.size());
        return assertInstanceOf(Inbound.Alarm.class, items.get(0)).change();
    }
}
