package dev.statuspagesync.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a route's title and updates with placeholders such as {@code {components}}. Public placeholders say
 * what customers may read; the alarm's own fields are placeholders for the internal audience only.
 */
public final class Template {

    /** What every audience may show: the components' display names, impact words, the route's name, the time. */
    public static final List<String> PUBLIC = List.of("components", "impact", "route", "time");
    /** The alarm's own fields: for internal, staff-only pages only. */
    public static final List<String> ALARM = List.of("alarm_name", "state", "region", "account", "namespace",
            "description", "reason", "metric");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]{1,40})}");

    private Template() {
    }

    /** What is wrong with {@code template} for {@code audience}, or empty when it may be used. */
    static List<String> problems(String template, Audience audience) {
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> internal = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (ALARM.contains(name) && audience == Audience.PUBLIC) {
                internal.add(name);
            } else if (!PUBLIC.contains(name) && !ALARM.contains(name)) {
                unknown.add(name);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("uses unknown placeholder(s) " + unknown + "; use " + PUBLIC + (audience == Audience.PUBLIC
                    ? "" : " or " + ALARM));
        }
        if (!internal.isEmpty()) {
            problems.add("uses " + internal + ", the alarm's own fields, which a public page never shows (account"
                    + " ids, alarm names and thresholds are the operator's, not the customers'); use " + PUBLIC
                    + ", or set audience: internal for a staff-only page");
        }
        return problems;
    }

    /**
     * The template with each known placeholder replaced by its value, passed through {@code escape}; a placeholder
     * without a value is left out.
     */
    public static String render(String template, Map<String, String> values, UnaryOperator<String> escape) {
        return PLACEHOLDER.matcher(template).replaceAll(match -> {
            String name = match.group(1);
            if (!PUBLIC.contains(name) && !ALARM.contains(name)) {
                return Matcher.quoteReplacement(match.group());
            }
            String value = values.get(name);
            return Matcher.quoteReplacement(value == null ? "" : escape.apply(value));
        });
    }
}
