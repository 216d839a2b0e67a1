package dev.statuspagesync.flashduty;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Response bodies of the status-page API. Every answer, 2xx included, is an envelope that holds either
 * {@code data} or {@code error} (Flashduty's {@code SuccessEnvelope} and {@code ErrorResponse} schemas).
 */
public final class Responses {

    private Responses() {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Envelope<T>(String requestId, T data, Error error) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String code, String message, String reason) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreatedChange(Long changeId, String changeName) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreatedUpdate(String updateId) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangeList(List<Change> items) {
    }

    /** One status-page event with its timeline ({@code StatusPageChangeItem}). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(
            Long changeId,
            Long pageId,
            EventType type,
            String title,
            String description,
            ChangeStatus status,
            List<AffectedComponent> affectedComponents,
            Long startAtSeconds,
            Long closeAtSeconds,
            List<TimelineEntry> updates,
            Boolean notifySubscribers) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AffectedComponent(String componentId, String name, ComponentStatus status) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TimelineEntry(
            String updateId,
            Long atSeconds,
            ChangeStatus status,
            String description,
            List<ComponentChangeItem> componentChanges) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ComponentChangeItem(String componentId, String componentName, ComponentStatus status) {
    }
}
