package dev.statuspagesync.inbound;

import static dev.statuspagesync.inbound.AlarmChanges.blankToNull;
import static dev.statuspagesync.inbound.AlarmChanges.text;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.HealthEvent;

/**
 * AWS Health events ({@code source: aws.health}, {@code detail-type: AWS Health Event}) as changes: an issue that is
 * open fires and one that is closed recovers; a scheduled change that is upcoming or open announces a maintenance
 * and one that is closed ends it. Account notifications and investigations are skipped with the reason. The shape
 * is AWS's "Reference: AWS Health events Amazon EventBridge schema": the detail's times in RFC 1123
 * ({@code Wed, 12 Feb 2025 00:37:54 GMT}), the affected account in {@code detail.affectedAccount} in an
 * organizational view, else the event's {@code account}.
 */
final class HealthEvents {

    static final String SOURCE = "aws.health";
    static final String DETAIL_TYPE = "AWS Health Event";
    /** Health's limits: event ARNs of at most 1,600 characters, service and type codes of 3 to 100. */
    static final int MAX_EVENT_ARN = 1600;
    private static final Pattern CODE = Pattern.compile("[a-zA-Z0-9_\\-]{3,100}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** More affected resources than this are not read: the event is skipped, not routed on part of them. */
    static final int MAX_RESOURCES = 1000;
    static final int MAX_RESOURCE = 1600;
    /** AWS's tag keys have at most 128 characters. */
    static final int MAX_TAG_KEY = 128;
    private static final DateTimeFormatter RFC_1123_DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z",
            Locale.ROOT);
    private static final Instant EARLIEST = Instant.parse("2010-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** How much of AWS's description an internal page's reason keeps. */
    static final int MAX_DESCRIPTION = 1000;

    private HealthEvents() {
    }

    /**
     * The event as a change, or skipped with the reason. {@code inMessage}: an SNS or SQS message carried it,
     * rather than the Health rule's own invocation.
     */
    static Inbound read(JsonNode event, boolean inMessage, String messageId) {
        if (inMessage) {
            return new Inbound.Skipped("an AWS Health event in an SNS or SQS message is refused: only the Health"
                    + " rule's own invocation brings one, and anyone who may publish to a topic or send to a queue"
                    + " could write it", messageId);
        }
        String detailType = text(event, "detail-type");
        if (!DETAIL_TYPE.equals(detailType)) {
            return new Inbound.Skipped("AWS Health detail-type '" + shown(detailType) + "' is not an AWS Health Event"
                    + " for the page", messageId);
        }
        JsonNode detail = event.path("detail");
        String category = text(detail, "eventTypeCategory");
        String status = text(detail, "statusCode");
        if ("accountNotification".equals(category) || "investigation".equals(category)) {
            return new Inbound.Skipped("AWS Health " + category + " events tell an account's operators, not the"
                    + " page's subscribers: ignored", messageId);
        }
        AlarmState state = stateOf(category, status);
        if (state == null) {
            return new Inbound.Skipped("AWS Health event of category '" + shown(category) + "' and status '"
                    + shown(status) + "' has no meaning for the page", messageId);
        }
        String eventArn = text(detail, "eventArn");
        String service = text(detail, "service");
        String typeCode = text(detail, "eventTypeCode");
        if (eventArn == null || eventArn.length() > MAX_EVENT_ARN || service == null || typeCode == null
                || !CODE.matcher(service).matches() || !CODE.matcher(typeCode).matches()) {
            return new Inbound.Skipped("AWS Health event has no readable eventArn, service or eventTypeCode",
                    messageId);
        }
        String account = blankToNull(text(detail, "affectedAccount"));
        account = account == null ? text(event, "account") : account;
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            return new Inbound.Skipped("AWS Health event names no affected account of 12 digits", messageId);
        }
        String key = HealthEvent.key(eventArn, account);
        if (key == null) {
            return new Inbound.Skipped("AWS Health eventArn is not a Health event's ARN of the affected account",
                    messageId);
        }
        Resources resources = resources(event, detail);
        if (resources == null) {
            return new Inbound.Skipped("AWS Health event names more than " + MAX_RESOURCES + " affected resources,"
                    + " or one longer than " + MAX_RESOURCE + " characters: not routed on part of them", messageId);
        }
        Instant start = time(text(detail, "startTime"));
        Instant end = time(text(detail, "endTime"));
        // The version of the event: every update of it carries a later lastUpdatedTime.
        Instant at = firstOf(time(text(detail, "lastUpdatedTime")), time(text(event, "time")),
                state == AlarmState.OK ? end : start);
        // The affected Region; the one the event was delivered to stands in when it names none.
        String region = blankToNull(text(detail, "eventRegion"));
        region = region == null ? text(event, "region") : region;
        if (region == null || !HealthEvent.REGION.matcher(region).matches()) {
            return new Inbound.Skipped("AWS Health event's Region '" + shown(region) + "' is no Region code nor"
                    + " 'global'", messageId);
        }
        var health = new HealthEvent(eventArn, service, typeCode, category, status, start, end, resources.values(),
                resources.tags());
        return new Inbound.Alarm(AlarmChange.of(typeCode, key, state).account(account)
                .region(region).reason(description(detail)).at(at)
                .tagsSetAside(resources.setAside()).via(Envelope.HEALTH).health(health).build(), messageId);
    }

