package dev.statuspagesync.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules Flashduty's status-page API applies to a request body, from its OpenAPI text and API notes, written
 * independently of the function's own checks so the fake (and the fuzz tests) hold the function to them. Each
 * check answers the first broken rule as a message, or null when the body keeps every rule.
 */
public final class FlashdutyRules {

    public static final Set<String> TYPES = Set.of("incident", "maintenance");
    public static final Set<String> INCIDENT_STATUSES = Set.of("investigating", "identified", "monitoring",
            "resolved");
    public static final Set<String> MAINTENANCE_STATUSES = Set.of("scheduled", "ongoing", "completed");
    public static final Set<String> INCIDENT_COMPONENT_STATUSES = Set.of("operational", "degraded",
            "partial_outage", "full_outage");
    public static final Set<String> MAINTENANCE_COMPONENT_STATUSES = Set.of("operational", "under_maintenance");
    public static final int MAX_TITLE = 255;
    /** The longest window of a maintenance that advances by its schedule. */
    public static final long MAX_SCHEDULED_WINDOW_SECONDS = 30L * 24 * 60 * 60;

    private FlashdutyRules() {
    }

    public static Set<String> statusesFor(String type) {
        return "maintenance".equals(type) ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
    }

    /** The broken rule of a {@code change/create} body, page aside; {@code components} are the page's ids. */
    public static String createProblem(JsonNode body, Set<String> components) {
        String type = body.path("type").asText("");
        String title = body.path("title").asText("");
        String status = body.path("status").asText("");
        JsonNode updates = body.path("updates");
        if (!TYPES.contains(type)) {
            return "type must be incident or maintenance";
        }
        if (!body.path("title").isTextual() || title.isBlank()
                || title.codePointCount(0, title.length()) > MAX_TITLE) {
            return "title is required and at most 255 characters";
        }
        if (!statusesFor(type).contains(status)) {
            return "status " + status + " is not valid for " + type;
        }
        if (!body.path("description").isTextual()) {
            return "description is required";
        }
        if (!updates.isArray() || updates.isEmpty()) {
            return "updates must hold at least one update";
        }
        if (!updates.get(0).path("component_changes").isArray()
                || updates.get(0).path("component_changes").isEmpty()) {
            return "the first update must carry component_changes";
        }
        for (JsonNode update : updates) {
            String problem = updateProblem(type, update, false, components);
            if (problem != null) {
                return problem;
            }
        }
        return eventProblem(body, type, status, updates);
    }

    /** The rules that span fields: times, retrospective events, scheduled maintenance, the end state. */
    private static String eventProblem(JsonNode body, String type, String status, JsonNode updates) {
        JsonNode start = body.path("start_at_seconds");
        JsonNode close = body.path("close_at_seconds");
        if (body.has("responders") && !allMatch(body.path("responders"),
                id -> id.canConvertToLong() && id.asLong() > 0)) {
            return "responders must be member ids";
        }
        if (body.has("linked_changes") && !allMatch(body.path("linked_changes"), JsonNode::isTextual)) {
            return "linked_changes must be change ids";
        }
        if (start.canConvertToLong() && close.canConvertToLong() && close.asLong() <= start.asLong()) {
            return "close_at_seconds must be greater than start_at_seconds";
        }
        if (body.path("is_retrospective").asBoolean(false)) {
            if (updates.size() < 2) {
                return "a retrospective event needs at least two updates";
            }
            if (!start.canConvertToLong() || !close.canConvertToLong()) {
                return "a retrospective event needs start_at_seconds and close_at_seconds";
            }
        }
        if (body.path("auto_update_by_schedule").asBoolean(false)) {
            if (!"maintenance".equals(type)) {
                return "auto_update_by_schedule applies to maintenance only";
            }
            if (!start.canConvertToLong() || !close.canConvertToLong()) {
                return "auto_update_by_schedule needs start_at_seconds and close_at_seconds";
            }
            if (close.asLong() - start.asLong() > MAX_SCHEDULED_WINDOW_SECONDS) {
                return "a scheduled maintenance window is at most 30 days";
            }
        }
        for (JsonNode update : updates) {
            if (start.canConvertToLong() && update.path("at_seconds").canConvertToLong()
                    && update.path("at_seconds").asLong() < start.asLong()) {
                return "an update's at_seconds is before start_at_seconds";
            }
        }
        if ("resolved".equals(status) || "completed".equals(status)) {
            Map<String, String> end = new LinkedHashMap<>();
            updates.forEach(update -> update.path("component_changes").forEach(change -> end.put(
                    change.path("component_id").asText(), change.path("status").asText())));
            if (end.values().stream().anyMatch(value -> !"operational".equals(value))) {
                return "a " + status + " event must leave every affected component operational";
            }
        }
        return null;
    }

    private static boolean allMatch(JsonNode array, Predicate<JsonNode> test) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!test.test(item)) {
                return false;
            }
        }
        return true;
    }

    /** The broken rule of a {@code change/timeline/create} body for an event of {@code type}, time aside. */
    public static String timelineProblem(String type, JsonNode body, Set<String> components) {
        String status = body.path("status").asText("");
        if (!statusesFor(type).contains(status)) {
            return "status " + status + " is not valid for " + type;
        }
        if (!body.path("description").isTextual()) {
            return "description is required";
        }
        return updateProblem(type, body, true, components);
    }

    /** The broken rule of one update, in a create body's list or as a timeline call of its own. */
    static String updateProblem(String type, JsonNode update, boolean timeline, Set<String> components) {
        if (!timeline && update.has("status") && !statusesFor(type).contains(update.path("status").asText())) {
            return "update status " + update.path("status").asText() + " is not valid for " + type;
        }
        JsonNode changes = update.path("component_changes");
        if (changes.isMissingNode() || changes.isNull()) {
            return null;
        }
        if (!changes.isArray()) {
            return "component_changes must be an array";
        }
        Set<String> allowed = "maintenance".equals(type) ? MAINTENANCE_COMPONENT_STATUSES
                : INCIDENT_COMPONENT_STATUSES;
        List<String> seen = new ArrayList<>();
        for (JsonNode change : changes) {
            String id = change.path("component_id").asText("");
            if (!components.contains(id)) {
                return "unknown component_id " + id;
            }
            if (seen.contains(id)) {
                return "component_id " + id + " appears twice in one update";
            }
            seen.add(id);
            if (!allowed.contains(change.path("status").asText(""))) {
                return "component status " + change.path("status").asText() + " is not valid for " + type;
            }
        }
        String status = update.path("status").asText("");
        if ("resolved".equals(status) || "completed".equals(status)) {
            for (JsonNode change : changes) {
                if (!"operational".equals(change.path("status").asText())) {
                    return "resolving requires every referenced component to be operational";
                }
            }
        }
        return null;
    }
}
