package dev.statuspagesync.inbound;

import static dev.statuspagesync.inbound.AlarmChanges.build;
import static dev.statuspagesync.inbound.AlarmChanges.contributor;
import static dev.statuspagesync.inbound.AlarmChanges.payloadTags;
import static dev.statuspagesync.inbound.AlarmChanges.unreadableContributor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;

/** The alarm message CloudWatch publishes to SNS ({@link SnsAlarmMessage}) as an alarm change. */
final class SnsAlarms {

    private SnsAlarms() {
    }

    /**
     * {@code topicArn} is the SNS topic that carried the message, null with raw delivery; it stands in for the
     * Region of notifications in CloudWatch's older format, which name no {@code AlarmArn}.
     */
    static Inbound fromSnsAlarm(SnsAlarmMessage message, String topicArn, String messageId) {
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

    static MetricSummary summarise(SnsAlarmMessage.Trigger trigger) {
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

    static Map<String, String> dimensionMap(List<SnsAlarmMessage.Dimension> dimensions) {
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
}
