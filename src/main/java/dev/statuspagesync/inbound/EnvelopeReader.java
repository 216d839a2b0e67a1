package dev.statuspagesync.inbound;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns any invocation payload (SNS event, SQS event, EventBridge event, direct alarm action) into alarm
 * changes, sweeps and deliberate skips. It never throws: whatever it cannot read becomes a {@link Inbound.Skipped}
 * with the reason.
 */
@ApplicationScoped
public class EnvelopeReader {

    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    static final String CONTRIBUTOR_CHANGE = "CloudWatch Alarm Contributor State Change";
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
    private static final Set<String> TAGS_WHOLE = Set.of("SUCCESS", "OK");
    static final String CONFIGURATION_CHANGE = "CloudWatch Alarm Configuration Change";
    private static final String CLOUDWATCH_SOURCE = "aws.cloudwatch";
    private static final String SCHEDULE_SOURCE = "aws.events";
    private static final String SCHEDULED = "Scheduled Event";
    private static final int MAX_REASON_DETAIL = 160;

    private final ObjectMapper mapper;

    public EnvelopeReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether the payload is an SQS event, whose answer is a partial batch response. */
    public static boolean isSqsEvent(JsonNode event) {
        JsonNode records = event == null ? null : event.get("Records");
        return records != null && records.isArray() && !records.isEmpty()
                && "aws:sqs".equals(text(records.get(0), "eventSource"));
    }

