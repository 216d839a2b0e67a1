package dev.statuspagesync.flashduty;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request bodies of the status-page API, field for field as in Flashduty's OpenAPI schemas
 * {@code CreateStatusPageChangeRequest} and {@code CreateStatusPageChangeTimelineRequest}
 * (https://docs.flashcat.cloud/en/api-reference/on-call/status-pages/status-page-change-create).
 */
public final class Requests {

    /** Flashduty's title limit, counted in characters. */
    public static final int MAX_TITLE_LENGTH = 255;

    private Requests() {
    }

    /** {@code POST /status-page/change/create}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateChange(
            long pageId,
            EventType type,
            String title,
            String description,
            ChangeStatus status,
            Long startAtSeconds,
            Long closeAtSeconds,
            Boolean notifySubscribers,
            Boolean autoUpdateBySchedule,
            Boolean isRetrospective,
            List<Long> responders,
            List<String> linkedChanges,
            List<Update> updates) {

        /** An event with the fields an alarm's incident uses. */
        public CreateChange(long pageId, EventType type, String title, String description, ChangeStatus status,
                Long startAtSeconds, Boolean notifySubscribers, List<Long> responders, List<String> linkedChanges,
                List<Update> updates) {
            this(pageId, type, title, description, status, startAtSeconds, null, notifySubscribers, null, null,
                    responders, linkedChanges, updates);
        }
    }

    /** One timeline entry inside a create request; the first must carry component changes. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(Long atSeconds, ChangeStatus status, String description,
            List<ComponentChange> componentChanges) {

        public Update(ChangeStatus status, String description, List<ComponentChange> componentChanges) {
            this(null, status, description, componentChanges);
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ComponentChange(String componentId, ComponentStatus status) {
    }

    /** {@code POST /status-page/change/timeline/create}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateTimeline(
            long pageId,
            long changeId,
            ChangeStatus status,
            String description,
            Long atSeconds,
            List<ComponentChange> componentChanges) {
    }

    /** {@code POST /status-page/change/timeline/update}: edits an update without notifying anyone. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UpdateTimeline(long pageId, long changeId, String updateId, String description) {
    }

    /** {@code POST /status-page/change/delete}. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeleteChange(long pageId, long changeId) {
    }
}
