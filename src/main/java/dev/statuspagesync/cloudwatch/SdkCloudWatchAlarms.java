package dev.statuspagesync.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmMuteRuleStatus;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.LogAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** {@link CloudWatchAlarms} through the AWS SDK's CloudWatch client; every call ends by {@code callTimeout}. */
final class SdkCloudWatchAlarms implements CloudWatchAlarms {

    private static final int MAX_RECORDS = 100;

    private final CloudWatchClient client;
    private final Supplier<Duration> callTimeout;

    SdkCloudWatchAlarms(CloudWatchClient client, Supplier<Duration> callTimeout) {
        this.client = client;
        this.callTimeout = callTimeout;
    }

    @Override
    public List<AlarmChange> inState(AlarmState state, String actionPrefix, String namePrefix) {
        return describe(DescribeAlarmsRequest.builder().stateValue(StateValue.fromValue(state.name()))
                .actionPrefix(actionPrefix).alarmNamePrefix(namePrefix));
    }

    @Override
    public List<AlarmChange> named(Collection<String> names) {
        List<String> all = List.copyOf(names);
        List<AlarmChange> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_NAMES_PER_CALL) {
            found.addAll(describe(DescribeAlarmsRequest.builder()
                    .alarmNames(all.subList(from, Math.min(all.size(), from + MAX_NAMES_PER_CALL)))));
        }
        return found;
    }

    @Override
    public Map<String, String> tags(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        call("ListTagsForResource", () -> client.listTagsForResource(request -> request.resourceARN(arn)
                .overrideConfiguration(timeout()))).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    @Override
    public Map<String, String> mutedAlarms() {
        Map<String, String> muted = new LinkedHashMap<>();
        String token = null;
        do {
            String next = token;
            var page = call("ListAlarmMuteRules", () -> client.listAlarmMuteRules(request -> request
                    .statuses(AlarmMuteRuleStatus.ACTIVE).nextToken(next).overrideConfiguration(timeout())));
            for (var summary : page.alarmMuteRuleSummaries()) {
                String arn = summary.alarmMuteRuleArn();
                String name = arn == null ? "" : arn.substring(arn.lastIndexOf(':') + 1);
                var rule = call("GetAlarmMuteRule", () -> client.getAlarmMuteRule(request -> request
                        .alarmMuteRuleName(name).overrideConfiguration(timeout())));
                if (rule.status() == AlarmMuteRuleStatus.ACTIVE && rule.muteTargets() != null) {
                    String why = "alarm mute rule " + name
                            + (rule.expireDate() == null ? "" : " until " + rule.expireDate());
                    rule.muteTargets().alarmNames().forEach(alarm -> muted.putIfAbsent(alarm, why));
                }
            }
            token = next(token, page.nextToken(), "ListAlarmMuteRules");
        } while (token != null);
        return muted;
    }

    @Override
    public List<AlarmChange> contributorsInAlarm(AlarmChange alarm) {
        List<AlarmChange> contributors = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = call("DescribeAlarmContributors", () -> client.describeAlarmContributors(request -> request
                    .alarmName(alarm.name()).nextToken(next).overrideConfiguration(timeout())));
            page.alarmContributors().forEach(contributor -> contributors.add(alarm.now(AlarmState.ALARM,
                    contributor.stateReason(), contributor.stateTransitionedTimestamp(), Envelope.CLOUDWATCH, false)
                    .withContributor(new AlarmChange.Contributor(contributor.contributorId(),
                            contributor.contributorAttributes()))));
            token = next(token, page.nextToken(), "DescribeAlarmContributors");
        } while (token != null);
        return contributors;
    }

    /**
     * Every page of one DescribeAlarms query, for the three types alike: CloudWatch returns log alarms only when
     * asked for them, and an alarm a read leaves out would pass for a deleted one.
     */
    private List<AlarmChange> describe(DescribeAlarmsRequest.Builder query) {
        List<AlarmChange> alarms = new ArrayList<>();
        String token = null;
        do {
            DescribeAlarmsRequest request = query.alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM,
                    AlarmType.LOG_ALARM).maxRecords(MAX_RECORDS).nextToken(token).overrideConfiguration(timeout())
                    .build();
            DescribeAlarmsResponse page = call("DescribeAlarms", () -> client.describeAlarms(request));
            page.metricAlarms().forEach(alarm -> toChange(alarm).ifPresent(alarms::add));
            page.compositeAlarms().forEach(alarm -> toChange(alarm).ifPresent(alarms::add));
            page.logAlarms().forEach(alarm -> toChange(alarm).ifPresent(alarms::add));
            token = next(token, page.nextToken(), "DescribeAlarms");
        } while (token != null);
        return alarms;
    }

    /** Ends the call by the invocation's deadline (or the client's own limit, whichever comes first). */
    private Consumer<AwsRequestOverrideConfiguration.Builder> timeout() {
        return override -> override.apiCallTimeout(callTimeout.get());
    }

    private static Optional<AlarmChange> toChange(MetricAlarm alarm) {
        return change(alarm.alarmName(), alarm.alarmArn(), alarm.stateValueAsString(), alarm.stateReason(),
                since(alarm.stateTransitionedTimestamp(), alarm.stateUpdatedTimestamp()), alarm.alarmDescription(),
                summarise(alarm), null, false);
    }

    private static Optional<AlarmChange> toChange(CompositeAlarm alarm) {
        boolean suppressed = alarm.actionsSuppressedByAsString() != null
                && !"None".equalsIgnoreCase(alarm.actionsSuppressedByAsString());
        return change(alarm.alarmName(), alarm.alarmArn(), alarm.stateValueAsString(), alarm.stateReason(),
                since(alarm.stateTransitionedTimestamp(), alarm.stateUpdatedTimestamp()), alarm.alarmDescription(),
                MetricSummary.NONE, alarm.alarmRule(), suppressed);
    }

    /**
     * A log alarm: its state and reason, never its query, log groups or log lines (the scheduled query's
     * configuration and {@code StateReasonData} are not read).
     */
    private static Optional<AlarmChange> toChange(LogAlarm alarm) {
        return change(alarm.alarmName(), alarm.alarmArn(), alarm.stateValueAsString(), alarm.stateReason(),
                since(alarm.stateTransitionedTimestamp(), alarm.stateUpdatedTimestamp()), alarm.alarmDescription(),
                MetricSummary.NONE, null, false);
    }

    private static Optional<AlarmChange> change(String name, String arn, String state, String reason, Instant since,
            String description, MetricSummary metrics, String rule, boolean suppressed) {
        var parsed = AlarmArn.parse(arn);
        var value = AlarmState.parse(state);
        if (parsed.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AlarmChange.of(name, arn, value.get()).account(parsed.get().account())
                .region(parsed.get().region()).reason(reason).at(since)
                .description(description == null || description.isBlank() ? null : description).metrics(metrics)
                .rule(rule).suppressed(suppressed).via(Envelope.CLOUDWATCH).build());
    }

    /** When the alarm entered its state: the last transition, or the last update for an alarm that has none. */
    private static Instant since(Instant transitioned, Instant updated) {
        return transitioned != null ? transitioned : updated;
    }

    /** The same summary an event of the alarm gives. */
    private static MetricSummary summarise(MetricAlarm alarm) {
        if (alarm.metricName() != null) {
            return new MetricSummary(alarm.namespace(), List.of(alarm.metricName()), dimensions(alarm.dimensions()));
        }
        return MetricSummary.of(alarm.metrics().stream().map(query -> query.metricStat() == null
                || query.metricStat().metric() == null ? MetricSummary.Query.expression(query.expression())
                        : MetricSummary.Query.metric(query.metricStat().metric().namespace(),
                                query.metricStat().metric().metricName(),
                                dimensions(query.metricStat().metric().dimensions())))
                .toList());
    }

    private static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> map = new LinkedHashMap<>();
        dimensions.forEach(dimension -> map.put(dimension.name(), dimension.value() == null ? "" : dimension.value()));
        return map;
    }

    /** The token of the next page; an answer that names the page just read again would never end. */
    private static String next(String current, String next, String operation) {
        if (next != null && next.equals(current)) {
            throw new CloudWatchException("CloudWatch " + operation + " answered the same NextToken twice", null);
        }
        return next;
    }

    /** Makes one call, its failure told in words that name the call and CloudWatch's error code. */
    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException refused) {
            String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
            throw new CloudWatchException("CloudWatch " + operation + " failed: "
                    + (code == null ? "HTTP " + refused.statusCode() : code + " (HTTP " + refused.statusCode() + ")"),
                    code, refused);
        } catch (SdkException unreachable) {
            throw new CloudWatchException("CloudWatch " + operation + " failed: " + unreachable.getMessage(),
                    unreachable);
        }
    }
}
