package dev.statuspagesync.published;

import static dev.statuspagesync.published.EventFields.article;
import static dev.statuspagesync.published.EventFields.componentWires;
import static dev.statuspagesync.published.EventFields.quote;
import static dev.statuspagesync.published.EventFields.statusesFor;
import static dev.statuspagesync.published.EventFields.wires;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Markdown;

/**
 * Checks a published status-page event against every rule of Flashduty's create API before anything is sent,
 * and builds the create request from it. Each broken rule becomes one problem that names the field and the
 * rule, e.g. {@code updates[0].component_changes[1].status: "major_outage" is not a component status of an
 * incident (use operational, degraded, partial_outage or full_outage)}.
 */
public final class PageEventRules {

    /** The value of {@code kind} that marks a message as a status-page event. */
    public static final String KIND = Inbound.Published.KIND;
    public static final int MAX_TITLE = Requests.MAX_TITLE_LENGTH;
    public static final int MAX_CLIENT_KEY = 128;
    /** The longest list of responders or linked changes; longer ones are refused before their items are read. */
    public static final int MAX_LIST = 20;
    /** The longest window of a maintenance that advances by its schedule ({@code auto_update_by_schedule}). */
    public static final long MAX_SCHEDULED_WINDOW_SECONDS = 30L * 24 * 60 * 60;

    static final Set<String> FIELDS = Set.of("kind", "client_key", "page_id", "type", "title", "description",
            "status", "start_at_seconds", "close_at_seconds", "notify_subscribers", "auto_update_by_schedule",
            "is_retrospective", "responders", "linked_changes", "updates");
    static final Set<String> UPDATE_FIELDS = Set.of("update_id", "at_seconds", "status", "description",
            "component_changes");
    static final Set<String> CHANGE_FIELDS = Set.of("component_id", "status");

