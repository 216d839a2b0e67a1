package dev.statuspagesync.handler;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every AWS payload fixture through the deployed handler: its outcome and the exact Flashduty request it causes. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class FixtureInvocationTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;


    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sns-single-metric-alarm.json         | created | incident opened for alarm checkout-api-high-cpu
            sns-metric-math-alarm.json           | created | incident opened for alarm orders-5xx-error-rate
            sns-anomaly-detection-alarm.json     | created | incident opened for alarm payments-latency-anomaly
            sns-composite-alarm.json             | created | incident opened for alarm storefront-degraded
            sns-non-ascii-description.json       | created | incident opened for alarm tokyo-api-errors
            sns-cdk-generated-name.json          | created | incident opened for alarm PaymentsServiceProdStack-PaymentsApiGatewayLatencyP99AlarmAE3F1C2B-1QX7ZK9M2N4P8
            sns-null-description.json            | created | incident opened for alarm nightly-report-lambda-errors
            eventbridge-single-metric-alarm.json | created | incident opened for alarm search-api-p90-latency
            alarm-action-metric-alarm.json       | created | incident opened for alarm ledger-db-free-storage
            alarm-action-composite-alarm.json    | created | incident opened for alarm checkout-journey-broken
            sns-legacy-format-alarm.json         | created | incident opened for alarm payments-queue-backlog
            sns-log-alarm.json                   | created | incident opened for alarm checkout-errors-in-logs
            sns-log-alarm-contributor.json       | created | incident opened for alarm checkout-errors-by-service
            sns-metrics-insights-contributor.json | created | incident opened for alarm checkout-tables-throttled
            sns-single-metric-ok.json            | ignored | no open incident for this alarm
            sns-insufficient-data.json           | ignored | INSUFFICIENT_DATA is ignored (STATUSPAGE_INSUFFICIENT_DATA=ignore)
            eventbridge-metric-math-ok.json      | ignored | no open incident for this alarm
            eventbridge-composite-suppressed.json | ignored | alarm actions are suppressed, so this is not an outage
            eventbridge-muted-alarm.json         | ignored | alarm actions are muted by alarm mute rule search-reindex-window until 2026-03-14T23:30:00.000+0000 (planned work), so this is not an outage
            eventbridge-scheduled-event.json     | ignored | sweep at 2026-03-14T09:40:00Z: nothing resolved
            eventbridge-configuration-change.json | ignored | EventBridge detail-type 'CloudWatch Alarm Configuration Change' is not an alarm state change
            eventbridge-alarm-deleted.json       | ignored | no open incident for this alarm
            sns-plain-text-message.json          | ignored | SNS message is plain text, not a CloudWatch alarm
            sns-unrelated-json.json              | ignored | JSON payload is not a CloudWatch alarm change
            """)
    void answersEachFixtureWithItsOutcome(String fixture, String outcome, String reason) {
        JsonNode answer = Lambda.answer(Fixtures.event(fixture));

        assertEquals(outcome, answer.path("outcome").asText());
        assertEquals(reason, answer.path("reason").asText());
        List<FakeFlashduty.Recorded> creates = fake().requests(CREATE);
        if (outcome.equals("created")) {
            assertEquals(1, creates.size(), "one create call");
            assertEquals(fake().incidents().get(0).changeId(), answer.path("change_id").asLong());
            assertEquals(APP_KEY, creates.get(0).query().get("app_key"));
            JsonNode expected = Fixtures.expectedCreate(fixture);
            assertNotNull(expected, "no expected body in expected/" + fixture + "; actual:\n" + creates.get(0).body());
            assertEquals(expected, creates.get(0).body());
        } else {
            assertEquals(List.of(), fake().requests().stream().filter(r -> r.method().equals("POST")).toList(),
                    "an ignored change writes nothing");
            assertEquals(true, answer.path("change_id").isNull());
        }
    }

    @Test
    void ignoresRepeatedAlarmWhileItsIncidentIsOpen() {
        String firing = Fixtures.event("sns-single-metric-alarm.json");
        long changeId = Lambda.answer(firing).path("change_id").asLong();

        JsonNode again = Lambda.answer(firing);

        assertEquals("ignored", again.path("outcome").asText());
        assertEquals("incident " + changeId + " is already open for this alarm", again.path("reason").asText());
        assertEquals(changeId, again.path("change_id").asLong());
        assertEquals(1, fake().requests(CREATE).size());
        assertEquals(4, fake().requests(FlashdutyPaths.ACTIVE_LIST_PATH).size(),
                "open incidents and maintenances before the create, incidents after it, and for the repeat");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sqs-sns-envelope-batch.json | sqs-sns-envelope-batch.json
            sqs-raw-delivery.json       | sqs-raw-delivery.json
            """)
    void answersSqsBatchWithNoFailuresWhenEveryRecordIsHandled(String fixture, String expectedBody) {
        JsonNode answer = Lambda.answer(Fixtures.event(fixture));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        List<FakeFlashduty.Recorded> creates = fake().requests(CREATE);
        assertEquals(1, creates.size());
        JsonNode expected = Fixtures.expectedCreate(expectedBody);
        assertNotNull(expected, "no expected body in expected/" + expectedBody + "; actual:\n" + creates.get(0).body());
        assertEquals(expected, creates.get(0).body());
    }


    @Test
    void ignoresAPayloadThatIsNotUtf8WithItsReasonAndCallsNothing() {
        // "é" as the single Latin-1 byte 0xE9, which no UTF-8 sequence may contain here.
        byte[] event = "{\"AlarmName\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        JsonNode answer = Fixtures.json(Lambda.invoke(event).then().statusCode(200).extract().asString());

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("invocation payload is not a JSON object", answer.path("reason").asText());
        assertEquals(0, fake().requests().size());
    }
}
