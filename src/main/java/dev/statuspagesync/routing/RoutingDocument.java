package dev.statuspagesync.routing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The routing document as an operator writes it (YAML or JSON); {@link Router} validates and compiles it. */
@RegisterForReflection
record RoutingDocument(List<Rule> routes, @JsonProperty("default") Target defaultRoute,
        @JsonProperty("component_names") Map<String, String> componentNames, List<HealthRule> health) {

    /** One rule: which alarms it matches and where they go. First match wins. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Rule(String name, Match match, Long pageId, List<String> components, JsonNode impact, String title,
            Boolean notifySubscribers, List<Long> responders, List<String> linkedChanges, String audience,
            String displayName, Templates templates) {

        Target target() {
            return new Target(pageId, components, impact, title, notifySubscribers, responders, linkedChanges,
                    audience, displayName, templates);
        }
    }

    /** The texts of a route's incidents; see {@link Wording}. {@code title} may stand on the route itself too. */
    @RegisterForReflection
    record Templates(String title, String opening, String impact, String recovery, String resolution) {
    }

    /** Every condition given must hold; {@code alarm_name} is a string (exact, or glob with * and ?) or one of
     * {@code {exact|prefix|glob|regex: value}}. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Match(JsonNode alarmName, String namespace, String account, String region, Map<String, String> tags) {
    }

    /**
     * One rule for AWS Health events: which events it matches and where they go. First match wins; a Health event
     * that no such rule matches stays off the page (alarm rules and the default route never take one).
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HealthRule(String name, HealthMatch match, Long pageId, List<String> components, JsonNode impact,
            String title, Boolean notifySubscribers, List<Long> responders, List<String> linkedChanges,
            String audience, String displayName, Templates templates) {

        Target target() {
            return new Target(pageId, components, impact, title, notifySubscribers, responders, linkedChanges,
                    audience, displayName, templates);
        }
    }

    /**
     * Every condition given must hold: {@code service} ({@code EC2}), {@code event_type_code} (a code or a glob),
     * {@code category} ({@code issue} or {@code scheduledChange}), {@code region} (the event's Region),
     * {@code account} (the affected account), {@code resources} (globs: one affected resource matches one of them),
     * {@code tags} (one affected entity carries every one of them, as Health's tags feature sends them).
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HealthMatch(String service, String eventTypeCode, String category, String region, String account,
            List<String> resources, Map<String, String> tags) {
    }

    /** The route for alarms no rule matches. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Target(Long pageId, List<String> components, JsonNode impact, String title, Boolean notifySubscribers,
            List<Long> responders, List<String> linkedChanges, String audience, String displayName,
            Templates templates) {
    }
}
