package dev.statuspagesync.inbound;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The camelCase alarm body shared by EventBridge ({@code detail}) and direct alarm actions
 * ({@code alarmData}). Wire formats: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 * and "Lambda alarm action payload" in https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record AlarmDetail(
        String alarmName,
        String operation,
        State state,
        State previousState,
        Configuration configuration,
        JsonNode alarmTags,
        String alarmTagsStatus,
        MuteDetail muteDetail,
        AlarmContributor alarmContributor) {

    /**
     * One time series of a multi-time-series alarm, in "CloudWatch Alarm Contributor State Change" events and in
     * the alarm action of one contributor.
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AlarmContributor(String id, Map<String, String> attributes) {
    }

    /** Present while an alarm mute rule mutes the alarm's actions (planned maintenance, for example). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MuteDetail(String mutedByArn, String muteWindowStart, String muteWindowEnd) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(String value, String reason, String timestamp, String actionsSuppressedBy) {
    }

    /** Metric alarms carry {@code metrics}; composite alarms carry {@code alarmRule}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Configuration(String description, List<MetricQuery> metrics, String alarmRule) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetricQuery(String id, String expression, String label, MetricStat metricStat) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetricStat(Metric metric) {
    }

    /** Here dimensions are a JSON object, not SNS's list of name/value pairs. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metric(String namespace, String name, Map<String, String> dimensions) {
    }
}
