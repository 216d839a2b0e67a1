package dev.statuspagesync.inbound;

import static dev.statuspagesync.inbound.AlarmChanges.blankToNull;
import static dev.statuspagesync.inbound.AlarmChanges.build;
import static dev.statuspagesync.inbound.AlarmChanges.contributor;
import static dev.statuspagesync.inbound.AlarmChanges.nonNullValues;
import static dev.statuspagesync.inbound.AlarmChanges.payloadTags;
import static dev.statuspagesync.inbound.AlarmChanges.text;
import static dev.statuspagesync.inbound.AlarmChanges.unreadableContributor;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;

/**
 * The camelCase alarm bodies ({@link AlarmDetail}) of EventBridge events and direct alarm actions as alarm changes,
 * and the sweep's Scheduled Event.
 */
final class DetailEvents {

    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    static final String CONTRIBUTOR_CHANGE = "CloudWatch Alarm Contributor State Change";
    static final String CONFIGURATION_CHANGE = "CloudWatch Alarm Configuration Change";
    static final String SCHEDULE_SOURCE = "aws.events";
    static final String SCHEDULED = "Scheduled Event";
    private static final String CLOUDWATCH_SOURCE = "aws.cloudwatch";

    private final ObjectMapper mapper;

    DetailEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Inbound fromEventBridge(JsonNode event, String messageId) throws JsonProcessingException {
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
    Inbound fromConfigurationChange(JsonNode event, String messageId) throws JsonProcessingException {
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

    static Inbound fromSchedule(JsonNode event, String messageId) {
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

    Inbound fromAlarmAction(JsonNode event, String messageId) throws JsonProcessingException {
        if (!CLOUDWATCH_SOURCE.equals(text(event, "source"))) {
            return new Inbound.Skipped("alarm action from " + text(event, "source") + ", not CloudWatch", messageId);
        }
        AlarmDetail detail = mapper.treeToValue(event.path("alarmData"), AlarmDetail.class);
        return fromDetail(detail, Envelope.ALARM_ACTION, text(event, "alarmArn"), text(event, "accountId"),
                text(event, "region"), messageId);
    }

    Inbound fromDetail(AlarmDetail detail, Envelope envelope, String arn, String account, String region,
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
    static String mutedBy(AlarmDetail.MuteDetail mute) {
        if (mute == null || blankToNull(mute.mutedByArn()) == null) {
            return null;
        }
        String rule = mute.mutedByArn().substring(mute.mutedByArn().lastIndexOf(':') + 1);
        return "alarm mute rule " + rule + (mute.muteWindowEnd() == null ? "" : " until " + mute.muteWindowEnd());
    }

    static MetricSummary summarise(List<AlarmDetail.MetricQuery> queries) {
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
}
