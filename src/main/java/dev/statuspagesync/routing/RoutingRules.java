package dev.statuspagesync.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.HealthEvent;
import dev.statuspagesync.flashduty.ComponentStatus;

/**
 * The routing document ({@code STATUSPAGE_ROUTES}) read into rules: each match compiled to a condition, each
 * target to a {@link Route}; a document that cannot work is refused at start-up with the rule and the reason.
 */
final class RoutingRules {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private RoutingRules() {
    }

    static RoutingDocument parse(String text) {
        try {
            RoutingDocument document = YAML.readValue(text, RoutingDocument.class);
            if (document == null) {
                throw new RouteConfigException("STATUSPAGE_ROUTES is empty");
            }
            return document;
        } catch (UnrecognizedPropertyException unknown) {
            // The field the operator wrote, where, and what that place takes: no class of the function's own.
            throw new RouteConfigException("STATUSPAGE_ROUTES: unknown field \"" + unknown.getPropertyName() + "\" at "
                    + path(unknown) + "; use " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .toList());
        } catch (JsonMappingException wrongShape) {
            throw new RouteConfigException("STATUSPAGE_ROUTES: " + wrongShape.getOriginalMessage().lines().findFirst()
                    .orElse("") + " at " + path(wrongShape));
        } catch (JsonProcessingException notYaml) {
            throw new RouteConfigException("STATUSPAGE_ROUTES is neither YAML nor JSON: "
                    + notYaml.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    static List<Router.Rule> compile(List<RoutingDocument.Rule> specs, Wording wording) {
        List<Router.Rule> compiled = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RoutingDocument.Rule spec = specs.get(i);
            String label = label("route", i, spec == null ? null : spec.name(), spec == null);
            boolean readsTags = spec.match() != null && spec.match().tags() != null && !spec.match().tags().isEmpty();
            compiled.add(new Router.Rule(matcher(label, spec.match()),
                    named(target(label, spec.target(), wording), spec.name(), "route " + (i + 1)), readsTags));
        }
        return compiled;
    }

    /** The Health rules: routes like the alarm rules', matched on what a Health event says. */
    static List<Router.Rule> compileHealth(List<RoutingDocument.HealthRule> specs, Wording wording) {
        List<Router.Rule> compiled = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            RoutingDocument.HealthRule spec = specs.get(i);
            String label = label("health rule", i, spec == null ? null : spec.name(), spec == null);
            compiled.add(new Router.Rule(healthMatcher(label, spec.match()),
                    named(target(label, spec.target(), wording), spec.name(), "health rule " + (i + 1)), false));
        }
        return compiled;
    }

    /** How messages name a rule: "route 2 (orders)"; an empty rule is refused here. */
    private static String label(String kind, int index, String name, boolean empty) {
        if (empty) {
            throw new RouteConfigException(kind + " " + (index + 1) + " is empty");
        }
        return kind + " " + (index + 1) + (name == null ? "" : " (" + name + ")");
    }

    private static Route named(Route route, String name, String fallback) {
        return new Route(name == null ? fallback : name, route.pageId(), route.componentIds(), route.impacts(),
                route.wording(), route.notifySubscribers(), route.responders(), route.linkedChanges());
    }

    static Predicate<AlarmChange> healthMatcher(String label, RoutingDocument.HealthMatch match) {
        if (match == null) {
            return AlarmChange::isHealth;
        }
        List<Predicate<AlarmChange>> conditions = new ArrayList<>();
        conditions.add(AlarmChange::isHealth);
        if (match.service() != null) {
            conditions.add(change -> match.service().equalsIgnoreCase(change.health().service()));
        }
        if (match.eventTypeCode() != null) {
            Predicate<String> code = glob(match.eventTypeCode());
            conditions.add(change -> code.test(change.health().typeCode()));
        }
        if (match.category() != null) {
            if (!HealthEvent.ISSUE.equals(match.category()) && !HealthEvent.SCHEDULED_CHANGE.equals(match.category())) {
                throw new RouteConfigException(label + ": category '" + match.category() + "' is not issue or"
                        + " scheduledChange (the page ignores accountNotification and investigation events)");
            }
            conditions.add(change -> match.category().equals(change.health().category()));
        }
        if (match.region() != null) {
            // A typo would quietly keep every event off the page.
            if (!HealthEvent.REGION.matcher(match.region()).matches()) {
                throw new RouteConfigException(label + ": region '" + match.region() + "' is no Region code (such as"
                        + " us-east-1) nor global");
            }
            conditions.add(change -> match.region().equals(change.region()));
        }
        if (match.account() != null) {
            if (!ACCOUNT.matcher(match.account()).matches()) {
                throw new RouteConfigException(label + ": account '" + match.account() + "' is no account id of 12"
                        + " digits");
            }
            conditions.add(change -> match.account().equals(change.accountId()));
        }
        if (match.resources() != null) {
            if (match.resources().isEmpty() || match.resources().stream().anyMatch(r -> r == null || r.isBlank())) {
                throw new RouteConfigException(label + ": resources must list ARNs or globs of ARNs");
            }
            List<Predicate<String>> globs = match.resources().stream().map(RoutingRules::glob).toList();
            conditions.add(change -> change.health().resources().stream()
                    .anyMatch(resource -> globs.stream().anyMatch(glob -> glob.test(resource))));
        }
        if (match.tags() != null) {
            if (match.tags().isEmpty() || match.tags().values().stream().anyMatch(value -> value == null)) {
                throw new RouteConfigException(label + ": tags must name at least one tag and its value");
            }
            Map<String, String> tags = Map.copyOf(match.tags());
            conditions.add(change -> change.health().tags().values().stream()
                    .anyMatch(entity -> tags.entrySet().stream()
                            .allMatch(tag -> tag.getValue().equals(entity.get(tag.getKey())))));
        }
        return change -> conditions.stream().allMatch(condition -> condition.test(change));
    }

    static Route target(String label, RoutingDocument.Target spec, Wording defaults) {
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
    static List<Long> responders(String label, List<Long> responders) {
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

    static List<String> linkedChanges(String label, List<String> linked) {
        if (linked == null) {
            return List.of();
        }
        if (linked.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new RouteConfigException(label + ": linked_changes must not hold an empty id");
        }
        return linked.stream().map(String::trim).distinct().toList();
    }

    /** {@code impact: partial_outage}, or per state: {@code impact: {ALARM: full_outage, INSUFFICIENT_DATA: degraded}}. */
    static Map<AlarmState, ComponentStatus> impacts(String label, JsonNode impact) {
        Map<AlarmState, ComponentStatus> impacts = new EnumMap<>(AlarmState.class);
        if (impact == null || impact.isNull()) {
            impacts.put(AlarmState.ALARM, ComponentStatus.fromWire(Router.DEFAULT_IMPACT).orElseThrow());
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

    static ComponentStatus impactValue(String label, String value) {
        return impact(value).orElseThrow(() -> new RouteConfigException(label + ": impact '" + value
                + "' is not degraded, partial_outage or full_outage"));
    }

    static Optional<ComponentStatus> impact(String value) {
        return ComponentStatus.fromWire(value.trim()).filter(Router.IMPACTS::contains);
    }

    static Predicate<AlarmChange> matcher(String label, RoutingDocument.Match match) {
        if (match == null) {
            return alarm -> !alarm.isHealth();
        }
        List<Predicate<AlarmChange>> conditions = new ArrayList<>();
        conditions.add(alarm -> !alarm.isHealth());
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

    static Predicate<String> nameMatcher(String label, JsonNode spec) {
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

    static String path(JsonMappingException failure) {
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
