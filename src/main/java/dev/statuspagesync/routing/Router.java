package dev.statuspagesync.routing;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.inbound.AlarmChange;

import io.quarkus.runtime.Startup;

/** Decides which route an alarm takes; today every alarm takes the configured default route. */
@Startup
@ApplicationScoped
public class Router {

    static final Set<ComponentStatus> IMPACTS = EnumSet.of(ComponentStatus.DEGRADED, ComponentStatus.PARTIAL_OUTAGE,
            ComponentStatus.FULL_OUTAGE);

    private final Route defaultRoute;

    public Router(StatusPageConfig config) {
        this.defaultRoute = defaultRoute(config);
    }

    /** The route for this alarm; empty when no route matches it. */
    public Optional<Route> routeFor(AlarmChange alarm) {
        return Optional.of(defaultRoute);
    }

    static Route defaultRoute(StatusPageConfig config) {
        long pageId = config.pageId()
                .orElseThrow(() -> new RouteConfigException("STATUSPAGE_PAGE_ID (statuspage.page-id) is not set"));
        List<String> components = config.componentIds().orElse(List.of()).stream()
                .map(String::trim).filter(id -> !id.isEmpty()).toList();
        if (components.isEmpty()) {
            throw new RouteConfigException(
                    "STATUSPAGE_COMPONENT_IDS (statuspage.component-ids) must list at least one component id");
        }
        if (new LinkedHashSet<>(components).size() != components.size()) {
            throw new RouteConfigException("STATUSPAGE_COMPONENT_IDS lists a component id twice: " + components);
        }
        ComponentStatus impact = ComponentStatus.fromWire(config.impact().trim()).filter(IMPACTS::contains)
                .orElseThrow(() -> new RouteConfigException("STATUSPAGE_IMPACT is '" + config.impact()
                        + "'; use degraded, partial_outage or full_outage"));
        return new Route(pageId, components, impact, config.notifySubscribers());
    }
}
