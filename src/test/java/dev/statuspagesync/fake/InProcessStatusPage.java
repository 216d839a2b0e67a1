package dev.statuspagesync.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;

/**
 * The function's status-page calls answered by a {@link FakeFlashduty} in process: the same JSON bodies, rules and
 * answers as over HTTP, without the network, so a test can make hundreds of thousands of calls. Any error answer
 * fails the test: the callers of this class assert that the function keeps every rule.
 */
public final class InProcessStatusPage implements StatusPageApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeFlashduty fake;
    private final String appKey;

    public InProcessStatusPage(FakeFlashduty fake, String appKey) {
        this.fake = fake;
        this.appKey = appKey;
    }

    @Override
    public long createChange(Requests.CreateChange request, Predicate<Responses.Change> isOurs, Deadline deadline) {
        return data(post(FlashdutyPaths.CREATE_PATH, request), Responses.CreatedChange.class).changeId();
    }

    @Override
    public String addUpdate(Requests.CreateTimeline request, Deadline deadline) {
        return data(post(FlashdutyPaths.TIMELINE_PATH, request), Responses.CreatedUpdate.class).updateId();
    }

    @Override
    public void editUpdate(Requests.UpdateTimeline request, Deadline deadline) {
        post(FlashdutyPaths.TIMELINE_UPDATE_PATH, request);
    }

    @Override
    public void deleteChange(long pageId, long changeId, Deadline deadline) {
        post(FlashdutyPaths.DELETE_PATH, new Requests.DeleteChange(pageId, changeId));
    }

    @Override
    public List<Responses.Change> activeEvents(long pageId, EventType type, Deadline deadline) {
        return items(get("/status-page/change/active/list", Map.of("page_id", String.valueOf(pageId), "type",
                type.wire())));
    }

    @Override
    public List<Responses.Change> events(long pageId, EventType type, ChangeStatus status, long sinceSeconds,
            Deadline deadline) {
        return items(get("/status-page/change/list", Map.of("page_id", String.valueOf(pageId), "type", type.wire(),
                "status", status.wire(), "start_at_seconds", String.valueOf(sinceSeconds))));
    }

    @Override
    public Responses.Change change(long pageId, long changeId, Deadline deadline) {
        return data(get("/status-page/change/info", Map.of("page_id", String.valueOf(pageId), "change_id",
                String.valueOf(changeId))), Responses.Change.class);
    }

    private JsonNode post(String path, Object body) {
        return answered(path, fake.handle("POST", path, Map.of("app_key", appKey), JSON.valueToTree(body)));
    }

    private JsonNode get(String path, Map<String, String> query) {
        Map<String, String> withKey = new LinkedHashMap<>(query);
        withKey.put("app_key", appKey);
        return answered(path, fake.handle("GET", path, withKey, null));
    }

    private static JsonNode answered(String path, JsonNode envelope) {
        if (envelope.hasNonNull("error")) {
            throw new AssertionError("Flashduty refuses " + path + ": " + envelope.get("error"));
        }
        return envelope.path("data");
    }

    private static <T> T data(JsonNode data, Class<T> type) {
        return JSON.convertValue(data, type);
    }

    private static List<Responses.Change> items(JsonNode data) {
        List<Responses.Change> items = new ArrayList<>();
        data.path("items").forEach(item -> items.add(JSON.convertValue(item, Responses.Change.class)));
        return items;
    }
}
