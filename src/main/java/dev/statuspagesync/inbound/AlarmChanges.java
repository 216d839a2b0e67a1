package dev.statuspagesync.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
    /** A tag status shown in a reason: a word of CloudWatch's, not whatever a payload's author wrote. */
    private static final Pattern STATUS_WORD = Pattern.compile("[A-Za-z_]{1,32}");

    /**
     * The tags a payload carries, when they can be used, else empty and why they were set aside (null when the
     * payload carries none: tag propagation is off).
     */
    record PayloadTags(Map<String, String> tags, String setAside) {

        static final PayloadTags NONE = new PayloadTags(Map.of(), null);

        static PayloadTags setAside(String why) {
            return new PayloadTags(Map.of(), why);
        }
    }

    private AlarmChanges() {
    }

    static Inbound build(String messageId, Envelope envelope, String name, String arn, String account,
            String regionHint, String newState, String oldState, String reason, String time, String description,
            MetricSummary metrics, String rule, boolean suppressed, PayloadTags tags, String mutedBy,
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
                .rule(blankToNull(rule)).suppressed(suppressed).tags(nonNullValues(tags.tags()))
                .tagsSetAside(tags.setAside()).via(envelope).mutedBy(mutedBy).contributor(contributor).build(),
                messageId);
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
     * CloudWatch says the list is whole; else none, and why they were set aside (a status other than success, a
     * shape not read here, more than CloudWatch allows), so that a tag route reads them from CloudWatch or goes
     * unmatched rather than matching on part of them. Tags never make a change unreadable.
     */
    static PayloadTags payloadTags(JsonNode tags, String status) {
        boolean carried = tags != null && !tags.isNull();
        if (!carried && (status == null || TAGS_WHOLE.contains(status))) {
            return PayloadTags.NONE;
        }
        if (status == null || !TAGS_WHOLE.contains(status)) {
            return PayloadTags.setAside("tags not propagated whole: " + (status == null ? "no AlarmTagsStatus"
                    : STATUS_WORD.matcher(status).matches() ? "AlarmTagsStatus " + status
                            : "an AlarmTagsStatus other than SUCCESS"));
        }
        if (!tags.isObject() && !tags.isArray()) {
            return PayloadTags.setAside("AlarmTags is neither an object nor a list of Key and Value pairs");
        }
        Map<String, String> read = new LinkedHashMap<>();
        if (tags.isObject()) {
            tags.properties().forEach(tag -> read.put(tag.getKey(), tag.getValue().asText("")));
        } else {
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
        return plain ? new PayloadTags(read, null) : PayloadTags.setAside("more tags, or longer values, than"
                + " CloudWatch allows (" + MAX_TAGS + " tags, values of " + MAX_TAG_VALUE + " characters)");
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
