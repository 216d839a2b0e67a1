package dev.statuspagesync.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.inbound.AlarmState;

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

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A compiled rule: its condition and where it sends a matching alarm. */
    record Rule(Predicate<AlarmChange> matches, Route route, boolean readsTags) {
    }

    private final List<Rule> rules;
    private final Optional<Route> defaultRoute;

    public Router(StatusPageConfig config) {
        RoutingDocument document = config.routes().filter(text -> !text.isBlank()).map(Router::parse).orElse(null);
        Wording wording = Wordings.base(config.audience(), document == null ? null : document.componentNames());
        this.rules = document == null || document.routes() == null ? List.of() : compile(document.routes(), wording);
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
            this.defaultRoute = Optional.of(target("default route", document.defaultRoute(), wording));
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

    /** The route for this alarm; empty when no rule matches it and there is no default route. */
    public Optional<Route> routeFor(AlarmChange alarm) {
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
        return routes;
    }

    /** Every page a route leads to, each once, in the order of the rules and then the default route. */
    public List<Long> pageIds() {
        Set<Long> pages = new LinkedHashSet<>();
        rules.forEach(rule -> pages.add(rule.route().pageId()));
        defaultRoute.ifPresent(route -> pages.add(route.pageId()));
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
        ComponentStatus impact = impact(config.impact())
                .orElseThrow(() -> new RouteConfigException("STATUSPAGE_IMPACT is '" + config.impact()
                        + "'; use degraded, partial_outage or full_outage"));
        Wording named = config.componentNames().map(names -> Wordings.withNames(wording, components, names))
                .orElse(wording);
        return new Route("default", pageId, components, Map.of(AlarmState.ALARM, impact), named,
                config.notifySubscribers());
    }

    static RoutingDocument parse(String text) {
        try {
            RoutingDocument document = YAML.readValue(text, RoutingDocument.class);
            if (document == null) {
                throw new RouteConfigException("STATUSPAGE_ROUTES is empty");
            }
            return document;
        } catch (JsonMappingException wrongShape) {
            throw new RouteConfigException("STATUSPAGE_ROUTES: " + wrongShape.getOriginalMessage().lines().findFirst()
                    .orElse("") + " at " + path(wrongShape));
        } catch (JsonProcessingException notYaml) {
            throw new RouteConfigException("STATUSPAGE_ROUTES is neither YAML nor JSON: "
                    + notYaml.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<Rule> compile(List<RoutingDocument.Rule> specs, Wording wording) {
        List<Rule> compiled = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RoutingDocument.Rule spec = specs.get(i);
            if (spec == null) {
                throw new RouteConfigException("route " + (i + 1) + " is empty");
            }
            String label = "route " + (i + 1) + (spec.name() == null ? "" : " (" + spec.name() + ")");
            Route route = target(label, new RoutingDocument.Target(spec.pageId(), spec.components(), spec.impact(),
                    spec.title(), spec.notifySubscribers(), spec.responders(), spec.linkedChanges(),
                    spec.audience(), spec.displayName(), spec.templates()), wording);
            route = new Route(spec.name() == null ? "route " + (i + 1) : spec.name(), route.pageId(),
                    route.componentIds(), route.impacts(), route.wording(), route.notifySubscribers(),
                    route.responders(), route.linkedChanges());
            boolean readsTags = spec.match() != null && spec.match().tags() != null && !spec.match().tags().isEmpty();
            compiled.add(new Rule(matcher(label, spec.match()), route, readsTags));
        }
        return compiled;
    }

    private static Route target(String label, RoutingDocument.Target spec, Wording defaults) {
        if (spec.pageId() == null) {
            throw new RouteConfigException(label + ": page_id is required");
        }
        List<String> components = spec.components() == null ? List.of()
                : spec.components().stream().filter(id -> id != null && !id.isBlank()).map(String::trim).toList();
        if (components.isEmpty()) {
            throw new RouteConfigException(label + ": components must list at least one component id");
        }
        if (new LinkedHashSet<>(components).size() != components.size()) {
            throw new RouteConfigException(label + ": components lists a component id twice: " + components);
        }
        return new Route("default", spec.pageId(), components, impacts(label, spec.impact()),
                Wordings.forRoute(label, spec, defaults), spec.notifySubscribers() == null || spec.notifySubscribers(),
                responders(label, spec.responders()), linkedChanges(label, spec.linkedChanges()));
    }

    /** Flashduty member ids: positive integers. */
    private static List<Long> responders(String label, List<Long> responders) {
        if (responders == null) {
            return List.of();
        }
        for (Long id : responders) {
            if (id == null || id <= 0) {
                throw new RouteConfigException(label + ": responders must be Flashduty member ids (positive "
                        + "integers), was " + responders);
            }
        }
        return List.copyOf(new LinkedHashSet<>(responders));
    }

    private static List<String> linkedChanges(String label, List<String> linked) {
        if (linked == null) {
            return List.of();
        }
        if (linked.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new RouteConfigException(label + ": linked_changes must not hold an empty id");
        }
        return linked.stream().map(String::trim).distinct().toList();
    }

    /** {@code impact: partial_outage}, or per state: {@code impact: {ALARM: full_outage, INSUFFICIENT_DATA: degraded}}. */
    private static Map<AlarmState, ComponentStatus> impacts(String label, JsonNode impact) {
        Map<AlarmState, ComponentStatus> impacts = new EnumMap<>(AlarmState.class);
        if (impact == null || impact.isNull()) {
            impacts.put(AlarmState.ALARM, ComponentStatus.fromWire(DEFAULT_IMPACT).orElseThrow());
        } else if (impact.isTextual()) {
            impacts.put(AlarmState.ALARM, impactValue(label, impact.asText()));
        } else if (impact.isObject()) {
            for (var entry : impact.properties()) {
                AlarmState state = AlarmState.parse(entry.getKey()).filter(s -> s != AlarmState.OK)
                        .orElseThrow(() -> new RouteConfigException(label + ": impact names state '" + entry.getKey()
                                + "'; use ALARM or INSUFFICIENT_DATA"));
                impacts.put(state, impactValue(label, entry.getValue().asText()));
            }
            if (!impacts.containsKey(AlarmState.ALARM)) {
                throw new RouteConfigException(label + ": impact must name ALARM");
            }
        } else {
            throw new RouteConfigException(label + ": impact must be a status or a map of state to status");
        }
        return impacts;
    }

    private static ComponentStatus impactValue(String label, String value) {
        return impact(value).orElseThrow(() -> new RouteConfigException(label + ": impact '" + value
                + "' is not degraded, partial_outage or full_outage"));
    }

    private static Optional<ComponentStatus> impact(String value) {
        return ComponentStatus.fromWire(value.trim()).filter(IMPACTS::contains);
    }

    private static Predicate<AlarmChange> matcher(String label, RoutingDocument.Match match) {
        if (match == null) {
            return alarm -> true;
        }
        List<Predicate<AlarmChange>> conditions = new ArrayList<>();
        if (match.alarmName() != null && !match.alarmName().isNull()) {
            Predicate<String> name = nameMatcher(label, match.alarmName());
            conditions.add(alarm -> name.test(alarm.name()));
        }
        if (match.namespace() != null) {
            conditions.add(alarm -> match.namespace().equals(alarm.metrics().namespace()));
        }
        if (match.account() != null) {
            conditions.add(alarm -> match.account().equals(alarm.accountId()));
        }
        if (match.region() != null) {
            conditions.add(alarm -> match.region().equals(alarm.region()));
        }
        if (match.tags() != null && !match.tags().isEmpty()) {
            Map<String, String> tags = Map.copyOf(match.tags());
            conditions.add(alarm -> tags.entrySet().stream()
                    .allMatch(tag -> tag.getValue().equals(alarm.tags().get(tag.getKey()))));
        }
        return alarm -> conditions.stream().allMatch(condition -> condition.test(alarm));
    }

    private static Predicate<String> nameMatcher(String label, JsonNode spec) {
        if (spec.isTextual()) {
            String value = spec.asText();
            return value.contains("*") || value.contains("?") ? glob(value) : value::equals;
        }
        if (!spec.isObject() || spec.size() != 1) {
            throw new RouteConfigException(label + ": alarm_name must be a name, a glob, or one of exact, prefix,"
                    + " glob, regex");
        }
        var entry = spec.properties().iterator().next();
        String value = entry.getValue().asText();
        return switch (entry.getKey().toLowerCase(Locale.ROOT)) {
            case "exact" -> value::equals;
            case "prefix" -> name -> name.startsWith(value);
            case "glob" -> glob(value);
            case "regex" -> {
                try {
                    Pattern pattern = Pattern.compile(value);
                    yield name -> pattern.matcher(name).matches();
                } catch (PatternSyntaxException invalid) {
                    throw new RouteConfigException(label + ": alarm_name regex '" + value + "' is invalid: "
                            + invalid.getDescription());
                }
            }
            default -> throw new RouteConfigException(label + ": alarm_name matcher '" + entry.getKey()
                    + "' is not exact, prefix, glob or regex");
        };
    }

    /**
     * A glob ({@code *} any run of characters, {@code ?} one character) matched without backtracking over the
     * name: each star is tried at one position after another, and the last star's position only moves forward, so
     * the steps are at most the name's length times the glob's.
     */
    static Predicate<String> glob(String glob) {
        int[] pattern = glob.codePoints().toArray();
        return name -> {
            int[] text = name.codePoints().toArray();
            int p = 0;
            int t = 0;
            int star = -1;
            int resume = 0;
            while (t < text.length) {
                if (p < pattern.length && pattern[p] == '*') {
                    star = p++;
                    resume = t;
                } else if (p < pattern.length && (pattern[p] == '?' || pattern[p] == text[t])) {
                    p++;
                    t++;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++resume;
                } else {
                    return false;
                }
            }
            while (p < pattern.length && pattern[p] == '*') {
                p++;
            }
            return p == pattern.length;
        };
    }

    private static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }
}
