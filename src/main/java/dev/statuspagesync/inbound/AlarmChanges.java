package dev.statuspagesync.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;

/**
 * What every envelope's reader shares: an {@link AlarmChange} made from a message's parts, identity from the ARN,
 * and CloudWatch's limits on names, contributors and tags; whatever breaks them is a reasoned skip.
 */
final class AlarmChanges {

    /** CloudWatch's longest alarm name. */
    static final int MAX_ALARM_NAME = 255;
    static final int MAX_CONTRIBUTOR_ID = 1_024;
    static final int MAX_CONTRIBUTOR_ATTRIBUTES = 30;
    /** CloudWatch's limits: 50 tags on a resource, values of at most 256 characters. */
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_VALUE = 256;
    /**
     * The tag statuses of a whole list: "SUCCESS" ("Alarm tags in action payloads"), "OK" in EventBridge's sample;
     * tags without a status are not known to be whole.
     */
    static final Set<String> TAGS_WHOLE = Set.of("SUCCESS", "OK");

    private AlarmChanges() {
    }

    static Inbound build(String messageId, Envelope envelope, String name, String arn, String account,
            String regionHint, String newState, String oldState, String reason, String time, String description,
            MetricSummary metrics, String rule, boolean suppressed, Map<String, String> tags, String mutedBy,
            AlarmChange.Contributor contributor) {
        var state = AlarmState.parse(newState);
        if (state.isEmpty()) {
            return new Inbound.Skipped("alarm payload has no known new state (" + newState + ")", messageId);
        }
        var parsedArn = AlarmArn.parse(arn);
        if (parsedArn.isEmpty()) {
            return new Inbound.Skipped("alarm payload has no valid alarm ARN", messageId);
        }
        var alarmArn = parsedArn.get();
        String alarmName = name == null || name.isBlank() ? alarmArn.name() : name;
        // No CloudWatch alarm has a longer name: a longer one is no alarm's, and is never matched or parsed.
        int longest = Math.max(alarmName.length(), alarmArn.name().length());
        if (longest > MAX_ALARM_NAME) {
            return new Inbound.Skipped("alarm name has " + longest + " characters; CloudWatch's have at most "
                    + MAX_ALARM_NAME, messageId);
        }
        String accountId = account == null || account.isBlank() ? alarmArn.account() : account;
        // Identity comes from the ARN: a message whose name or account says otherwise is no CloudWatch message.
        if (!alarmName.equals(alarmArn.name()) || !accountId.strip().equals(alarmArn.account())) {
            return new Inbound.Skipped("the message's alarm name or account is not its ARN's", messageId);
        }
        String region = alarmArn.region().isEmpty() ? regionHint : alarmArn.region();
        return new Inbound.Alarm(AlarmChange.of(alarmName, arn.trim(), state.get()).account(accountId)
                .region(region).previous(AlarmState.parse(oldState).orElse(null)).reason(reason)
                .at(Timestamps.parse(time)).description(blankToNull(description)).metrics(metrics)
                .rule(blankToNull(rule)).suppressed(suppressed).tags(nonNullValues(tags)).via(envelope)
                .mutedBy(mutedBy).contributor(contributor).build(), messageId);
    }

    /**
     * Why a contributor's id or attributes cannot be read, or null when they can (or the message names none).
     * CloudWatch's ids have at most 1,024 characters, its attributes at most 30 entries.
     */
    static String unreadableContributor(String what, String id, Map<String, String> attributes) {
        if (id == null && attributes == null) {
            return null;
        }
        // CloudWatch's ids are plain text; a backtick would only grow the incident's list line.
        if (id == null || id.isBlank() || id.length() > MAX_CONTRIBUTOR_ID || id.indexOf('`') >= 0
                || id.codePoints().anyMatch(Character::isISOControl)) {
            return "alarm contributor " + what + " has no readable contributor id";
        }
        if (attributes != null && attributes.size() > MAX_CONTRIBUTOR_ATTRIBUTES) {
            return "alarm contributor " + what + " has " + attributes.size() + " attributes; CloudWatch's have at most "
                    + MAX_CONTRIBUTOR_ATTRIBUTES;
        }
        return null;
    }

    static AlarmChange.Contributor contributor(String id, Map<String, String> attributes) {
        return id == null ? null
                : new AlarmChange.Contributor(id.trim(), attributes == null ? Map.of() : nonNullValues(attributes));
    }

    /**
     * The alarm's tags as its payload carries them (an object of strings, or a list of key/value pairs), when
     * CloudWatch says the list is whole; empty otherwise (no propagation, a status other than success, or a shape
     * not read here), so that a tag route reads them from CloudWatch or goes unmatched rather than matching on
     * part of them. Tags never make a change unreadable.
     */
    static Map<String, String> payloadTags(JsonNode tags, String status) {
        if (tags == null || status == null || !TAGS_WHOLE.contains(status)) {
            return Map.of();
        }
        Map<String, String> read = new LinkedHashMap<>();
        if (tags.isObject()) {
            tags.properties().forEach(tag -> read.put(tag.getKey(), tag.getValue().asText("")));
        } else if (tags.isArray()) {
            for (JsonNode tag : tags) {
                String key = text(tag, tag.has("Key") ? "Key" : "key");
                if (key != null) {
                    String value = text(tag, tag.has("Value") ? "Value" : "value");
                    read.put(key, value == null ? "" : value);
                }
            }
        }
        boolean plain = read.values().stream().allMatch(value -> value.length() <= MAX_TAG_VALUE)
                && read.size() <= MAX_TAGS;
        return plain ? read : Map.of();
    }

    static Map<String, String> nonNullValues(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key != null) {
                copy.put(key, value == null ? "" : value);
            }
        });
        return copy;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }
}
