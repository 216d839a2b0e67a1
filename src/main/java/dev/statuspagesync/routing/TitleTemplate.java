package dev.statuspagesync.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.statuspagesync.inbound.AlarmChange;

/** Incident titles such as {@code "{alarm_name} in {region}"}; the default is the alarm name alone. */
public final class TitleTemplate {

    public static final String DEFAULT = "{alarm_name}";
    static final List<String> PLACEHOLDERS = List.of("alarm_name", "state", "region", "account", "namespace");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private TitleTemplate() {
    }

    /** The placeholders a template uses that do not exist, empty when it is valid. */
    static Set<String> unknownPlaceholders(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        Set<String> unknown = new LinkedHashSet<>();
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    /** The template with the alarm's values in place. */
    public static String render(String template, AlarmChange alarm) {
        Map<String, String> values = Map.of(
                "alarm_name", alarm.name(),
                "state", alarm.newState().name(),
                "region", alarm.region() == null ? "" : alarm.region(),
                "account", alarm.accountId() == null ? "" : alarm.accountId(),
                "namespace", alarm.metrics().namespace() == null ? "" : alarm.metrics().namespace());
        return PLACEHOLDER.matcher(template).replaceAll(match -> Matcher.quoteReplacement(
                values.getOrDefault(match.group(1), match.group())));
    }
}
