package dev.statuspagesync.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.ComponentStatus;

import io.quarkus.runtime.Startup;

/**
 * Decides which route an alarm takes: the first rule of the routing document ({@code STATUSPAGE_ROUTES}) that
 * matches, else the default route. Everything is validated at start-up, so a broken document stops the function
 * with a message that names the rule, instead of misrouting alarms later.
 */
@Startup
@ApplicationScoped
public class Router {

    static final Set<ComponentStatus> IMPACTS = EnumSet.of(ComponentStatus.DEGRADED, ComponentStatus.PARTIAL_OUTAGE,
            ComponentStatus.FULL_OUTAGE);
    static final String DEFAULT_IMPACT = "degraded";

    /** A compiled rule: its condition and where it sends a matching alarm. */
    record Rule(Predicate<AlarmChange> matches, Route route, boolean readsTags) {
    }

    private final List<Rule> rules;
    private final List<Rule> healthRules;
    private final Optional<Route> defaultRoute;

    public Router(StatusPageConfig config) {
        RoutingDocument document = config.routes().filter(text -> !text.isBlank()).map(RoutingRules::parse)
                .orElse(null);
        Wording wording = Wordings.base(config.audience(), document == null ? null : document.componentNames());
        this.rules = document == null || document.routes() == null ? List.of()
                : RoutingRules.compile(document.routes(), wording);
        this.healthRules = document == null || document.health() == null ? List.of()
                : RoutingRules.compileHealth(document.health(), wording);
        boolean environmentDefault = config.pageId().isPresent() || config.componentIds().isPresent();
        if (document != null && document.defaultRoute() != null && environmentDefault) {
            throw new RouteConfigException("STATUSPAGE_ROUTES has a default route and STATUSPAGE_PAGE_ID or"
                    + " STATUSPAGE_COMPONENT_IDS is set too; keep one of them");
        }
        if (config.componentNames().isPresent() && !environmentDefault) {
            throw new RouteConfigException("STATUSPAGE_COMPONENT_NAMES names the components of"
                    + " STATUSPAGE_COMPONENT_IDS, which is not set; name components in the routing document's"
                    + " component_names");
        }
        if (document != null && document.defaultRoute() != null) {
            this.defaultRoute = Optional.of(RoutingRules.target("default route", document.defaultRoute(), wording));
        } else if (environmentDefault || rules.isEmpty()) {
            this.defaultRoute = Optional.of(defaultRoute(config, wording));
        } else {
            this.defaultRoute = Optional.empty();
        }
        pageIds().forEach(page -> Wordings.checkPage(page, routesTo(page)));
        var publicPages = pageIds().stream().filter(page -> wordingFor(page).audience() == Audience.PUBLIC).toList();
        if (config.referenceKey().or(config::referenceKeySecret).filter(key -> !key.isBlank()).isEmpty()
                && !publicPages.isEmpty()) {
            throw new RouteConfigException("STATUSPAGE_REFERENCE_KEY_SECRET (or STATUSPAGE_REFERENCE_KEY) is not"
                    + " set, and page(s) " + publicPages
                    + " are public: their incidents name alarms by references made with this key (the template"
                    + " creates one; elsewhere set a secret of at least 32 characters)");
        }
    }

    /**
     * The route for this alarm; empty when no rule matches it and there is no default route. An AWS Health event
     * takes the first Health rule that matches it, and no other route.
     */
    public Optional<Route> routeFor(AlarmChange alarm) {
        if (alarm.isHealth()) {
            return healthRules.stream().filter(rule -> rule.matches().test(alarm)).map(Rule::route).findFirst();
        }
        for (Rule rule : rules) {
            if (rule.matches().test(alarm)) {
                return Optional.of(rule.route());
            }
        }
        return defaultRoute;
    }

    /**
     * Whether a rule matches on alarm tags: DescribeAlarms does not return them, so an alarm read from CloudWatch
     * needs its tags read before it is routed.
     */
    public boolean readsTags() {
        return rules.stream().anyMatch(Rule::readsTags);
    }

