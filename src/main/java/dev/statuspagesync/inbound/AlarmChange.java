package dev.statuspagesync.inbound;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch alarm state change, whichever envelope carried it.
 *
 * @param name              alarm name
 * @param arn               alarm ARN: the alarm's identity across envelopes
 * @param accountId         AWS account that owns the alarm
 * @param region            region code taken from the ARN (e.g. {@code us-east-1}), never a display name
 * @param newState          state the alarm moved to
 * @param previousState     state it left, null when the payload does not say
 * @param reason            CloudWatch's human-readable reason for the change
 * @param stateTime         when the change happened, null when the payload carries no parseable time
 * @param description       the alarm's description, null when it has none
 * @param metrics           what the alarm watches ({@link MetricSummary#NONE} for composite alarms)
 * @param compositeRule     the alarm rule of a composite alarm, null otherwise
 * @param actionsSuppressed whether CloudWatch suppressed the alarm's actions (composite suppressor)
 * @param tags              alarm tags when the payload carries them, else empty
 * @param envelope          the delivery path, for logs
 * @param mutedBy           the alarm mute rule that mutes the alarm's actions at this change, null when none
 * @param contributor       the time series of a multi-time-series alarm that changed, null for the alarm itself
 * @param deleted           whether CloudWatch no longer has the alarm (found by the sweep's reconciliation)
 */
public record AlarmChange(
        String name,
        String arn,
        String accountId,
        String region,
        AlarmState newState,
        AlarmState previousState,
        String reason,
        Instant stateTime,
        String description,
        MetricSummary metrics,
        String compositeRule,
        boolean actionsSuppressed,
        Map<String, String> tags,
        Envelope envelope,
        String mutedBy,
        Contributor contributor,
        boolean deleted) {

    /**
     * One time series of a multi-time-series alarm (an alarm on a Metrics Insights query with GROUP BY).
     *
     * @param id         CloudWatch's contributor id, stable for the time series
     * @param attributes the values of the GROUP BY keys, in CloudWatch's order
     */
    public record Contributor(String id, Map<String, String> attributes) {

        public Contributor {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    public AlarmChange {
        tags = Map.copyOf(tags);
    }

    /** A change of a whole alarm, which CloudWatch has, whose actions no mute rule holds. */
    public AlarmChange(String name, String arn, String accountId, String region, AlarmState newState,
            AlarmState previousState, String reason, Instant stateTime, String description, MetricSummary metrics,
            String compositeRule, boolean actionsSuppressed, Map<String, String> tags, Envelope envelope,
            String mutedBy) {
        this(name, arn, accountId, region, newState, previousState, reason, stateTime, description, metrics,
                compositeRule, actionsSuppressed, tags, envelope, mutedBy, null, false);
    }

    /** A change whose actions no mute rule holds. */
    public AlarmChange(String name, String arn, String accountId, String region, AlarmState newState,
            AlarmState previousState, String reason, Instant stateTime, String description, MetricSummary metrics,
            String compositeRule, boolean actionsSuppressed, Map<String, String> tags, Envelope envelope) {
        this(name, arn, accountId, region, newState, previousState, reason, stateTime, description, metrics,
                compositeRule, actionsSuppressed, tags, envelope, null);
    }

    /**
     * What the change stands for in an incident's list of alarms: the alarm's ARN, or for a contributor of a
     * multi-time-series alarm the ARN and the contributor's id.
     */
    public String memberKey() {
        return contributor == null ? arn : MemberKey.of(arn, contributor.id());
    }

    /** This change with the alarm's tags, read apart from it. */
    public AlarmChange withTags(Map<String, String> alarmTags) {
        return new AlarmChange(name, arn, accountId, region, newState, previousState, reason, stateTime, description,
                metrics, compositeRule, actionsSuppressed, alarmTags, envelope, mutedBy, contributor, deleted);
    }

    /** This change while the mute rule {@code rule} holds the alarm's actions. */
    public AlarmChange withMutedBy(String rule) {
        return new AlarmChange(name, arn, accountId, region, newState, previousState, reason, stateTime, description,
                metrics, compositeRule, actionsSuppressed, tags, envelope, rule, contributor, deleted);
    }

    /** This change as one of the alarm's time series. */
    public AlarmChange withContributor(Contributor timeSeries) {
        return new AlarmChange(name, arn, accountId, region, newState, previousState, reason, stateTime, description,
                metrics, compositeRule, actionsSuppressed, tags, envelope, mutedBy, timeSeries, deleted);
    }

    /** This change as of {@code time}. */
    public AlarmChange at(Instant time) {
        return new AlarmChange(name, arn, accountId, region, newState, previousState, reason, time, description,
                metrics, compositeRule, actionsSuppressed, tags, envelope, mutedBy, contributor, deleted);
    }

    /** The same alarm in {@code state} since {@code time}, as CloudWatch reports it now. */
    public AlarmChange now(AlarmState state, String why, Instant time, Envelope via, boolean gone) {
        return new AlarmChange(name, arn, accountId, region, state, null, why, time, description, metrics,
                compositeRule, false, tags, via, null, contributor, gone);
    }

    /** The partition of the ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public String partition() {
        String[] parts = arn.split(":", 6);
        return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "aws";
    }
}
