package dev.statuspagesync.inbound;

import static dev.statuspagesync.inbound.AlarmChanges.text;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.alarm.AlarmArn;

/**
 * Turns any invocation payload (SNS event, SQS event, EventBridge event, direct alarm action, AWS Health event)
 * into alarm changes, sweeps and deliberate skips. It never throws: whatever it cannot read becomes a
 * {@link Inbound.Skipped} with the reason.
 */
@ApplicationScoped
public class EnvelopeReader {

    private static final int MAX_REASON_DETAIL = 160;

    private final ObjectMapper mapper;
    private final DetailEvents details;

    public EnvelopeReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.details = new DetailEvents(mapper);
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
            if ((channel != null || messageId != null) && DetailEvents.SCHEDULE_SOURCE.equals(text(document, "source"))
                    && DetailEvents.SCHEDULED.equals(text(document, "detail-type"))) {
                return new Inbound.Skipped("a Scheduled Event arrives only by direct invocation, not in an SNS or"
                        + " SQS message", messageId);
            }
            if (HealthEvents.SOURCE.equals(text(document, "source")) && document.has("detail-type")) {
                // Only EventBridge's rule invokes the function with one: in a topic's or queue's message, anyone
                // who may publish or send there could have written it.
                return HealthEvents.read(document, channel != null || messageId != null, messageId);
            }
            if (document.has("detail-type")) {
                return details.fromEventBridge(document, messageId);
            }
            if (document.has("alarmData")) {
                return details.fromAlarmAction(document, messageId);
            }
            if (document.has("Type") && document.has("Message")) {
                return fromSnsNotification(document, messageId, channel);
            }
            if (document.has("AlarmName") || document.has("AlarmArn")) {
                return SnsAlarms.fromSnsAlarm(mapper.treeToValue(document, SnsAlarmMessage.class), topicArn, messageId);
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
            return SnsAlarms.fromSnsAlarm(mapper.treeToValue(message, SnsAlarmMessage.class),
                    text(notification, "TopicArn"), messageId);
        } catch (JsonProcessingException malformed) {
            return new Inbound.Skipped("malformed CloudWatch alarm payload: " + shorten(malformed.getOriginalMessage()),
                    messageId);
        }
    }

    private static boolean isPublished(JsonNode document) {
        return document != null && document.isObject() && Inbound.Published.KIND.equals(text(document, "kind"));
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
