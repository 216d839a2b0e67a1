package dev.statuspagesync.inbound;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.statuspagesync.alarm.AlarmArn;

/**
 * The alarm JSON that CloudWatch publishes to SNS (carried as a string in {@code Sns.Message}, or as the
 * bare SQS body with raw delivery). Wire format: "Amazon SNS notification payload" in
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html; a log alarm's
 * message has no {@code Trigger}, and its {@code NewStateReasonData} (never read here) is an object. The
 * notification of one contributor (time series) of a multi-time-series alarm carries its id and attributes
 * ("Acting on alarm changes", "Log alarms"); with tag propagation on, the alarm's tags come with their status
 * ("Alarm tags in action payloads").
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record SnsAlarmMessage(
        @JsonProperty("AlarmName") String alarmName,
        @JsonProperty("AlarmDescription") String alarmDescription,
        @JsonProperty("AWSAccountId") String accountId,
        @JsonProperty("NewStateValue") String newStateValue,
        @JsonProperty("NewStateReason") String newStateReason,
        @JsonProperty("StateChangeTime") String stateChangeTime,
        @JsonProperty("AlarmArn") String alarmArn,
        @JsonProperty("OldStateValue") String oldStateValue,
        @JsonProperty("AlarmRule") String alarmRule,
        @JsonProperty("Trigger") Trigger trigger,
        @JsonProperty("AlarmContributorId") String contributorId,
        @JsonProperty("AlarmContributorAttributes") Map<String, String> contributorAttributes,
        @JsonProperty("AlarmTags") JsonNode tags,
        @JsonProperty("AlarmTagsStatus") String tagsStatus) {

    /** Single-metric alarms fill MetricName/Namespace/Dimensions; math and anomaly alarms fill Metrics. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Trigger(
            @JsonProperty("MetricName") String metricName,
            @JsonProperty("Namespace") String namespace,
            @JsonProperty("Dimensions") List<Dimension> dimensions,
            @JsonProperty("Metrics") List<MetricQuery> metrics) {
    }

    /** SNS spells dimension keys in lower case, unlike the rest of the message. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dimension(String name, String value) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetricQuery(
            @JsonProperty("Id") String id,
            @JsonProperty("Expression") String expression,
            @JsonProperty("Label") String label,
            @JsonProperty("MetricStat") MetricStat metricStat) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetricStat(@JsonProperty("Metric") Metric metric) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metric(
            @JsonProperty("MetricName") String metricName,
            @JsonProperty("Namespace") String namespace,
            @JsonProperty("Dimensions") List<Dimension> dimensions) {
    }
}
