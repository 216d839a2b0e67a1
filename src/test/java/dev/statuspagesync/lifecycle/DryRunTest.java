package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * FLASHDUTY_DRY_RUN: the reads happen, the writes are answered instead of made; with a five-minute quiet period and
 * a sweep that reconciles.
 */
@QuarkusTest
@TestProfile(Profiles.DryRun.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class DryRunTest {

    static final long RECOVERED = Instant.parse("2026-03-14T09:50:00Z").getEpochSecond();


    @Test
    void answersWithTheCreateItWouldSend() {
        JsonNode answer = Lambda.answer(Fixtures.event("sns-single-metric-alarm.json"));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals("dry run: would open an incident for alarm checkout-api-high-cpu", answer.path("reason").asText());
        assertTrue(answer.path("change_id").isNull());
        JsonNode planned = answer.path("planned").get(0);
        assertEquals("POST", planned.path("method").asText());
        assertEquals(FlashdutyPaths.CREATE_PATH, planned.path("path").asText());
        assertEquals(Fixtures.expectedCreate("sns-single-metric-alarm.json"), planned.path("body"));
        assertEquals(List.of("GET", "GET", "GET", "GET"), methodsSince(0), "open and recently resolved incidents and"
                + " maintenances read, and the open incidents again after the create, as a real run does; nothing"
                + " written");
    }

    @Test
    void answersWithThePublishedEventItWouldCreate() {
        JsonNode answer = Lambda.answer(Fixtures.read("published/maintenance-window.json"));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals("dry run: would create maintenance \"Database upgrade\" (key release-2026.12.03-db-upgrade)",
                answer.path("reason").asText());
        JsonNode body = answer.path("planned").get(0).path("body");
        assertEquals("maintenance", body.path("type").asText());
        assertTrue(body.path("description").asText().endsWith("\n\nEvent key: `release-2026.12.03-db-upgrade`"));
        assertEquals(List.of("GET", "GET"), methodsSince(0), "open and closed maintenance read, nothing written");
    }

    @Test
    void answersARecoveryWithTheAlarmListEditItWouldWriteAtTheEndOfTheInvocation() throws Exception {
        long changeId = seedIncidentAsTheFunctionOpensIt();
        String opening = fake().incidents().get(0).updates().get(0).description();
        int seeded = fake().requests().size();

        JsonNode answer = Lambda.answer(Fixtures.event("sns-single-metric-ok.json"));

        assertEquals("updated", answer.path("outcome").asText());
        assertTrue(answer.path("reason").asText().startsWith("dry run: would record that alarm checkout-api-high-cpu"),
                answer.path("reason").asText());
        assertEquals(changeId, answer.path("change_id").asLong());
        assertEquals(1, answer.path("planned").size(), answer.toString());
        JsonNode planned = answer.path("planned").get(0);
        assertEquals(FlashdutyPaths.TIMELINE_UPDATE_PATH, planned.path("path").asText());
        assertEquals(changeId, planned.path("body").path("change_id").asLong());
        assertTrue(planned.path("body").path("description").asText().contains("`: OK since "),
                "the list records the recovery: " + planned);
        assertEquals(List.of("GET"), methodsSince(seeded), "the open incident read, nothing written");
        assertEquals("investigating", fake().incidents().get(0).status());
        assertEquals(opening, fake().incidents().get(0).updates().get(0).description());
    }

    @Test
    void answersASweepWithTheResolutionsItWouldSend() throws Exception {
        ObjectNode body = (ObjectNode) Fixtures.expectedCreate("sns-single-metric-alarm.json");
        ObjectNode opening = (ObjectNode) body.path("updates").get(0);
        opening.put("description", IncidentText.withAlarmList(opening.path("description").asText(),
                new Membership(Map.of(AlarmEvents.ARN, new Membership.Member(Membership.State.OK, RECOVERED))), false));
        long changeId = seed(body.toString());
        int seeded = fake().requests().size();

        JsonNode answer = Lambda.answer(AlarmEvents.sweep("2026-03-14T10:00:00Z"));

        assertEquals("resolved", answer.path("outcome").asText());
        assertEquals("reconciled with CloudWatch: 0 alarm(s) firing, 0 asked by name, 0 repair(s); dry run: sweep at"
                + " 2026-03-14T10:00:00Z: incident " + changeId + " would be resolved", answer.path("reason").asText());
        JsonNode planned = answer.path("planned").get(0);
        assertEquals(FlashdutyPaths.TIMELINE_PATH, planned.path("path").asText());
        assertEquals("resolved", planned.path("body").path("status").asText());
        assertEquals(RECOVERED, planned.path("body").path("at_seconds").asLong());
        assertEquals(List.of("GET", "GET"), methodsSince(seeded), "the open incidents and the due one read again");
        assertEquals("investigating", fake().incidents().get(0).status());
    }

    private static long seedIncidentAsTheFunctionOpensIt() throws Exception {
        return seed(Fixtures.expectedCreate("sns-single-metric-alarm.json").toString());
    }

    private static long seed(String body) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                fake().baseUrl() + FlashdutyPaths.CREATE_PATH + "?app_key=" + FakeFlashdutyResource.APP_KEY))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Fixtures.json(created.body()).path("data").path("change_id").asLong();
    }

    private static List<String> methodsSince(int index) {
        List<FakeFlashduty.Recorded> requests = fake().requests();
        return requests.subList(index, requests.size()).stream().map(FakeFlashduty.Recorded::method).toList();
    }

}
