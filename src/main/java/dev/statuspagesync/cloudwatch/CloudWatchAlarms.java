package dev.statuspagesync.cloudwatch;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;

/**
 * What the sweep's reconciliation asks CloudWatch, in one account and Region. Each alarm comes back as the change
 * that put it in its current state: its state, CloudWatch's reason, and the time of its last transition.
 * Every method throws {@link CloudWatchException} when CloudWatch cannot answer.
 */
public interface CloudWatchAlarms {

    /** How many names DescribeAlarms takes in one call. */
    int MAX_NAMES_PER_CALL = 100;

    /** Every metric and composite alarm in {@code state}, all pages of the answer. */
    default List<AlarmChange> inState(AlarmState state) {
        return inState(state, null, null);
    }

    /**
     * The metric and composite alarms in {@code state} that have an alarm action starting with
     * {@code actionPrefix}, or whose name starts with {@code namePrefix} (DescribeAlarms' own filters; null for
     * none), all pages of the answer.
     */
    List<AlarmChange> inState(AlarmState state, String actionPrefix, String namePrefix);

    /** The named alarms that exist (metric or composite); a name CloudWatch does not know is absent. */
    List<AlarmChange> named(Collection<String> names);

    /** The alarm's tags (ListTagsForResource). */
    Map<String, String> tags(String arn);

    /**
     * The alarms whose actions an active alarm mute rule holds, by name, each with the rule as
     * "alarm mute rule R until T": one call for the active rules, and one per rule for its targets.
     */
    Map<String, String> mutedAlarms();

    /** The contributors of a multi-time-series alarm that are in ALARM, each as a change of {@code alarm}. */
    List<AlarmChange> contributorsInAlarm(AlarmChange alarm);
}
