package dev.statuspagesync.published;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Status-page events that pipelines and people publish, through every delivery path: checked before any call,
 * created once however often delivery repeats, and refused with the field and the rule when they break one.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class PublishedEventTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    /** The channels for published events that the test configuration lists (STATUSPAGE_EVENT_CHANNELS). */
    static final String EVENTS_TOPIC = "arn:aws:sns:us-east-1:210987654321:statuspage-events";
    static final String EVENTS_QUEUE = "arn:aws:sqs:us-east-1:210987654321:statuspage-events-buffer";
    /**
     * The events topic's opaque name under the test reference key, which scopes the keys of the events it carries.
     * Pinned: a key once written must be found again by every later release.
     */
    static final String TOPIC_SCOPE = "ch-ttcqpmmfkp/";
    /** The alarm topic of the fixtures. */
    static final String ALARM_TOPIC = "arn:aws:sns:us-east-1:210987654321:ops-alarms";

    @Test
    void rejectsAnEventPublishedToTheAlarmTopicAndWritesNothing() {
        Response answer = Lambda.invoke(sns(Fixtures.read("published/maintenance-window.json"),
                "5c7e9a1b-3d2f-4e6a-8b0c-9d1e2f3a4b5c", ALARM_TOPIC));
        assertEquals("rejected: a status-page event arrived on " + ALARM_TOPIC + ", which is not a channel for"
                + " published events: publish to one listed in STATUSPAGE_EVENT_CHANNELS or invoke the function"
                + " directly; the alarm channel takes alarms only",
                Lambda.failureOf(answer));
        assertEquals(List.of(), fake().requests(), "no call at all");
    }

    @Test
    void rejectsAnEventOnTheAlarmQueueThoughItsBodyNamesTheEventsTopic() {
        ObjectNode batch = (ObjectNode) Fixtures.eventJson("sqs-raw-delivery.json");
        ObjectNode record = (ObjectNode) batch.path("Records").get(0);
        ObjectNode envelope = (ObjectNode) Fixtures.json(Fixtures.eventJson("sqs-sns-envelope-batch.json")
                .path("Records").get(1).path("body").asText());
        envelope.put("TopicArn", EVENTS_TOPIC).put("Message", Fixtures.read("published/maintenance-window.json"));
        record.put("messageId", "forged").put("body", envelope.toString());
        ((ArrayNode) batch.path("Records")).removeAll().add(record);

        JsonNode answer = Lambda.answer(batch.toString());

        assertEquals(Fixtures.json("{\"batchItemFailures\": [{\"itemIdentifier\": \"forged\"}]}"), answer);
        assertEquals(List.of(), fake().requests(CREATE));
    }


    @Test
    void createsAMaintenanceWindowPublishedToTheTopicOnceThoughSnsDeliversItTwice() {
        String event = sns(Fixtures.read("published/maintenance-window.json"), "6b1e3c5a-0d2f-5e8a-9c47-1f2e3d4c5b6a");

        JsonNode first = Lambda.answer(event);
        JsonNode again = Lambda.answer(event);

        assertEquals("created", first.path("outcome").asText());
        assertEquals("maintenance \"Database upgrade\" created (key " + TOPIC_SCOPE + "release-2026.12.03-db-upgrade)",
                first.path("reason").asText());
        assertEquals("ignored", again.path("outcome").asText());
        assertEquals("maintenance \"Database upgrade\" already exists as event " + first.path("change_id")
                + " (key " + TOPIC_SCOPE + "release-2026.12.03-db-upgrade)", again.path("reason").asText());
        assertEquals(1, fake().requests(CREATE).size());
        JsonNode body = fake().requests(CREATE).get(0).body();
        assertEquals(FakeFlashdutyResource.PAGE_ID, body.path("page_id").asLong(), "the configured page");
        assertEquals("We are upgrading the primary database to a new major version. Writes pause for up to 10 "
                + "minutes.\n\nEvent key: `" + TOPIC_SCOPE + "release-2026.12.03-db-upgrade`",
                body.path("description").asText());
        assertEquals(Fixtures.json("""
                {"status": "scheduled", "start_at_seconds": 1796277600, "close_at_seconds": 1796284800,
                 "auto_update_by_schedule": true, "notify_subscribers": true, "linked_changes": ["deploy-8841"]}"""),
                pick(body, "status", "start_at_seconds", "close_at_seconds", "auto_update_by_schedule",
                        "notify_subscribers", "linked_changes"));
        var maintenance = fake().incidents().get(0);
        assertEquals("maintenance", maintenance.type());
        assertEquals("under_maintenance", maintenance.components().get(FakeFlashdutyResource.DB_COMPONENT));
    }

    @Test
    void createsARetrospectiveIncidentInvokedDirectlyAndFindsItClosedWhenInvokedAgain() {
        String event = Fixtures.read("published/retrospective-incident.json");

        JsonNode first = Lambda.answer(event);
        JsonNode again = Lambda.answer(event);

        assertEquals("created", first.path("outcome").asText());
        assertEquals("ignored", again.path("outcome").asText(), again.toString());
        assertEquals(1, fake().requests(CREATE).size());
        assertTrue(fake().requests(FlashdutyPaths.LIST_PATH).get(0).query().get("status").equals("resolved"),
                "a retrospective event is created closed, so it is looked for among closed ones");
        var incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(List.of("investigating", "resolved"),
                incident.updates().stream().map(update -> update.status()).toList());
        assertEquals(1795615320L, incident.updates().get(0).atSeconds());
        assertEquals(Fixtures.json("[2476301]"), fake().requests(CREATE).get(0).body().get("responders"));
        fake().requests(CREATE).get(0).body().path("updates").forEach(update -> assertTrue(update.path("description")
                .asText().endsWith("\n\nEvent key: `postmortem-2026-11-25-checkout`") || update.path("description").asText()
                .equals("Event key: `postmortem-2026-11-25-checkout`"), "every update carries the key line: " + update));
    }

    @Test
    void aPublisherOnAnotherChannelCannotTakeAnEventsKey() {
        String message = Fixtures.read("published/maintenance-window.json");
        ObjectNode batch = (ObjectNode) Fixtures.eventJson("sqs-raw-delivery.json");
        ObjectNode record = ((ObjectNode) batch.path("Records").get(0)).put("messageId", "q1")
                .put("eventSourceARN", EVENTS_QUEUE).put("body", message);
        ((ArrayNode) batch.path("Records")).removeAll().add(record);

        JsonNode onTheQueue = Lambda.answer(batch.toString());
        JsonNode onTheTopic = Lambda.answer(sns(message, "6b1e3c5a-0d2f-5e8a-9c47-1f2e3d4c5b6a"));

        assertEquals(Fixtures.json("{\"batchItemFailures\": []}"), onTheQueue);
        assertEquals("created", onTheTopic.path("outcome").asText(), "the queue's event holds the queue's key");
        var keys = fake().requests(CREATE).stream().map(request -> request.body().path("description").asText()
                .lines().reduce((first, last) -> last).orElseThrow()).toList();
        assertEquals(2, keys.size());
        assertNotEquals(keys.get(0), keys.get(1));
        assertEquals("Event key: `" + TOPIC_SCOPE + "release-2026.12.03-db-upgrade`", keys.get(1));
    }

    @Test
    void anEventKeyedBeforeKeysWereScopedIsFoundAgain() {
        ObjectNode earlier = (ObjectNode) Fixtures.json(Fixtures.read("published/maintenance-window.json"));
        earlier.remove(List.of("kind", "client_key"));
        // As an earlier release wrote it: the key line, unscoped, ends the description and the first update.
        String keyLine = "\n\nEvent key: `release-2026.12.03-db-upgrade`";
        earlier.put("page_id", FakeFlashdutyResource.PAGE_ID).put("description", earlier.path("description").asText()
                + keyLine);
        ObjectNode first = (ObjectNode) earlier.path("updates").get(0);
        first.put("description", first.path("description").asText() + keyLine);
        long created = fake().handle("POST", CREATE, java.util.Map.of("app_key", FakeFlashdutyResource.APP_KEY),
                earlier).path("data").path("change_id").asLong();

        JsonNode again = Lambda.answer(sns(Fixtures.read("published/maintenance-window.json"),
                "6b1e3c5a-0d2f-5e8a-9c47-1f2e3d4c5b6a"));

        assertEquals("ignored", again.path("outcome").asText(), again.toString());
        assertEquals(created, again.path("change_id").asLong());
        assertEquals(1, fake().requests(CREATE).size(), "the earlier event alone");
    }

    @Test
    void anEventOnAComponentNoRouteNamesIsRejectedBeforeAnyCall() {
        ObjectNode message = (ObjectNode) Fixtures.json(Fixtures.read("published/maintenance-window.json"));
        ((ObjectNode) message.path("updates").get(0).path("component_changes").get(0))
                .put("component_id", "01KC3GZZZZZZZZZZZZZZZZZZZZ");

        Response answer = Lambda.invoke(message.toString());
        assertEquals("rejected: status-page event not allowed: updates[0].component_changes:"
                + " 01KC3GZZZZZZZZZZZZZZZZZZZZ is not a component of the page's routes or STATUSPAGE_EVENT_COMPONENTS",
                Lambda.failureOf(answer));
        assertEquals(List.of(), fake().requests(), "no call at all");
    }

    @Test
    void keysAnEventWithoutClientKeyByItsSnsMessageId() {
        ObjectNode message = (ObjectNode) Fixtures.json(Fixtures.read("published/maintenance-window.json"));
        message.remove("client_key");

        JsonNode first = Lambda.answer(sns(message.toString(), "0c4f8a2e-7b1d-5f3a-8e6c-2d9b4a7f1e3c"));
        JsonNode again = Lambda.answer(sns(message.toString(), "0c4f8a2e-7b1d-5f3a-8e6c-2d9b4a7f1e3c"));
        JsonNode another = Lambda.answer(sns(message.toString(), "9a8b7c6d-5e4f-5a3b-9c2d-1e0f9a8b7c6d"));

        assertEquals("maintenance \"Database upgrade\" created (key " + TOPIC_SCOPE
                + "sns:0c4f8a2e-7b1d-5f3a-8e6c-2d9b4a7f1e3c)",
                first.path("reason").asText());
        assertEquals("ignored", again.path("outcome").asText());
        assertEquals("created", another.path("outcome").asText(), "another publication is another event");
        assertEquals(2, fake().requests(CREATE).size());
    }

    @Test
    void keysAnEventWithNeitherByItsContent() {
        ObjectNode message = (ObjectNode) Fixtures.json(Fixtures.read("published/maintenance-window.json"));
        message.remove("client_key");

        JsonNode first = Lambda.answer(message.toString());
        JsonNode again = Lambda.answer(message.toString());

        assertTrue(first.path("reason").asText().matches(
                "maintenance \"Database upgrade\" created \\(key sha256:[0-9a-f]{24}\\)"), first.toString());
        assertEquals("ignored", again.path("outcome").asText());
        assertEquals(1, fake().requests(CREATE).size());
    }

    @Test
    void refusesAnEventThatBreaksARuleWithoutCallingFlashduty() {
        ObjectNode message = (ObjectNode) Fixtures.json(Fixtures.read("published/maintenance-window.json"));
        message.put("close_at_seconds", 1_796_277_600L + 31L * 24 * 60 * 60);
        ((ObjectNode) message.path("updates").get(0).path("component_changes").get(0)).put("status", "degraded");

        Response answer = Lambda.invoke(sns(message.toString(), "1f2e3d4c-5b6a-5798-8a9b-0c1d2e3f4a5b"));
        assertEquals("rejected: invalid status-page event: updates[0].component_changes[0].status: \"degraded\" is "
                + "not a component status of a maintenance (use operational, under_maintenance); close_at_seconds: "
                + "a maintenance window that advances by its schedule lasts at most 30 days; this one lasts "
                + "2678400 s", Lambda.failureOf(answer));
        assertEquals(List.of(), fake().requests(), "no call at all");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Alarms in this incident:\n- `cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg`: ALARM since"
            + " 2026-03-14 09:26:53 UTC", "Reference: `cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg`",
            "Alarm ARN: `arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu`",
            "  Event key: `deploy-4711`" })
    void refusesAnEventThatCarriesTheFunctionsBookkeeping(String line) {
        ObjectNode message = (ObjectNode) Fixtures.json(Fixtures.read("published/maintenance-window.json"));
        ((ObjectNode) message.path("updates").get(0)).put("description", "Planned work.\n\n" + line);

        Response answer = Lambda.invoke(sns(message.toString(), "2f3e4d5c-6b7a-5898-9a0b-1c2d3e4f5a6b"));
        assertEquals("rejected: invalid status-page event: updates[0].description: holds a line of the function's"
                + " own bookkeeping (\"Alarm ARN:\", \"Reference:\", \"Event key:\" or \"Alarms in this incident:\");"
                + " reword it", Lambda.failureOf(answer));
        assertEquals(List.of(), fake().requests(), "no call at all");
    }

    @Test
    void aBatchThroughTheQueueRedeliversOnlyTheEventThatBreaksARule() {
        ObjectNode broken = (ObjectNode) Fixtures.json(Fixtures.read("published/retrospective-incident.json"));
        broken.put("client_key", "broken").remove("title");
        ObjectNode batch = (ObjectNode) Fixtures.eventJson("sqs-raw-delivery.json");
        ArrayNode records = (ArrayNode) batch.path("Records");
        ObjectNode raw = ((ObjectNode) records.get(0)).put("messageId", "a1").put("eventSourceARN", EVENTS_QUEUE)
                .put("body", Fixtures.read("published/retrospective-incident.json"));
        records.add(raw.deepCopy().put("messageId", "a2").put("body", broken.toString()));
        ObjectNode envelope = (ObjectNode) Fixtures.json(Fixtures.eventJson("sqs-sns-envelope-batch.json")
                .path("Records").get(1).path("body").asText());
        envelope.put("Message", Fixtures.read("published/maintenance-window.json"));
        records.add(raw.deepCopy().put("messageId", "a3").put("body", envelope.toString()));

        JsonNode answer = Lambda.answer(batch.toString());

        assertEquals(Fixtures.json("{\"batchItemFailures\": [{\"itemIdentifier\": \"a2\"}]}"), answer);
        assertEquals(List.of("Checkout errors on 25 November", "Database upgrade"),
                fake().requests(CREATE).stream().map(request -> request.body().path("title").asText()).toList());
    }

    /** The SNS fixture's event carrying {@code message} from the events topic, with the given SNS MessageId. */
    private static String sns(String message, String messageId) {
        return sns(message, messageId, EVENTS_TOPIC);
    }

    private static String sns(String message, String messageId, String topicArn) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-single-metric-alarm.json");
        ObjectNode record = (ObjectNode) event.path("Records").get(0);
        ((ObjectNode) record.path("Sns")).put("Message", message).put("MessageId", messageId).put("TopicArn", topicArn);
        record.put("EventSubscriptionArn", topicArn + ":0d5a3c8e-1f2b-4c6d-9e7a-3b8c1d2e4f60");
        return event.toString();
    }

    private static JsonNode pick(JsonNode body, String... fields) {
        ObjectNode picked = Fixtures.JSON.createObjectNode();
        for (String field : fields) {
            picked.set(field, body.get(field));
        }
        return Fixtures.json(picked.toString());
    }
}
