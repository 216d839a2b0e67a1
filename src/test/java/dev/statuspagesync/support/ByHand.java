package dev.statuspagesync.support;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;

/** Events that people open in Flashduty themselves, not through the function: they carry no event key line. */
public final class ByHand {

    private ByHand() {
    }

    /** Opens the published-event fixture {@code resource} on the fake's page as a person would; its change id. */
    public static long open(String resource) {
        ObjectNode event = (ObjectNode) Fixtures.json(Fixtures.read(resource));
        event.remove(List.of("kind", "client_key"));
        event.put("page_id", fake().pageId());
        JsonNode answer = fake().handle("POST", FlashdutyPaths.CREATE_PATH,
                Map.of("app_key", FakeFlashdutyResource.APP_KEY), event);
        assertFalse(answer.has("error") && !answer.path("error").isNull(), answer.toString());
        return answer.path("data").path("change_id").asLong();
    }
}