    /**
     * What incidents on {@code pageId} say where no alarm of the moment names a route (the sweep's resolution, the
     * monitoring update): the wording of the first route to that page, whose audience, recovery and resolution
     * every route to the page shares; a page no route leads to gets the public defaults.
     */
    public Wording wordingFor(long pageId) {
        return routesTo(pageId).stream().findFirst().map(Route::wording).orElse(Wording.defaults(Audience.PUBLIC));
    }

    /**
     * A route to {@code pageId}, for a change that cannot be routed by its alarm (a deleted alarm known by its
     * reference alone): the first, whose wording every route to the page shares for recoveries.
     */
    public Optional<Route> routeOn(long pageId) {
        return routesTo(pageId).stream().findFirst();
    }

    /** The components that the routes to {@code pageId} name, each once; empty when no route leads there. */
    public Set<String> componentsOn(long pageId) {
        Set<String> components = new LinkedHashSet<>();
        routesTo(pageId).forEach(route -> components.addAll(route.componentIds()));
        return components;
    }

    /** The responders that the routes to {@code pageId} name, each once. */
    public Set<Long> respondersOn(long pageId) {
        Set<Long> responders = new LinkedHashSet<>();
        routesTo(pageId).forEach(route -> responders.addAll(route.responders()));
        return responders;
    }

    /** Whether a route to {@code pageId} notifies subscribers. */
    public boolean notifiesOn(long pageId) {
        return routesTo(pageId).stream().anyMatch(Route::notifySubscribers);
    }

    private List<Route> routesTo(long pageId) {
        List<Route> routes = new ArrayList<>();
        rules.stream().map(Rule::route).filter(route -> route.pageId() == pageId).forEach(routes::add);
        defaultRoute.filter(route -> route.pageId() == pageId).ifPresent(routes::add);
        healthRules.stream().map(Rule::route).filter(route -> route.pageId() == pageId).forEach(routes::add);
        return routes;
    }

    /**
     * Why no route takes {@code alarm}, in an operator's words; tags a rule could not read are named, or the
     * operator looks for a typo in the rule.
     */
    public String unrouted(AlarmChange alarm) {
        if (!alarm.isHealth()) {
            return "no route matches alarm " + alarm.name() + (alarm.tagsSetAside() != null && readsTags()
                    ? "; its payload's tags were set aside (" + alarm.tagsSetAside() + ")" : "");
        }
        return "no health rule of the routing document matches AWS Health event " + alarm.name()
                + (healthRules.isEmpty() ? ": AWS Health events reach the page only through health rules, and"
                        + " there are none" : alarm.tagsSetAside() == null ? "" : "; " + alarm.tagsSetAside());
    }

    /**
     * Every page a route leads to, each once, in the order of the rules, the default route, then the Health rules.
     */
    public List<Long> pageIds() {
        Set<Long> pages = new LinkedHashSet<>();
        rules.forEach(rule -> pages.add(rule.route().pageId()));
        defaultRoute.ifPresent(route -> pages.add(route.pageId()));
        healthRules.forEach(rule -> pages.add(rule.route().pageId()));
        return List.copyOf(pages);
    }

    /**
     * The default route from STATUSPAGE_PAGE_ID, STATUSPAGE_COMPONENT_IDS, STATUSPAGE_COMPONENT_NAMES and
     * STATUSPAGE_IMPACT, worded as {@code wording} says.
     */
    static Route defaultRoute(StatusPageConfig config, Wording wording) {
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
        ComponentStatus impact = RoutingRules.impact(config.impact())
                .orElseThrow(() -> new RouteConfigException("STATUSPAGE_IMPACT is '" + config.impact()
                        + "'; use degraded, partial_outage or full_outage"));
        Wording named = config.componentNames().map(names -> Wordings.withNames(wording, components, names))
                .orElse(wording);
        return new Route("default", pageId, components, Map.of(AlarmState.ALARM, impact), named,
                config.notifySubscribers());
    }

    /** A glob of alarm names ({@code *} and {@code ?}), matched without backtracking ({@link RoutingRules#glob}). */
    static Predicate<String> glob(String glob) {
        return RoutingRules.glob(glob);
    }
}
