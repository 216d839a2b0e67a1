package dev.statuspagesync.inbound;

import java.time.Instant;
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
        String mutedBy) {

    public AlarmChange {
        tags = Map.copyOf(tags);
    }

    /** A change whose actions no mute rule holds. */
    public AlarmChange(String name, String arn, String accountId, String region, AlarmState newState,
            AlarmState previousState, String reason, Instant stateTime, String description, MetricSummary metrics,
            String compositeRule, boolean actionsSuppressed, Map<String, String> tags, Envelope envelope) {
        this(name, arn, accountId, region, newState, previousState, reason, stateTime, description, metrics,
                compositeRule, actionsSuppressed, tags, envelope, null);
    }

    /** The partition of the ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public String partition() {
        String[] parts = arn.split(":", 6);
        return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "aws";
    }
}
