package dev.statuspagesync.flashduty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The two kinds of status-page event and Flashduty's rules for each: the statuses an event may take, the
 * statuses it may give components, and the status that closes it ({@code StatusPageChangeItem.type} in the spec).
 */
@RegisterForReflection
public enum EventType {
    INCIDENT("incident", "an incident",
            List.of(ChangeStatus.INVESTIGATING, ChangeStatus.IDENTIFIED, ChangeStatus.MONITORING,
                    ChangeStatus.RESOLVED),
            List.of(ComponentStatus.OPERATIONAL, ComponentStatus.DEGRADED, ComponentStatus.PARTIAL_OUTAGE,
                    ComponentStatus.FULL_OUTAGE),
            ChangeStatus.RESOLVED),
    MAINTENANCE("maintenance", "a maintenance",
            List.of(ChangeStatus.SCHEDULED, ChangeStatus.ONGOING, ChangeStatus.COMPLETED),
            List.of(ComponentStatus.OPERATIONAL, ComponentStatus.UNDER_MAINTENANCE),
            ChangeStatus.COMPLETED);

    private final String wire;
    private final String withArticle;
    private final List<ChangeStatus> statuses;
    private final List<ComponentStatus> componentStatuses;
    private final ChangeStatus terminal;

    EventType(String wire, String withArticle, List<ChangeStatus> statuses, List<ComponentStatus> componentStatuses,
            ChangeStatus terminal) {
        this.wire = wire;
        this.withArticle = withArticle;
        this.statuses = statuses;
        this.componentStatuses = componentStatuses;
        this.terminal = terminal;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** "an incident" or "a maintenance", for messages. */
    public String withArticle() {
        return withArticle;
    }

    /** The statuses an event of this type may take, in their order. */
    public List<ChangeStatus> statuses() {
        return statuses;
    }

    /** The statuses an event of this type may give its components. */
    public List<ComponentStatus> componentStatuses() {
        return componentStatuses;
    }

    /** The status that closes an event of this type: resolved or completed. */
    public ChangeStatus terminal() {
        return terminal;
    }

    /** The type with this wire value; empty for any other text. */
    public static Optional<EventType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(value)).findFirst();
    }

    @JsonCreator
    static EventType fromJson(String value) {
        return fromWire(value).orElse(null);
    }
}