    /** Reads every message of one invocation, in delivery order. */
    public List<Inbound> read(JsonNode event) {
        if (event == null || !event.isObject()) {
            return List.of(new Inbound.Skipped("invocation payload is not a JSON object", null));
        }
        JsonNode records = event.get("Records");
        if (records == null) {
            return List.of(fromDocument(event, null, null, null, null));
        }
        if (!records.isArray() || records.isEmpty()) {
            return List.of(new Inbound.Skipped("event has no Records", null));
        }
        List<Inbound> items = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            items.add(fromRecord(record));
        }
        return items;
    }

    private Inbound fromRecord(JsonNode record) {
        if ("aws:sqs".equals(text(record, "eventSource"))) {
            String messageId = text(record, "messageId");
            return fromJsonText(text(record, "body"), messageId, null, null, text(record, "eventSourceARN"),
                    "SQS message body");
        }
        if ("aws:sns".equals(text(record, "EventSource"))) {
            JsonNode sns = record.path("Sns");
            return fromJsonText(text(sns, "Message"), null, text(sns, "MessageId"), text(sns, "TopicArn"),
                    text(sns, "TopicArn"), "SNS message");
        }
        return new Inbound.Skipped("record from an unsupported source: " + describeSource(record), null);
    }

    /** {@code channel}: the topic or queue Lambda names as the record's source, null for a direct invocation. */
    private Inbound fromJsonText(String text, String messageId, String deliveryId, String topicArn, String channel,
            String what) {
        if (text == null || text.isBlank()) {
            return new Inbound.Skipped(what + " is empty", messageId);
        }
        JsonNode document;
        try {
            document = mapper.readTree(text);
        } catch (JsonProcessingException notJson) {
            return new Inbound.Skipped(what + " is plain text, not a CloudWatch alarm", messageId);
        }
        if (document == null || !document.isObject()) {
            return new Inbound.Skipped(what + " is not a JSON object", messageId);
        }
        return fromDocument(document, messageId, deliveryId, topicArn, channel);
    }

    private Inbound fromDocument(JsonNode document, String messageId, String deliveryId, String topicArn,
            String channel) {
        if (isPublished(document)) {
            return new Inbound.Published(document, deliveryId, messageId, channel);
        }
        try {
            // The sweep's schedule invokes the function itself; a topic or queue carries no sweep.
            if ((channel != null || messageId != null) && SCHEDULE_SOURCE.equals(text(document, "source"))
                    && SCHEDULED.equals(text(document, "detail-type"))) {
                return new Inbound.Skipped("a Scheduled Event arrives only by direct invocation, not in an SNS or"
                        + " SQS message", messageId);
            }
            if (document.has("detail-type")) {
                return fromEventBridge(document, messageId);
            }
            if (document.has("alarmData")) {
                return fromAlarmAction(document, messageId);
            }
            if (document.has("Type") && document.has("Message")) {
                return fromSnsNotification(document, messageId, channel);
            }
            if (document.has("AlarmName") || document.has("AlarmArn")) {
                return fromSnsAlarm(mapper.treeToValue(document, SnsAlarmMessage.class), topicArn, messageId);
            }
            if (document.has("Type")) {
                return new Inbound.Skipped("SNS " + text(document, "Type") + " message, not an alarm", messageId);
            }
            return new Inbound.Skipped("JSON payload is not a CloudWatch alarm change", messageId);
        } catch (JsonProcessingException malformed) {
            return new Inbound.Skipped("malformed CloudWatch alarm payload: " + shorten(malformed.getOriginalMessage()),
                    messageId);
        }
    }

    // An SQS queue subscribed to SNS without raw delivery receives the whole SNS notification as its body.
    private Inbound fromSnsNotification(JsonNode notification, String messageId, String channel) {
        String type = text(notification, "Type");
        if (!"Notification".equals(type)) {
            return new Inbound.Skipped("SNS " + type + " message, not an alarm", messageId);
        }
        JsonNode message;
        try {
            message = mapper.readTree(text(notification, "Message"));
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            return new Inbound.Skipped("SNS message is plain text, not a CloudWatch alarm", messageId);
        }
        if (isPublished(message)) {
            return new Inbound.Published(message, text(notification, "MessageId"), messageId, channel);
        }
        if (message == null || !message.isObject() || !(message.has("AlarmName") || message.has("AlarmArn"))) {
            return new Inbound.Skipped("SNS message is not a CloudWatch alarm", messageId);
        }
        try {
            return fromSnsAlarm(mapper.treeToValue(message, SnsAlarmMessage.class), text(notification, "TopicArn"),
                    messageId);
        } catch (JsonProcessingException malformed) {
            return new Inbound.Skipped("malformed CloudWatch alarm payload: " + shorten(malformed.getOriginalMessage()),
                    messageId);
        }
    }

    /**
     * {@code topicArn} is the SNS topic that carried the message, null with raw delivery; it stands in for the
     * Region of notifications in CloudWatch's older format, which name no {@code AlarmArn}.
     */
    private Inbound fromSnsAlarm(SnsAlarmMessage message, String topicArn, String messageId) {
        var trigger = message.trigger();
        MetricSummary metrics = trigger == null ? MetricSummary.NONE : summarise(trigger);
        String arn = message.alarmArn();
        if (arn == null || arn.isBlank()) {
            var derived = AlarmArn.derive(message.alarmName(), message.accountId(), topicArn);
            if (derived.isEmpty()) {
                return new Inbound.Skipped(topicArn == null
                        ? "alarm payload has no AlarmArn, and no SNS topic to derive it from (raw message delivery)"
                        : "alarm payload has no AlarmArn, and its name, account or topic cannot make one", messageId);
            }
            arn = derived.get();
        }
        String unreadable = unreadableContributor("message", message.contributorId(),
                message.contributorAttributes());
        if (unreadable != null) {
            return new Inbound.Skipped(unreadable, messageId);
        }
        return build(messageId, Envelope.SNS, message.alarmName(), arn, message.accountId(), null,
                message.newStateValue(), message.oldStateValue(), message.newStateReason(),
                message.stateChangeTime(), message.alarmDescription(), metrics, message.alarmRule(), false,
                payloadTags(message.tags(), message.tagsStatus()), null,
                contributor(message.contributorId(), message.contributorAttributes()));
    }

    /**
     * Why a contributor's id or attributes cannot be read, or null when they can (or the message names none).
     * CloudWatch's ids have at most 1,024 characters, its attributes at most 30 entries.
     */
    private static String unreadableContributor(String what, String id, Map<String, String> attributes) {
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

    private static AlarmChange.Contributor contributor(String id, Map<String, String> attributes) {
        return id == null ? null
                : new AlarmChange.Contributor(id.trim(), attributes == null ? Map.of() : nonNullValues(attributes));
    }

    /**
     * The alarm's tags as its payload carries them (an object of strings, or a list of key/value pairs), when
     * CloudWatch says the list is whole; empty otherwise (no propagation, a status other than success, or a shape
     * not read here), so that a tag route reads them from CloudWatch or goes unmatched rather than matching on
     * part of them. Tags never make a change unreadable.
     */
    private static Map<String, String> payloadTags(JsonNode tags, String status) {
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

    private Inbound fromEventBridge(JsonNode event, String messageId) throws JsonProcessingException {
        String detailType = text(event, "detail-type");
        if (SCHEDULE_SOURCE.equals(text(event, "source")) && SCHEDULED.equals(detailType)) {
            return fromSchedule(event, messageId);
        }
        if (!CLOUDWATCH_SOURCE.equals(text(event, "source"))) {
            return new Inbound.Skipped("EventBridge event from " + text(event, "source") + ", not CloudWatch",
                    messageId);
        }
        if (CONFIGURATION_CHANGE.equals(detailType)) {
            return fromConfigurationChange(event, messageId);
        }
        if (!STATE_CHANGE.equals(detailType) && !CONTRIBUTOR_CHANGE.equals(detailType)) {
            return new Inbound.Skipped("EventBridge detail-type '" + detailType + "' is not an alarm state change",
                    messageId);
        }
        AlarmDetail detail = mapper.treeToValue(event.path("detail"), AlarmDetail.class);
        JsonNode resources = event.path("resources");
        String arn = resources.isArray() && !resources.isEmpty() ? resources.get(0).asText(null) : null;
        return fromDetail(detail, Envelope.EVENTBRIDGE, arn, text(event, "account"), text(event, "region"),
                messageId);
    }

    /**
     * A configuration change: the deletion of an alarm is its last change, which counts as a recovery at the event's
     * time; creations and updates change no state.
     */
    private Inbound fromConfigurationChange(JsonNode event, String messageId) throws JsonProcessingException {
        AlarmDetail detail = mapper.treeToValue(event.path("detail"), AlarmDetail.class);
        Instant deletedAt = Timestamps.parse(text(event, "time"));
        if (detail == null || !"delete".equals(detail.operation()) || deletedAt == null) {
            return new Inbound.Skipped("EventBridge detail-type '" + CONFIGURATION_CHANGE + "' is not an alarm state"
                    + " change" + (detail != null && "delete".equals(detail.operation())
                            ? " (a deletion without a readable time)" : ""), messageId);
        }
        JsonNode resources = event.path("resources");
        String arn = resources.isArray() && !resources.isEmpty() ? resources.get(0).asText(null) : null;
        Inbound read = fromDetail(new AlarmDetail(detail.alarmName(), detail.operation(),
                new AlarmDetail.State("OK", "the alarm was deleted", null, null), null, detail.configuration(),
                null, null, null, null), Envelope.EVENTBRIDGE, arn, text(event, "account"), text(event, "region"),
                messageId);
        return read instanceof Inbound.Alarm alarm ? new Inbound.Alarm(alarm.change().now(AlarmState.OK,
                "the alarm was deleted", deletedAt, Envelope.EVENTBRIDGE, true), messageId) : read;
    }

    private static Inbound fromSchedule(JsonNode event, String messageId) {
        String time = text(event, "time");
        try {
            if (time != null) {
                List<String> rules = new ArrayList<>();
                event.path("resources").forEach(resource -> {
                    if (resource.isTextual()) {
                        rules.add(resource.asText());
                    }
                });
                return new Inbound.Sweep(Instant.parse(time), text(event, "account"), text(event, "region"),
                        List.copyOf(rules), messageId);
            }
        } catch (DateTimeParseException unreadable) {
            // skipped below, like a missing time
        }
        return new Inbound.Skipped("Scheduled Event without a readable time (" + time + "); the next one sweeps",
                messageId);
    }

    private Inbound fromAlarmAction(JsonNode event, String messageId) throws JsonProcessingException {
        if (!CLOUDWATCH_SOURCE.equals(text(event, "source"))) {
            return new Inbound.Skipped("alarm action from " + text(event, "source") + ", not CloudWatch", messageId);
        }
        AlarmDetail detail = mapper.treeToValue(event.path("alarmData"), AlarmDetail.class);
        return fromDetail(detail, Envelope.ALARM_ACTION, text(event, "alarmArn"), text(event, "accountId"),
                text(event, "region"), messageId);
    }

    private Inbound fromDetail(AlarmDetail detail, Envelope envelope, String arn, String account, String region,
            String messageId) {
        if (detail == null) {
            return new Inbound.Skipped("alarm event has no alarm body", messageId);
        }
        var state = detail.state() == null ? new AlarmDetail.State(null, null, null, null) : detail.state();
        var previous = detail.previousState();
        var configuration = detail.configuration();
        MetricSummary metrics = configuration == null || configuration.metrics() == null ? MetricSummary.NONE
                : summarise(configuration.metrics());
        var contributor = detail.alarmContributor();
        String unreadable = contributor == null ? null
                : unreadableContributor("event", contributor.id() == null ? "" : contributor.id(),
                        contributor.attributes());
        if (unreadable != null) {
            return new Inbound.Skipped(unreadable, messageId);
        }
        return build(messageId, envelope, detail.alarmName(), arn, account, region, state.value(),
                previous == null ? null : previous.value(), state.reason(), state.timestamp(),
                configuration == null ? null : configuration.description(), metrics,
                configuration == null ? null : configuration.alarmRule(),
                state.actionsSuppressedBy() != null && !state.actionsSuppressedBy().isBlank(),
                payloadTags(detail.alarmTags(), detail.alarmTagsStatus()), mutedBy(detail.muteDetail()),
                contributor == null ? null : contributor(contributor.id(), contributor.attributes()));
    }

    /** The mute rule that holds the alarm's actions, as "alarm mute rule R until T"; null when none does. */
    private static String mutedBy(AlarmDetail.MuteDetail mute) {
        if (mute == null || blankToNull(mute.mutedByArn()) == null) {
            return null;
        }
        String rule = mute.mutedByArn().substring(mute.mutedByArn().lastIndexOf(':') + 1);
        return "alarm mute rule " + rule + (mute.muteWindowEnd() == null ? "" : " until " + mute.muteWindowEnd());
    }

    private static Inbound build(String messageId, Envelope envelope, String name, String arn, String account,
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

    private static MetricSummary summarise(SnsAlarmMessage.Trigger trigger) {
        if (trigger.metricName() != null) {
            return new MetricSummary(trigger.namespace(), List.of(trigger.metricName()),
                    dimensionMap(trigger.dimensions()));
        }
        if (trigger.metrics() == null) {
            return trigger.namespace() == null ? MetricSummary.NONE
                    : new MetricSummary(trigger.namespace(), List.of(), dimensionMap(trigger.dimensions()));
        }
        List<MetricSummary.Query> queries = new ArrayList<>();
        for (var query : trigger.metrics()) {
            var metric = query == null || query.metricStat() == null ? null : query.metricStat().metric();
            if (metric != null) {
                queries.add(MetricSummary.Query.metric(metric.namespace(), metric.metricName(),
                        dimensionMap(metric.dimensions())));
            } else if (query != null) {
                queries.add(MetricSummary.Query.expression(query.expression()));
            }
        }
        return MetricSummary.of(queries);
    }

    private static MetricSummary summarise(List<AlarmDetail.MetricQuery> queries) {
        List<MetricSummary.Query> read = new ArrayList<>();
        for (var query : queries) {
            var metric = query == null || query.metricStat() == null ? null : query.metricStat().metric();
            if (metric != null) {
                read.add(MetricSummary.Query.metric(metric.namespace(), metric.name(),
                        metric.dimensions() == null ? Map.of() : nonNullValues(metric.dimensions())));
            } else if (query != null) {
                read.add(MetricSummary.Query.expression(query.expression()));
            }
        }
        return MetricSummary.of(read);
    }

    private static Map<String, String> dimensionMap(List<SnsAlarmMessage.Dimension> dimensions) {
        Map<String, String> map = new LinkedHashMap<>();
        if (dimensions != null) {
            for (var dimension : dimensions) {
                if (dimension != null && dimension.name() != null) {
                    map.put(dimension.name(), dimension.value() == null ? "" : dimension.value());
                }
            }
        }
        return map;
    }

    private static Map<String, String> nonNullValues(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key != null) {
                copy.put(key, value == null ? "" : value);
            }
        });
        return copy;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean isPublished(JsonNode document) {
        return document != null && document.isObject() && Inbound.Published.KIND.equals(text(document, "kind"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static String describeSource(JsonNode record) {
        String source = text(record, "eventSource");
        return source != null ? source : String.valueOf(text(record, "EventSource"));
    }

    private static String shorten(String message) {
        if (message == null) {
            return "unreadable";
        }
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_REASON_DETAIL ? oneLine : oneLine.substring(0, MAX_REASON_DETAIL) + "...";
    }
}
