package dev.statuspagesync.flashduty;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Status of a status-page event: incident statuses first, then maintenance statuses. */
@RegisterForReflection
public enum ChangeStatus {
    INVESTIGATING("investigating"),
    IDENTIFIED("identified"),
    MONITORING("monitoring"),
    RESOLVED("resolved"),
    SCHEDULED("scheduled"),
    ONGOING("ongoing"),
    COMPLETED("completed");

    private final String wire;

    ChangeStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether this status closes an event: an incident resolved or a maintenance completed. */
    public boolean isTerminal() {
        return Arrays.stream(EventType.values()).anyMatch(type -> type.terminal() == this);
    }

    /** The status with this wire value. */
    public static Optional<ChangeStatus> fromWire(String value) {
        return Optional.ofNullable(fromJson(value));
    }

    @JsonCreator
    static ChangeStatus fromJson(String value) {
        return Arrays.stream(values()).filter(status -> status.wire.equals(value)).findFirst().orElse(null);
    }
}