    /** ALARM for an open issue or an announced change, OK for a closed one; null for what the page ignores. */
    static AlarmState stateOf(String category, String status) {
        if (HealthEvent.ISSUE.equals(category)) {
            return "open".equals(status) ? AlarmState.ALARM : "closed".equals(status) ? AlarmState.OK : null;
        }
        if (HealthEvent.SCHEDULED_CHANGE.equals(category)) {
            return "upcoming".equals(status) || "open".equals(status) ? AlarmState.ALARM
                    : "closed".equals(status) ? AlarmState.OK : null;
        }
        return null;
    }

    /**
     * The event's resources and its affected entities' values, each once, and the tags Health sends with an entity
     * (an object of at most 50 strings, as the Health API's AffectedEntity has them); null when beyond Health's
     * limits. An entity's tags that are not such an object are set aside, with the reason, never read in part.
     */
    private static Resources resources(JsonNode event, JsonNode detail) {
        Set<String> found = new LinkedHashSet<>();
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        List<String> setAside = new ArrayList<>();
        event.path("resources").forEach(resource -> {
            if (resource.isTextual()) {
                found.add(resource.asText());
            }
        });
        detail.path("affectedEntities").forEach(entity -> {
            if (!entity.path("entityValue").isTextual()) {
                return;
            }
            String value = entity.path("entityValue").asText();
            found.add(value);
            JsonNode entityTags = entity.get("tags");
            if (entityTags == null || entityTags.isNull()) {
                return;
            }
            Map<String, String> read = entityTags(entityTags);
            if (read == null) {
                setAside.add(value);
            } else if (!read.isEmpty()) {
                tags.put(value, read);
            }
        });
        if (found.size() > MAX_RESOURCES || found.stream().anyMatch(value -> value.length() > MAX_RESOURCE)) {
            return null;
        }
        return new Resources(new ArrayList<>(found), tags, setAside.isEmpty() ? null
                : "the tags of " + setAside.size() + " affected entit" + (setAside.size() == 1 ? "y are" : "ies are")
                        + " not an object of at most " + AlarmChanges.MAX_TAGS + " strings");
    }

    /** An entity's tags, or null when they are not an object of strings within CloudWatch's and AWS's limits. */
    private static Map<String, String> entityTags(JsonNode tags) {
        if (!tags.isObject() || tags.size() > AlarmChanges.MAX_TAGS) {
            return null;
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (var entry : tags.properties()) {
            if (!entry.getValue().isTextual() || entry.getKey().length() > MAX_TAG_KEY
                    || entry.getValue().asText().length() > AlarmChanges.MAX_TAG_VALUE) {
                return null;
            }
            read.put(entry.getKey(), entry.getValue().asText());
        }
        return read;
    }

    /** What an event says of its resources. */
    private record Resources(List<String> values, Map<String, Map<String, String>> tags, String setAside) {
    }

    /** AWS's English description, cut; null when there is none. */
    private static String description(JsonNode detail) {
        String english = null;
        for (JsonNode description : detail.path("eventDescription")) {
            String text = text(description, "latestDescription");
            if (text != null && (english == null || "en_US".equals(text(description, "language")))) {
                english = text;
            }
        }
        english = blankToNull(english);
        return english == null || english.length() <= MAX_DESCRIPTION ? english
                : english.substring(0, MAX_DESCRIPTION) + "...";
    }

    /**
     * A Health time: RFC 1123 in the detail ({@code Fri, 3 Jun 2022 05:01:10 GMT}), read without its weekday, which
     * AWS's own samples do not always get right; ISO-8601 at the top level; null when unreadable.
     */
    static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        int comma = trimmed.indexOf(", ");
        Instant time;
        try {
            time = ZonedDateTime.parse(comma < 0 ? trimmed : trimmed.substring(comma + 2), RFC_1123_DAY).toInstant();
        } catch (DateTimeParseException notRfc1123) {
            time = Timestamps.parse(trimmed);
        }
        // No Health event dates itself outside these years: such a time is no time at all.
        return time == null || time.isBefore(EARLIEST) || !time.isBefore(LATEST) ? null : time;
    }

    private static Instant firstOf(Instant... times) {
        for (Instant time : times) {
            if (time != null) {
                return time;
            }
        }
        return null;
    }

    private static String shown(String value) {
        if (value == null) {
            return "none";
        }
        String printable = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
