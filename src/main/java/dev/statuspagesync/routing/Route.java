package dev.statuspagesync.routing;

import java.util.List;

import dev.statuspagesync.flashduty.ComponentStatus;

/** Where an alarm shows on the status page and how badly its components are hit while it fires. */
public record Route(long pageId, List<String> componentIds, ComponentStatus impact, boolean notifySubscribers) {

    public Route {
        componentIds = List.copyOf(componentIds);
    }
}
