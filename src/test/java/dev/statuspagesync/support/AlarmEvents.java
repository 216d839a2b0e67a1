package dev.statuspagesync.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Variations of the fixtures for lifecycle sequences: the same alarm at other states and times, through SNS
 * (the alarm JSON rewritten inside {@code Sns.Message}) or EventBridge.
 */
public final class AlarmEvents {

    /** The alarm of {@code sns-single-metric-alarm.json}. */
    public static final String NAME = "checkout-api-high-cpu";
    public static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + NAME;

    private AlarmEvents() {
    }

    /** The SNS fixture's alarm moved to {@code state} at {@code time} (CloudWatch's {@code +0000} spelling). */
    public static String sns(String state, String previous, String time) {
        return sns(NAME, state, previous, time);
    }

    /** An alarm called {@code name}, otherwise the SNS fixture's, moved to {@code state} at {@code time}. */
    public static String sns(String name, String state, String previous, String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-single-metric-alarm.json");
        ObjectNode sns = (ObjectNode) event.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        message.put("AlarmName", name).put("AlarmArn", "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name);
        message.put("NewStateValue", state).put("OldStateValue", previous).put("StateChangeTime", time)
                .put("NewStateReason", "Threshold Crossed: test sequence moved the alarm to " + state + ".");
        sns.put("Message", write(message));
        return write(event);
    }

    /** {@code message} as anyone who may publish to the alarm topic could send it: the SNS fixture's envelope. */
    public static String onTheAlarmTopic(String message) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-single-metric-alarm.json");
        ((ObjectNode) event.path("Records").get(0).path("Sns")).put("Message", message);
        return write(event);
    }

    /** The same alarm as {@link #sns}, delivered by an EventBridge rule. */
    public static String eventBridge(String state, String previous, String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-single-metric-alarm.json");
        event.putArray("resources").add(ARN);
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("alarmName", NAME);
        ((ObjectNode) detail.path("state")).put("value", state).put("timestamp", time)
                .put("reason", "Threshold Crossed: test sequence moved the alarm to " + state + ".");
        ((ObjectNode) detail.path("previousState")).put("value", previous);
        return write(event);
    }

    /** The multi-time-series alarm of {@code eventbridge-contributor-alarm.json}. */
    public static final String TABLES = "checkout-tables-throttled";
    public static final String TABLES_ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + TABLES;

    /**
     * The contributor event of {@code eventbridge-contributor-alarm.json} for the time series {@code id} of table
     * {@code table}, moved to {@code state} at {@code time}.
     */
    public static String contributor(String id, String table, String state, String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-contributor-alarm.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.path("alarmContributor")).put("id", id);
        ((ObjectNode) detail.path("alarmContributor").path("attributes")).put("TableName", table);
        ((ObjectNode) detail.path("state")).put("value", state).put("timestamp", time)
                .put("reason", "Threshold Crossed: test sequence moved the time series to " + state + ".");
        return write(event);
    }

    /**
     * The SNS notification of {@code sns-metrics-insights-contributor.json} for the time series {@code id} of
     * table {@code table}, moved from {@code previous} to {@code state} at {@code time}.
     */
    public static String snsContributor(String id, String table, String state, String previous, String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sns-metrics-insights-contributor.json");
        ObjectNode sns = (ObjectNode) event.path("Records").get(0).path("Sns");
        ObjectNode message = (ObjectNode) Fixtures.json(sns.path("Message").asText());
        message.put("AlarmContributorId", id).put("NewStateValue", state).put("OldStateValue", previous)
                .put("StateChangeTime", time)
                .put("NewStateReason", "Threshold Crossed: test sequence moved the time series to " + state + ".");
        ((ObjectNode) message.path("AlarmContributorAttributes")).put("TableName", table);
        sns.put("Message", write(message));
        return write(event);
    }

    /** The multi-time-series alarm's own change ({@code eventbridge-multi-time-series-alarm.json}) to {@code state}. */
    public static String multiTimeSeries(String state, String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-multi-time-series-alarm.json");
        ((ObjectNode) event.path("detail").path("state")).put("value", state).put("timestamp", time);
        return write(event);
    }

    /** The sweep's Scheduled Event (the fixture {@code eventbridge-scheduled-event.json}) at {@code time}. */
    public static String sweep(String time) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("eventbridge-scheduled-event.json");
        event.put("time", time);
        return write(event);
    }

    /** One alarm state change of a mixed batch. */
    public record Change(String name, String state, String previous, String time) {
    }

    /**
     * An SQS batch with raw SNS delivery (the fixture {@code sqs-raw-delivery.json}), one message per alarm name,
     * each alarm moved to {@code state} at {@code time} on the fixture's metric and components.
     */
    public static String sqsBatch(List<String> alarmNames, String state, String previous, String time) {
        return sqsBatch(alarmNames.stream().map(name -> new Change(name, state, previous, time)).toList());
    }

    /** An SQS batch like the one above, with one message per change, in order. */
    public static String sqsBatch(List<Change> changes) {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("sqs-raw-delivery.json");
        ObjectNode template = (ObjectNode) event.path("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < changes.size(); i++) {
            ObjectNode record = template.deepCopy();
            ObjectNode body = (ObjectNode) Fixtures.json(template.path("body").asText());
            Change change = changes.get(i);
            body.put("AlarmName", change.name())
                    .put("AlarmArn", "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + change.name())
                    .put("NewStateValue", change.state()).put("OldStateValue", change.previous())
                    .put("StateChangeTime", change.time());
            record.put("messageId", messageId(i)).put("body", write(body));
            records.add(record);
        }
        return write(event);
    }

    /** The SQS message id {@link #sqsBatch} gives the message at {@code index}. */
    public static String messageId(int index) {
        return "%08d-0000-4000-8000-000000000000".formatted(index);
    }

    private static String write(Object node) {
        try {
            return Fixtures.JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
