package dev.statuspagesync.alarm;

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
 * @param tagsSetAside      why the tags the payload carries were not used (not propagated whole, beyond
 *                          CloudWatch's limits, or not trusted), null when none were set aside
 * @param envelope          the delivery path, for logs
 * @param mutedBy           the alarm mute rule that mutes the alarm's actions at this change, null when none
 * @param contributor       the time series of a multi-time-series alarm that changed, null for the alarm itself
 * @param deleted           whether CloudWatch no longer has the alarm (found by the sweep's reconciliation)
 * @param health            the AWS Health event the change stands for, null for an alarm's change
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
        String tagsSetAside,
        Envelope envelope,
        String mutedBy,
        Contributor contributor,
        boolean deleted,
        HealthEvent health) {

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

    /**
     * A change of alarm {@code name} ({@code arn}) to {@code state}, its other parts set on the builder: by default
     * no previous state, reason, time, description, metric, rule or tags, the actions neither suppressed nor muted,
     * the whole alarm, which CloudWatch has.
     */
    public static Builder of(String name, String arn, AlarmState state) {
        return new Builder(name, arn, state);
    }

    /** A builder that starts from this change, to make a variation of it. */
    public Builder toBuilder() {
        return new Builder(name, arn, newState).account(accountId).region(region).previous(previousState)
                .reason(reason).at(stateTime).description(description).metrics(metrics).rule(compositeRule)
                .suppressed(actionsSuppressed).tags(tags).tagsSetAside(tagsSetAside).via(envelope).mutedBy(mutedBy)
                .contributor(contributor).deleted(deleted).health(health);
    }

    /** The parts of an {@link AlarmChange}, named. */
    public static final class Builder {

        private final String name;
        private final String arn;
        private AlarmState newState;
        private String accountId;
        private String region;
        private AlarmState previousState;
        private String reason;
        private Instant stateTime;
        private String description;
        private MetricSummary metrics = MetricSummary.NONE;
        private String compositeRule;
        private boolean actionsSuppressed;
        private Map<String, String> tags = Map.of();
        private String tagsSetAside;
        private Envelope envelope;
        private String mutedBy;
        private Contributor contributor;
        private boolean deleted;
        private HealthEvent health;

        private Builder(String name, String arn, AlarmState state) {
            this.name = name;
            this.arn = arn;
            this.newState = state;
        }

        public Builder state(AlarmState state) {
            this.newState = state;
            return this;
        }

        public Builder account(String account) {
            this.accountId = account;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder previous(AlarmState state) {
            this.previousState = state;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder at(Instant time) {
            this.stateTime = time;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder metrics(MetricSummary metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder rule(String compositeRule) {
            this.compositeRule = compositeRule;
            return this;
        }

        public Builder suppressed(boolean suppressed) {
            this.actionsSuppressed = suppressed;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder tagsSetAside(String why) {
            this.tagsSetAside = why;
            return this;
        }

        public Builder via(Envelope envelope) {
            this.envelope = envelope;
            return this;
        }

        public Builder mutedBy(String rule) {
            this.mutedBy = rule;
            return this;
        }

        public Builder contributor(Contributor timeSeries) {
            this.contributor = timeSeries;
            return this;
        }

        public Builder deleted(boolean gone) {
            this.deleted = gone;
            return this;
        }

        public Builder health(HealthEvent event) {
            this.health = event;
            return this;
        }

        public AlarmChange build() {
            return new AlarmChange(name, arn, accountId, region, newState, previousState, reason, stateTime,
                    description, metrics, compositeRule, actionsSuppressed, tags, tagsSetAside, envelope, mutedBy,
                    contributor, deleted, health);
        }
    }

    /**
     * What the change stands for in an incident's list of alarms: the alarm's ARN, or for a contributor of a
     * multi-time-series alarm the ARN and the contributor's id.
     */
    public MemberKey memberKey() {
        return MemberKey.of(arn, contributor == null ? null : contributor.id());
    }

    /** This change with the alarm's tags, read apart from it. */
    public AlarmChange withTags(Map<String, String> alarmTags) {
        return toBuilder().tags(alarmTags).build();
    }

    /** This change while the mute rule {@code rule} holds the alarm's actions. */
    public AlarmChange withMutedBy(String rule) {
        return toBuilder().mutedBy(rule).build();
    }

    /** This change as one of the alarm's time series. */
    public AlarmChange withContributor(Contributor timeSeries) {
        return toBuilder().contributor(timeSeries).build();
    }

    /** This change as of {@code time}. */
    public AlarmChange at(Instant time) {
        return toBuilder().at(time).build();
    }

    /** The same alarm in {@code state} since {@code time}, as CloudWatch reports it now. */
    public AlarmChange now(AlarmState state, String why, Instant time, Envelope via, boolean gone) {
        return toBuilder().state(state).previous(null).reason(why).at(time).suppressed(false).via(via).mutedBy(null)
                .deleted(gone).build();
    }

    /** Whether the change is an AWS Health event's, not an alarm's. */
    public boolean isHealth() {
        return health != null;
    }

    /** The partition of the ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public String partition() {
        return Arn.parse(arn).map(Arn::partition).filter(partition -> !partition.isEmpty()).orElse("aws");
    }
}
