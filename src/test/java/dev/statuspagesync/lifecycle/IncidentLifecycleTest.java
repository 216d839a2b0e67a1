package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.PAGE_ID;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An alarm's life on the page: open, duplicate, recover, late and shuffled deliveries, asserted on final state. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class IncidentLifecycleTest {

    static final String TIMELINE = FlashdutyPaths.TIMELINE_PATH;
    static final String FIRES_AT = "2026-03-14T09:26:53.304+0000";
    static final String RECOVERS_AT = "2026-03-14T09:46:53.118+0000";
    static final String FIRES_AGAIN_AT = "2026-03-14T10:15:00.000+0000";
    static final Map<String, String> OPERATIONAL = Map.of(API_COMPONENT, "operational", DB_COMPONENT, "operational");


    @Test
    void aFlappingAlarmWithoutAQuietPeriodOpensTwoIncidentsAndFourUpdates() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:00:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:01:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:02:00.000+0000"));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:03:00.000+0000"));

        assertEquals(2, fake().incidents().size());
        assertEquals(4, fake().incidents().stream().mapToInt(incident -> incident.updates().size()).sum(),
                "each incident's opening and resolution: what the quiet period spares subscribers");
    }

    @Test
    void resolvesIncidentWhenAlarmReturnsToOk() {
        long changeId = Lambda.answer(Fixtures.event("sns-single-metric-alarm.json")).path("change_id").asLong();

        JsonNode answer = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));

        assertEquals("resolved", answer.path("outcome").asText());
        assertEquals(changeId, answer.path("change_id").asLong());
        assertEquals(Fixtures.json("""
                {"page_id": %d, "change_id": %d, "status": "resolved",
                 "description": "Resolved: CloudWatch alarm checkout-api-high-cpu is OK since 2026-03-14 09:46:53 UTC. All affected components are operational again.\\n\\n**Reason:** Threshold Crossed: 2 out of the last 2 datapoints \\\\[41.0 (14/03/26 09:41:00), 39.5 (14/03/26 09:36:00)\\\\] were not greater than the threshold (80.0) (minimum 2 datapoints for ALARM -> OK transition).",
                 "at_seconds": 1773481613,
                 "component_changes": [{"component_id": "%s", "status": "operational"},
                                       {"component_id": "%s", "status": "operational"}]}
                """.formatted(PAGE_ID, changeId, API_COMPONENT, DB_COMPONENT)), fake().requests(TIMELINE).get(0).body());
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(OPERATIONAL, incident.components());
        assertEquals(2, incident.updates().size());
    }

    @Test
    void resolvesTheIncidentOfAnAlarmThatWasDeleted() {
        long changeId = Lambda.answer(Fixtures.event("sns-single-metric-alarm.json")).path("change_id").asLong();

        JsonNode answer = Lambda.answer(Fixtures.event("eventbridge-alarm-deleted.json"));

        assertEquals("resolved", answer.path("outcome").asText(), answer.toString());
        assertEquals(changeId, answer.path("change_id").asLong());
        assertEquals("incident resolved: alarm checkout-api-high-cpu was deleted", answer.path("reason").asText());
        assertEquals(Fixtures.json("""
                {"page_id": %d, "change_id": %d, "status": "resolved",
                 "description": "Resolved: CloudWatch alarm checkout-api-high-cpu was deleted. All affected components are operational again.\\n\\n**Reason:** the alarm was deleted",
                 "at_seconds": 1773481800,
                 "component_changes": [{"component_id": "%s", "status": "operational"},
                                       {"component_id": "%s", "status": "operational"}]}
                """.formatted(PAGE_ID, changeId, API_COMPONENT, DB_COMPONENT)), fake().requests(TIMELINE).get(0).body());
    }

    @Test
    void resolvesTheIncidentOfAnOlderFormatNotificationWhenItsRecoveryArrivesThroughTheBuffer() {
        long changeId = Lambda.answer(Fixtures.event("sns-legacy-format-alarm.json")).path("change_id").asLong();

        JsonNode answer = Lambda.answer(Fixtures.event("sqs-sns-envelope-legacy-format.json"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals(changeId, incident.changeId());
        assertEquals("resolved", incident.status());
        assertTrue(incident.description().endsWith(
                "Alarm ARN: `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:payments-queue-backlog`"),
                incident.description());
    }

    @Test
    void ignoresRecoveryWithoutOpenIncident() {
        JsonNode answer = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("no open incident for this alarm", answer.path("reason").asText());
        assertEquals(List.of(), fake().incidents());
    }

    @Test
    void ignoresRecoveryOlderThanTheIncident() {
        long changeId = Lambda.answer(AlarmEvents.sns("ALARM", "OK", FIRES_AGAIN_AT)).path("change_id").asLong();

        JsonNode answer = Lambda.answer(AlarmEvents.sns("OK", "ALARM", RECOVERS_AT));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("stale: incident " + changeId + " already records a change of this alarm at"
                + " 2026-03-14T10:15:00Z, newer than this one", answer.path("reason").asText());
        assertEquals("investigating", fake().incidents().get(0).status());
    }

    @Test
    void ignoresAlarmThatArrivesAfterItsRecovery() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", FIRES_AT));
        long changeId = Lambda.answer(AlarmEvents.sns("OK", "ALARM", RECOVERS_AT)).path("change_id").asLong();

        JsonNode late = Lambda.answer(AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT));

        assertEquals("ignored", late.path("outcome").asText());
        assertEquals("stale: incident " + changeId + " for this alarm was resolved at 2026-03-14T09:46:53Z, after this"
                + " change", late.path("reason").asText());
        assertEquals(1, fake().incidents().size());
        assertEquals("resolved", fake().incidents().get(0).status());
    }

    @Test
    void opensNewIncidentWhenAlarmFiresAgainAfterRecovery() {
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", FIRES_AT));
        Lambda.answer(AlarmEvents.sns("OK", "ALARM", RECOVERS_AT));

        JsonNode again = Lambda.answer(AlarmEvents.sns("ALARM", "OK", FIRES_AGAIN_AT));

        assertEquals("created", again.path("outcome").asText());
        assertEquals(List.of("resolved", "investigating"),
                fake().incidents().stream().map(FakeFlashduty.Incident::status).toList());
    }

    @Test
    void opensOneIncidentForAnAlarmDeliveredBySnsAndEventBridge() {
        JsonNode bySns = Lambda.answer(AlarmEvents.sns("ALARM", "OK", FIRES_AT));
        JsonNode byEventBridge = Lambda.answer(AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT));

        assertEquals("created", bySns.path("outcome").asText());
        assertEquals("ignored", byEventBridge.path("outcome").asText());
        assertEquals(bySns.path("change_id"), byEventBridge.path("change_id"));
        assertEquals(1, fake().incidents().size());
    }

    @Test
    void joinsTheOpenIncidentOfAnotherAlarmOnTheSameComponentsWithoutNotifying() {
        long changeId = Lambda.answer(Fixtures.event("sns-single-metric-alarm.json")).path("change_id").asLong();

        JsonNode joined = Lambda.answer(Fixtures.event("sns-metric-math-alarm.json"));

        assertEquals("updated", joined.path("outcome").asText());
        assertEquals("alarm orders-5xx-error-rate joined incident " + changeId, joined.path("reason").asText());
        assertEquals(changeId, joined.path("change_id").asLong());
        assertEquals(1, fake().incidents().size());
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals(1, incident.updates().size(), "a join edits the opening update, it adds none");
        assertEquals("""
                CloudWatch alarm checkout-api-high-cpu is in ALARM. We are investigating.

                Alarms in this incident:
                - `arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu`: ALARM since 2026-03-14 09:26:53 UTC
                - `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-5xx-error-rate`: ALARM since 2026-03-14 10:03:12 UTC""",
                incident.updates().get(0).description());
        assertEquals(List.of(), fake().requests(TIMELINE), "no subscriber-visible update");
    }

    @Test
    void resolvesOnlyWhenEveryJoinedAlarmHasRecovered() {
        long changeId = Lambda.answer(Fixtures.event("sns-single-metric-alarm.json")).path("change_id").asLong();
        Lambda.answer(Fixtures.event("sns-metric-math-alarm.json"));

        JsonNode firstRecovers = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));
        String stillOpen = fake().incidents().get(0).status();
        JsonNode duplicate = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));
        JsonNode lastRecovers = Lambda.answer(Fixtures.event("eventbridge-metric-math-ok.json"));

        assertEquals("updated", firstRecovers.path("outcome").asText());
        assertEquals("alarm checkout-api-high-cpu recovered; incident " + changeId + " stays open for 1 other alarm(s)",
                firstRecovers.path("reason").asText());
        assertEquals("investigating", stillOpen);
        assertEquals("ignored", duplicate.path("outcome").asText());
        assertEquals("resolved", lastRecovers.path("outcome").asText());
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(OPERATIONAL, incident.components());
        assertEquals(2, incident.updates().size(), "subscribers saw the opening and the resolution only");
        assertTrue(incident.updates().get(0).description().contains(
                "alarm:checkout-api-high-cpu`: OK since 2026-03-14 09:46:53 UTC"));
    }

    @Test
    void readsTheAlarmsFromChangeInfoWhenListsLeaveTimelinesOut() {
        fake().listWithoutTimelines();
        Lambda.answer(Fixtures.event("sns-single-metric-alarm.json"));
        Lambda.answer(Fixtures.event("sns-metric-math-alarm.json"));

        JsonNode firstRecovers = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));
        JsonNode lastRecovers = Lambda.answer(Fixtures.event("eventbridge-metric-math-ok.json"));

        assertEquals("updated", firstRecovers.path("outcome").asText());
        assertEquals("resolved", lastRecovers.path("outcome").asText());
        assertEquals(1, fake().incidents().size());
        assertTrue(fake().requests(FlashdutyPaths.INFO_PATH).size() >= 3, "timelines read from change/info");
    }

    @Test
    void neverChangesAnIncidentItDidNotOpen() throws Exception {
        String manual = """
                {"page_id":%d,"type":"incident","title":"checkout-api-high-cpu","description":"Opened by the on-call engineer about checkout-api-high-cpu","status":"identified",
                 "updates":[{"status":"identified","description":"x","component_changes":[{"component_id":"%s","status":"full_outage"}]}]}
                """.formatted(PAGE_ID, API_COMPONENT);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                fake().baseUrl() + FlashdutyPaths.CREATE_PATH + "?app_key=" + FakeFlashdutyResource.APP_KEY))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(manual))
                .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode answer = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("identified", fake().incidents().get(0).status());
        assertEquals(Map.of(API_COMPONENT, "full_outage"), fake().incidents().get(0).components());
    }

    /**
     * Every order of: the alarm firing (via SNS and again via EventBridge) and recovering (delivered twice),
     * except orders in which both recoveries come before both firings: with no incident yet, a recovery leaves
     * no trace in Flashduty, so a late firing then opens an incident (see docs/operating.md, "Ordering").
     */
    static Stream<List<String>> shuffledDeliveries() {
        List<String> events = List.of("alarm-sns", "alarm-eventbridge", "ok", "ok-again");
        Set<List<String>> orders = new LinkedHashSet<>();
        permute(new ArrayList<>(events), 0, orders);
        return orders.stream().filter(order -> !(order.indexOf("ok") < firstAlarm(order)
                && order.indexOf("ok-again") < firstAlarm(order)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shuffledDeliveries")
    void endsWithOneResolvedIncidentWhateverTheDeliveryOrder(List<String> order) {
        for (String event : order) {
            Lambda.answer(switch (event) {
                case "alarm-sns" -> AlarmEvents.sns("ALARM", "OK", FIRES_AT);
                case "alarm-eventbridge" -> AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT);
                default -> AlarmEvents.sns("OK", "ALARM", RECOVERS_AT);
            });
        }

        assertEquals(1, fake().incidents().size(), "one incident");
        FakeFlashduty.Incident incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(OPERATIONAL, incident.components());
        assertEquals(2, incident.updates().size(), "opened once, resolved once");
        assertEquals(1, fake().requests(FlashdutyPaths.CREATE_PATH).size());
        assertEquals(1, fake().requests(TIMELINE).size());
    }

    private static int firstAlarm(List<String> order) {
        return Math.min(order.indexOf("alarm-sns"), order.indexOf("alarm-eventbridge"));
    }

    private static void permute(List<String> items, int from, Set<List<String>> out) {
        if (from == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            Collections.swap(items, from, i);
            permute(items, from + 1, out);
            Collections.swap(items, from, i);
        }
    }

}
