package dev.statuspagesync.routing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.statuspagesync.config.Settings;

/**
 * Compiles what routes say and checks it at start-up: the audience and templates of each route, the component
 * display names, and the rules of a page, which has one audience and one way to word its recovery and resolution.
 */
final class Wordings {

    private static final Logger LOG = Logger.getLogger(Router.class);

    private Wordings() {
    }

    /** The wording every route starts from: STATUSPAGE_AUDIENCE's defaults and the document's component names. */
    static Wording base(String audienceWord, Map<String, String> documentNames) {
        Wording wording = Wording.defaults(Audience.parse(audienceWord).orElseThrow(() -> new RouteConfigException(
                "STATUSPAGE_AUDIENCE is '" + Settings.shown(audienceWord) + "'; use public or internal")));
        return documentNames == null ? wording : wording.withNames(names("component_names", documentNames));
    }

    /** The route's audience and templates over the document's defaults, checked for that audience. */
    static Wording forRoute(String label, RoutingDocument.Target spec, Wording defaults) {
        Wording wording = defaults;
        if (spec.audience() != null) {
            Audience audience = Audience.parse(spec.audience()).orElseThrow(() -> new RouteConfigException(label
                    + ": audience is '" + spec.audience() + "'; use public or internal"));
            wording = Wording.defaults(audience).withNames(defaults.componentNames());
        }
        RoutingDocument.Templates templates = spec.templates() == null
                ? new RoutingDocument.Templates(null, null, null, null, null) : spec.templates();
        if (spec.title() != null && templates.title() != null) {
            throw new RouteConfigException(label + ": title is given twice, as title and as templates.title");
        }
        if (spec.displayName() != null && spec.displayName().isBlank()) {
            throw new RouteConfigException(label + ": display_name is empty");
        }
        wording = wording.with(spec.title() != null ? spec.title() : templates.title(), templates.opening(),
                templates.impact(), templates.recovery(), templates.resolution(), spec.displayName(), null);
        List<String> problems = wording.problems();
        if (!problems.isEmpty()) {
            throw new RouteConfigException(label + " (" + wording.audience().wire() + " audience): "
                    + String.join("; ", problems));
        }
        return wording;
    }

    /** {@code wording} with STATUSPAGE_COMPONENT_NAMES naming the default route's components, in their order. */
    static Wording withNames(Wording wording, List<String> components, List<String> given) {
        List<String> names = given.stream().map(String::trim).toList();
        if (names.size() != components.size() || names.stream().anyMatch(String::isEmpty)) {
            throw new RouteConfigException("STATUSPAGE_COMPONENT_NAMES is '"
                    + Settings.shown(String.join(",", given)) + "', "
                    + names.size() + " name(s) for " + components.size() + " component id(s) in"
                    + " STATUSPAGE_COMPONENT_IDS; give one name per id, in the same order (a name with a comma needs"
                    + " the routing document's component_names)");
        }
        Map<String, String> byId = new LinkedHashMap<>(wording.componentNames());
        for (int i = 0; i < components.size(); i++) {
            byId.put(components.get(i), names.get(i));
        }
        return wording.withNames(byId);
    }

    /**
     * Refuses a page whose routes disagree on what only the page can decide, and says in the start-up log which
     * audience the page gets.
     */
    static void checkPage(long page, List<Route> routes) {
        Set<Audience> audiences = EnumSet.noneOf(Audience.class);
        routes.forEach(route -> audiences.add(route.wording().audience()));
        if (audiences.size() > 1) {
            throw new RouteConfigException("page " + page + " gets routes for both the public and the internal"
                    + " audience; a page has one audience: set the same audience on every route to it");
        }
        // The sweep resolves and monitors incidents by page, without the alarm that opened them.
        Set<List<String>> endings = new LinkedHashSet<>();
        routes.forEach(route -> endings.add(Arrays.asList(route.wording().recovery(), route.wording().resolution(),
                route.wording().endsWithItsName() ? route.wording().displayName() : null)));
        if (endings.size() > 1) {
            throw new RouteConfigException("page " + page + " gets routes " + routes.stream().map(Route::name)
                    .toList() + " with different recovery or resolution templates (or display_name, which {route}"
                    + " names there); the sweep words these updates by page, so every route to a page needs the"
                    + " same");
        }
        LOG.infof("page %d: %s audience, routes %s", page, audiences.iterator().next().wire(),
                routes.stream().map(Route::name).toList());
    }

    /** Component display names by id, none empty. */
    static Map<String, String> names(String label, Map<String, String> names) {
        Map<String, String> checked = new LinkedHashMap<>();
        names.forEach((id, name) -> {
            if (id == null || id.isBlank() || name == null || name.isBlank()) {
                throw new RouteConfigException(label + ": every component id needs a display name, was " + names);
            }
            checked.put(id.trim(), name.trim());
        });
        return checked;
    }
}
