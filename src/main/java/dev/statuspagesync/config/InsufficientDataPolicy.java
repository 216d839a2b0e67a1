package dev.statuspagesync.config;

import java.util.List;
import java.util.Optional;

import dev.statuspagesync.alarm.AlarmState;

/**
 * What an alarm entering INSUFFICIENT_DATA means for the status page ({@code STATUSPAGE_INSUFFICIENT_DATA}): the
 * one place that says which states fire and which recover.
 */
public enum InsufficientDataPolicy {
    /** Leave the page as it is. */
    IGNORE,
    /** Treat missing data as an outage, like ALARM. */
    DEGRADE,
    /** Treat missing data as a recovery, like OK. */
    RESOLVE;

    /** What a change to {@code state} counts as: ALARM (an outage), OK (a recovery), or nothing. */
    public Optional<AlarmState> meaning(AlarmState state) {
        return switch (state) {
            case ALARM, OK -> Optional.of(state);
            case INSUFFICIENT_DATA -> switch (this) {
                case IGNORE -> Optional.empty();
                case DEGRADE -> Optional.of(AlarmState.ALARM);
                case RESOLVE -> Optional.of(AlarmState.OK);
            };
        };
    }

    /** Whether a change to {@code state} fires. */
    public boolean fires(AlarmState state) {
        return meaning(state).orElse(null) == AlarmState.ALARM;
    }

    /** Whether a change to {@code state} recovers. */
    public boolean recovers(AlarmState state) {
        return meaning(state).orElse(null) == AlarmState.OK;
    }

    /** The states in which CloudWatch's alarms fire. */
    public List<AlarmState> firingStates() {
        return this == DEGRADE ? List.of(AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA) : List.of(AlarmState.ALARM);
    }
}
