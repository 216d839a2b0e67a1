package dev.statuspagesync.flashduty;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A status-page component status, as Flashduty spells it on the wire. */
@RegisterForReflection
public enum ComponentStatus {
    OPERATIONAL("operational"),
    DEGRADED("degraded"),
    PARTIAL_OUTAGE("partial_outage"),
    FULL_OUTAGE("full_outage"),
    UNDER_MAINTENANCE("under_maintenance");

    private final String wire;

    ComponentStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Reads a wire value; empty when Flashduty has no such status. */
    public static Optional<ComponentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wire.equals(value)).findFirst();
    }

    @JsonCreator
    static ComponentStatus fromJson(String value) {
        return fromWire(value).orElse(null);
    }
}
