package dev.statuspagesync.alarm;

import java.util.Locale;
import java.util.Optional;

/** The three states a CloudWatch alarm can be in, as every envelope spells them. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA;

    /** Reads a wire value such as {@code "ALARM"}; empty when the value is missing or unknown. */
    public static Optional<AlarmState> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