    /** A checked event: the request to send, or the problems that stop it. */
    public record Checked(Requests.CreateChange request, String clientKey, List<String> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final EventFields fields = new EventFields();

    private PageEventRules() {
    }

    /** Whether a message declares itself a status-page event. */
    public static boolean isPageEvent(JsonNode message) {
        return message != null && message.isObject() && KIND.equals(message.path("kind").asText(null));
    }

    /** Checks the event; {@code defaultPage} stands in for a missing {@code page_id}. */
    public static Checked check(JsonNode message, Optional<Long> defaultPage) {
        return new PageEventRules().run(message, defaultPage);
    }

    private Checked run(JsonNode message, Optional<Long> defaultPage) {
        fields.unknownFields("", message, FIELDS);
        String clientKey = fields.optionalText(message, "client_key", "");
        if (clientKey != null && (clientKey.isBlank() || clientKey.length() > MAX_CLIENT_KEY
                || clientKey.codePoints().anyMatch(c -> Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT))) {
            fields.problem("client_key", "must be 1 to " + MAX_CLIENT_KEY + " characters without control or invisible"
                    + " format characters");
        } else if (clientKey != null && clientKey.startsWith(IncidentText.HEALTH_KEY_PREFIX)) {
            fields.problem("client_key", "must not start with '" + IncidentText.HEALTH_KEY_PREFIX + "', which names the"
                    + " function's own maintenances of AWS Health");
        }
        Long pageId = pageId(message, defaultPage);
        EventType type = type(message);
        String title = title(message);
        String description = fields.ownWords(Markdown.visible(fields.requiredText(message, "description", "")),
                "description");
        ChangeStatus status = eventStatus(message, type);
        Long start = fields.seconds(message, "start_at_seconds", "");
        Long close = fields.seconds(message, "close_at_seconds", "");
        Boolean notify = fields.flag(message, "notify_subscribers");
        Boolean scheduled = fields.flag(message, "auto_update_by_schedule");
        Boolean retrospective = fields.flag(message, "is_retrospective");
        List<Long> responders = responders(message);
        List<String> linked = linkedChanges(message);
        int before = fields.problems().size();
        List<Requests.Update> updates = updates(message.path("updates"), type, start);
        boolean updatesValid = fields.problems().size() == before;
        // Rules that need a field ask whether it was given; a field given wrongly has its own problem already.
        boolean window = EventFields.given(message, "start_at_seconds")
                && EventFields.given(message, "close_at_seconds");

        if (start != null && close != null && close <= start) {
            fields.problem("close_at_seconds", "must be after start_at_seconds (" + close + " <= " + start + ")");
        }
        if (Boolean.TRUE.equals(retrospective)) {
            int given = message.path("updates").size();
            if (updates != null && given < 2) {
                fields.problem("updates", "a retrospective event (is_retrospective) needs at least two updates, has "
                        + given);
            }
            if (!window) {
                fields.problem("is_retrospective", "needs start_at_seconds and close_at_seconds");
            }
        }
        if (Boolean.TRUE.equals(scheduled)) {
            if (type != null && type != EventType.MAINTENANCE) {
                fields.problem("auto_update_by_schedule", "applies to maintenance only, not to " + type.withArticle());
            }
            if (!window) {
                fields.problem("auto_update_by_schedule", "needs start_at_seconds and close_at_seconds (the window)");
            } else if (start != null && close != null && close - start > MAX_SCHEDULED_WINDOW_SECONDS) {
                fields.problem("close_at_seconds", "a maintenance window that advances by its schedule lasts at most "
                        + "30 days; this one lasts " + (close - start) + " s");
            }
        }
        if (status != null && status.isTerminal() && updates != null && updatesValid) {
            Map<String, ComponentStatus> end = new LinkedHashMap<>();
            updates.forEach(update -> update.componentChanges()
                    .forEach(change -> end.put(change.componentId(), change.status())));
            end.forEach((component, last) -> {
                if (last != ComponentStatus.OPERATIONAL) {
                    fields.problem("status", "a " + status.wire() + " event must leave every component operational; "
                            + component + " ends " + last.wire());
                }
            });
        }
        if (!fields.problems().isEmpty()) {
            return new Checked(null, clientKey, List.copyOf(fields.problems()));
        }
        var request = new Requests.CreateChange(pageId, type, title, description, status, start, close, notify,
                scheduled, retrospective, responders, linked, updates);
        return new Checked(request, clientKey, List.of());
    }

    private Long pageId(JsonNode message, Optional<Long> defaultPage) {
        JsonNode value = message.get("page_id");
        if (value == null || value.isNull()) {
            if (defaultPage.isEmpty()) {
                fields.problem("page_id", "is required: no default page is configured (STATUSPAGE_PAGE_ID)");
            }
            return defaultPage.orElse(null);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            fields.problem("page_id", "must be a page id (a positive integer), was " + value);
            return null;
        }
        return value.asLong();
    }

    private EventType type(JsonNode message) {
        String text = fields.requiredText(message, "type", "");
        if (text == null) {
            return null;
        }
        var type = EventType.fromWire(text);
        if (type.isEmpty()) {
            fields.problem("type", quote(text) + " is not incident or maintenance");
        }
        return type.orElse(null);
    }

    private String title(JsonNode message) {
        String title = Markdown.visible(fields.requiredText(message, "title", ""));
        if (title == null) {
            return null;
        }
        int length = title.codePointCount(0, title.length());
        if (title.isBlank()) {
            fields.problem("title", "must not be blank");
        } else if (length > MAX_TITLE) {
            fields.problem("title", "is " + length + " characters; at most " + MAX_TITLE);
        } else if (title.codePoints().anyMatch(Character::isISOControl)) {
            fields.problem("title", "must be one line without control characters");
        }
        return title;
    }

    private ChangeStatus eventStatus(JsonNode message, EventType type) {
        String value = fields.requiredText(message, "status", "");
        return value == null ? null : status("status", value, type);
    }

    /** A status valid for the type; with the type unknown, any status of either. */
    private ChangeStatus status(String field, String value, EventType type) {
        List<ChangeStatus> allowed = statusesFor(type);
        ChangeStatus status = ChangeStatus.fromWire(value).orElse(null);
        if (status == null || !allowed.contains(status)) {
            fields.problem(field, quote(value) + " is not a status of " + article(type) + " (use " + wires(allowed)
                    + ")");
            return null;
        }
        return status;
    }

    private List<Requests.Update> updates(JsonNode updates, EventType type, Long start) {
        if (updates.isMissingNode() || updates.isNull()) {
            fields.problem("updates", "is required: at least one update, the first with component_changes");
            return null;
        }
        if (!updates.isArray() || updates.isEmpty()) {
            fields.problem("updates", "must be a list of at least one update, the first with component_changes");
            return null;
        }
        List<Requests.Update> result = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            String at = "updates[" + i + "]";
            JsonNode update = updates.get(i);
            if (!update.isObject()) {
                fields.problem(at, "must be an object");
                continue;
            }
            fields.unknownFields(at + ".", update, UPDATE_FIELDS);
            fields.optionalText(update, "update_id", at + ".");
            Long atSeconds = fields.seconds(update, "at_seconds", at + ".");
            if (atSeconds != null && start != null && atSeconds < start) {
                fields.problem(at + ".at_seconds", "is before start_at_seconds (" + atSeconds + " < " + start + ")");
            }
            String statusText = fields.optionalText(update, "status", at + ".");
            ChangeStatus status = statusText == null ? null : status(at + ".status", statusText, type);
            String description = fields.ownWords(Markdown.visible(fields.optionalText(update, "description", at + ".")),
                    at + ".description");
            List<Requests.ComponentChange> changes = componentChanges(update.path("component_changes"), at, i == 0,
                    type, status);
            result.add(new Requests.Update(atSeconds, status, description, changes));
        }
        return result;
    }

