package dev.statuspagesync.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.support.Fixtures;

/** The fake holds requests to Flashduty's rules, so a body it accepts is one Flashduty would accept. */
class FakeFlashdutyTest {

    static final String KEY = "fake-key";
    static final long PAGE = 77;
    static final String API = "01APICOMPONENT000000000000";
    static final String DB = "01DBCOMPONENT0000000000000";
    static final String CREATE = "/status-page/change/create";
    static final String TIMELINE = "/status-page/change/timeline/create";
    static final String VALID = "{\"page_id\":77,\"type\":\"incident\",\"title\":\"t\",\"description\":\"d\","
            + "\"status\":\"investigating\",\"updates\":[{\"status\":\"investigating\",\"description\":\"u\","
            + "\"component_changes\":[{\"component_id\":\"" + API + "\",\"status\":\"degraded\"}]}]}";

    static FakeFlashduty fake;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fake = FakeFlashduty.start(KEY, PAGE, Map.of(API, "API", DB, "Database"));
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void opensIncidentAndListsItAsActive() throws Exception {
        JsonNode created = post(CREATE, VALID, KEY, 200);

        long changeId = created.path("data").path("change_id").asLong();
        JsonNode active = get("/status-page/change/active/list?page_id=77&type=incident", 200);
        assertEquals(changeId, active.path("data").path("items").get(0).path("change_id").asLong());
        assertEquals("degraded", active.path("data").path("items").get(0).path("affected_components").get(0)
                .path("status").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            title over 255 characters     | "title":"t"                    | "title":"%s"                        | InvalidParameter
            missing description           | "description":"d",             | ''                                  | InvalidParameter
            unknown type                  | "type":"incident"              | "type":"outage"                     | InvalidParameter
            maintenance status on incident | "status":"investigating","updates" | "status":"scheduled","updates" | InvalidParameter
            first update without components | ,"component_changes":[{"component_id":"01APICOMPONENT000000000000","status":"degraded"}] | '' | InvalidParameter
            unknown component             | 01APICOMPONENT000000000000     | 01UNKNOWN0000000000000000000        | ResourceNotFound
            major_outage is Statuspage's word | "status":"degraded"        | "status":"major_outage"             | InvalidParameter
            unknown page                  | "page_id":77                   | "page_id":78                        | ResourceNotFound
            """)
    void rejectsCreateThatBreaksARule(String rule, String from, String to, String code) throws Exception {
        String body = VALID.replace(from, to.replace("%s", "x".repeat(256)));
        assertNotEquals(VALID, body, "the rule's edit applies");

        JsonNode error = post(CREATE, body, KEY, 400);

        assertEquals(code, error.path("error").path("code").asText(), rule);
        assertEquals(0, fake.incidents().size());
    }

    @Test
    void refusesWrongAppKey() throws Exception {
        assertEquals("Unauthorized", post(CREATE, VALID, "other", 401).path("error").path("code").asText());
    }

    @Test
    void refusesResolveWhileAComponentIsNotOperational() throws Exception {
        long changeId = post(CREATE, VALID, KEY, 200).path("data").path("change_id").asLong();
        String resolve = """
                {"page_id":77,"change_id":%d,"status":"resolved","description":"r",
                 "component_changes":[{"component_id":"%s","status":"%s"}]}""";

        assertEquals("InvalidParameter", post(TIMELINE, resolve.formatted(changeId, API, "degraded"), KEY, 400)
                .path("error").path("code").asText());
        assertEquals("InvalidParameter", post(TIMELINE, resolve.formatted(changeId, DB, "operational"), KEY, 400)
                .path("error").path("code").asText());
        post(TIMELINE, resolve.formatted(changeId, API, "operational"), KEY, 200);

        assertEquals("resolved", fake.incidents().get(0).status());
        assertEquals(Map.of(API, "operational"), fake.incidents().get(0).components());
        assertEquals(0, get("/status-page/change/active/list?page_id=77&type=incident", 200)
                .path("data").path("items").size());
    }

    @Test
    void refusesUpdateOfUnknownChange() throws Exception {
        String update = "{\"page_id\":77,\"change_id\":1,\"status\":\"identified\",\"description\":\"x\"}";

        assertEquals("ResourceNotFound", post(TIMELINE, update, KEY, 400).path("error").path("code").asText());
    }

    static final String TIMED = "{\"page_id\":77,\"type\":\"incident\",\"title\":\"t\",\"description\":\"d\","
            + "\"status\":\"investigating\",\"start_at_seconds\":1000,\"updates\":[{\"status\":\"investigating\","
            + "\"description\":\"u\",\"component_changes\":[{\"component_id\":\"" + API + "\",\"status\":\"degraded\"}]}]}";
    static final String UPDATE_AT = "{\"page_id\":77,\"change_id\":%d,\"status\":\"%s\",\"description\":\"%s\","
            + "\"at_seconds\":%d}";

    @Test
    void refusesAnUpdateNotAfterTheStartOrTheNewestUpdateUnlessKind() throws Exception {
        long changeId = post(CREATE, TIMED, KEY, 200).path("data").path("change_id").asLong();

        assertEquals("InvalidParameter", post(TIMELINE, UPDATE_AT.formatted(changeId, "identified", "x", 1000), KEY,
                400).path("error").path("code").asText());
        post(TIMELINE, UPDATE_AT.formatted(changeId, "identified", "x", 1001), KEY, 200);
        post(TIMELINE, UPDATE_AT.formatted(changeId, "identified", "y", 1001), KEY, 400);
        fake.kind();
        post(TIMELINE, UPDATE_AT.formatted(changeId, "identified", "y", 1001), KEY, 200);
    }

    @Test
    void showsTheLatestUpdateAsTheDescriptionAndNoStatusWhereAnUpdateKeptItUnlessKind() throws Exception {
        long changeId = post(CREATE, TIMED, KEY, 200).path("data").path("change_id").asLong();
        post(TIMELINE, UPDATE_AT.formatted(changeId, "investigating", "still looking", 1010), KEY, 200);
        post(TIMELINE, UPDATE_AT.formatted(changeId, "identified", "found it", 1020), KEY, 200);

        JsonNode strict = info(changeId);
        fake.kind();
        JsonNode kind = info(changeId);

        assertEquals("found it", strict.path("description").asText());
        assertEquals(List.of("investigating", "", "identified"), statuses(strict));
        assertEquals("d", kind.path("description").asText());
        assertEquals(List.of("investigating", "investigating", "identified"), statuses(kind));
    }

    @Test
    void answersTheDeleteOfAGoneEventWithInvalidParameterOrKindlyResourceNotFound() throws Exception {
        long changeId = post(CREATE, VALID, KEY, 200).path("data").path("change_id").asLong();
        String delete = "{\"page_id\":77,\"change_id\":" + changeId + "}";
        post("/status-page/change/delete", delete, KEY, 200);

        assertEquals("InvalidParameter", post("/status-page/change/delete", delete, KEY, 400).path("error")
                .path("code").asText());
        fake.kind();
        assertEquals("ResourceNotFound", post("/status-page/change/delete", delete, KEY, 400).path("error")
                .path("code").asText());
    }

    private static JsonNode info(long changeId) throws Exception {
        return get("/status-page/change/info?page_id=77&change_id=" + changeId, 200).path("data");
    }

    private static List<String> statuses(JsonNode change) {
        List<String> statuses = new ArrayList<>();
        change.path("updates").forEach(update -> statuses.add(update.path("status").asText("")));
        return statuses;
    }

    @Test
    void answersUnknownRouteWithRouteNotFound() throws Exception {
        assertEquals("RouteNotFound", post("/status-page/nope", VALID, KEY, 404).path("error").path("code").asText());
    }

    private static JsonNode post(String path, String body, String key, int status) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path + "?app_key=" + key))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, status);
    }

    private static JsonNode get(String pathAndQuery, int status) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery + "&app_key=" + KEY)).build(),
                status);
    }

    private static JsonNode send(HttpRequest request, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        JsonNode envelope = Fixtures.json(response.body());
        assertEquals(response.headers().firstValue(FakeFlashduty.REQUEST_ID_HEADER).orElse(null),
                envelope.path("request_id").asText());
        return envelope;
    }
}
