package dev.statuspagesync.published;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.page.IncidentText;

/**
 * Reads the fields of one published event, each by its kind (text, unix seconds, flag, list), and keeps every
 * problem it meets, named by the field's path, so that the publisher hears all of them at once.
 */
final class EventFields {

    private final List<String> problems = new ArrayList<>();

    /** Every problem met so far, as "field: rule". */
    List<String> problems() {
        return problems;
    }

    void problem(String field, String rule) {
        problems.add(field + ": " + rule);
    }

    void unknownFields(String prefix, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(prefix + name, "is not a field of a status-page event (see the README)");
            }
        });
    }

    String requiredText(JsonNode node, String field, String prefix) {
        if (!given(node, field)) {
            problem(prefix + field, "is required");
            return null;
        }
        return optionalText(node, field, prefix);
    }

    String optionalText(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problem(prefix + field, "must be text, was " + value.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return value.asText();
    }

    Long seconds(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            problem(prefix + field, "must be a time in unix seconds (a non-negative integer), was " + value);
            return null;
        }
        return value.asLong();
    }

    Boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false, was " + value);
            return null;
        }
        return value.asBoolean();
    }

    /** An optional list whose every item must pass {@code valid}; each bad item is a problem of its own. */
    <T> List<T> list(JsonNode message, String field, String items, String item, Predicate<JsonNode> valid,
            Function<JsonNode, T> value) {
        JsonNode array = message.get(field);
        if (array == null || array.isNull()) {
            return null;
        }
        if (!array.isArray()) {
            problem(field, "must be a list of " + items);
            return null;
        }
        if (array.size() > PageEventRules.MAX_LIST) {
            problem(field, "has " + array.size() + " items; at most " + PageEventRules.MAX_LIST);
            return null;
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (valid.test(array.get(i))) {
                values.add(value.apply(array.get(i)));
            } else {
                problem(field + "[" + i + "]", "must be " + item + ", was " + array.get(i));
            }
        }
        return values;
    }

    /**
     * {@code text}, unless it carries a line of the function's own bookkeeping (a key line, an alarm list or an
     * event key), which would make the event pass for one the function opened for an alarm or another event.
     */
    String ownWords(String text, String field) {
        if (text != null && IncidentText.holdsBookkeeping(text)) {
            problem(field, "holds a line of the function's own bookkeeping (\"" + IncidentText.KEY_PREFIX.strip()
                    + "\", \"" + IncidentText.REFERENCE_PREFIX.strip() + "\", \""
                    + IncidentText.EVENT_KEY_PREFIX.strip()
                    + "\" or \"" + IncidentText.ALARM_LIST_HEADER + "\"); reword it");
        }
        return text;
    }

    static boolean given(JsonNode node, String field) {
        return node.hasNonNull(field);
    }

    // The words of problems.

    static List<ChangeStatus> statusesFor(EventType type) {
        return type == null ? List.of(ChangeStatus.values()) : type.statuses();
    }

    static String article(EventType type) {
        return type == null ? "an event" : type.withArticle();
    }

    static String wires(List<ChangeStatus> statuses) {
        return String.join(", ", statuses.stream().map(ChangeStatus::wire).toList());
    }

    static String componentWires(List<ComponentStatus> statuses) {
        return String.join(", ", statuses.stream().map(ComponentStatus::wire).toList());
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }
}