    private List<Requests.ComponentChange> componentChanges(JsonNode changes, String at, boolean first, EventType type,
            ChangeStatus updateStatus) {
        String field = at + ".component_changes";
        if (changes.isMissingNode() || changes.isNull()) {
            if (first) {
                fields.problem(field, "is required in the first update: the components the event affects");
            }
            return List.of();
        }
        if (!changes.isArray() || (first && changes.isEmpty())) {
            fields.problem(field, first ? "must list at least one component change in the first update"
                    : "must be a list of component changes");
            return List.of();
        }
        List<ComponentStatus> allowed = type == null ? List.of(ComponentStatus.values()) : type.componentStatuses();
        List<Requests.ComponentChange> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < changes.size(); j++) {
            String change = field + "[" + j + "]";
            JsonNode node = changes.get(j);
            if (!node.isObject()) {
                fields.problem(change, "must be an object with component_id and status");
                continue;
            }
            fields.unknownFields(change + ".", node, CHANGE_FIELDS);
            String id = fields.requiredText(node, "component_id", change + ".");
            if (id != null && id.isBlank()) {
                fields.problem(change + ".component_id", "must not be blank");
            } else if (id != null && !seen.add(id)) {
                fields.problem(change + ".component_id", quote(id) + " appears twice in one update");
            }
            String value = fields.requiredText(node, "status", change + ".");
            ComponentStatus status = value == null ? null : ComponentStatus.fromWire(value).orElse(null);
            if (value != null && (status == null || !allowed.contains(status))) {
                fields.problem(change + ".status", quote(value) + " is not a component status of " + article(type)
                        + " (use " + componentWires(allowed) + ")");
                status = null;
            }
            if (status != null && updateStatus != null && updateStatus.isTerminal()
                    && status != ComponentStatus.OPERATIONAL) {
                fields.problem(change + ".status", "must be operational in an update that moves the event to "
                        + updateStatus.wire());
            }
            if (id != null && status != null) {
                result.add(new Requests.ComponentChange(id.trim(), status));
            }
        }
        return result;
    }

    private List<Long> responders(JsonNode message) {
        return fields.list(message, "responders", "member ids", "a member id (a positive integer)",
                id -> id.isIntegralNumber() && id.canConvertToLong() && id.asLong() > 0, JsonNode::asLong);
    }

    private List<String> linkedChanges(JsonNode message) {
        return fields.list(message, "linked_changes", "change ids", "a change id (non-empty text)",
                id -> id.isTextual() && !id.asText().isBlank(), JsonNode::asText);
    }

}
