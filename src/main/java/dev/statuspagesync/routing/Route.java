package dev.statuspagesync.routing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.flashduty.ComponentStatus;

/**
 * Where an alarm shows on the status page and how badly its components are hit in each state that degrades
 * them.
 *
 * @param name              the rule's name, for logs and answers
 * @param pageId            the status page
 * @param componentIds      the components the alarm affects
 * @param impacts           component status per alarm state; ALARM is always present
 * @param wording           the audience and the templates of the incident's title and updates
 * @param notifySubscribers whether opening the incident notifies the page's subscribers
 * @param responders        Flashduty member ids set as the incident's responders
 * @param linkedChanges     ids of changes (deployments, related incidents) the incident links to
 */
public record Route(String name, long pageId, List<String> componentIds, Map<AlarmState, ComponentStatus> impacts,
        Wording wording, boolean notifySubscribers, List<Long> responders, List<String> linkedChanges) {

    public Route(String name, long pageId, List<String> componentIds, Map<AlarmState, ComponentStatus> impacts,
            Wording wording, boolean notifySubscribers) {
        this(name, pageId, componentIds, impacts, wording, notifySubscribers, List.of(), List.of());
    }

    public Route {
        responders = List.copyOf(responders);
        linkedChanges = List.copyOf(linkedChanges);
        componentIds = List.copyOf(componentIds);
        impacts = Map.copyOf(new EnumMap<>(impacts));
        if (!impacts.containsKey(AlarmState.ALARM)) {
            throw new IllegalArgumentException("a route needs an impact for ALARM");
        }
    }

    /** This route on {@code components} only (those of its components no one else's event covers). */
    public Route withComponents(List<String> components) {
        return new Route(name, pageId, components, impacts, wording, notifySubscribers, responders, linkedChanges);
    }

    /** The component status while the alarm is in {@code state}; ALARM's when the route names none for it. */
    public ComponentStatus impactFor(AlarmState state) {
        return impacts.getOrDefault(state, impacts.get(AlarmState.ALARM));
    }
}
