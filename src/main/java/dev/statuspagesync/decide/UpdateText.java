package dev.statuspagesync.decide;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.HealthEvent;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Markdown;
import dev.statuspagesync.page.References;
import dev.statuspagesync.page.TechnicalText;
import dev.statuspagesync.routing.Audience;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Template;
import dev.statuspagesync.routing.Wording;

/**
 * The words of an incident's title and updates, as its route's {@link Wording} says: a public page's come from
 * templates whose placeholders are the components' display names, impact words, the route's name and the time;
 * an internal page's may name the alarm, and without templates are the technical text (alarm, reason, metric,
 * account, Region, a console link). Nothing of the alarm reaches a public page's text.
 */
final class UpdateText {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final DateTimeFormatter UPDATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private UpdateText() {
    }

    /** The incident's title. */
    static String title(Route route, AlarmChange alarm, ComponentStatus impact, long atSeconds) {
        String rendered = Template.render(route.wording().title(),
                values(route.wording(), alarm, route.componentIds(), Map.of(), impact, atSeconds),
                Markdown::plain);
        return title(switch (route.wording().audience()) {
            case PUBLIC -> capitalised(rendered);
            case INTERNAL -> rendered;
        });
    }

    /** The incident's description: the opening words (public) or the technical text, then the key line. */
    static String description(Route route, AlarmChange alarm, ComponentStatus impact, long atSeconds) {
        return switch (route.wording().audience()) {
            case PUBLIC -> IncidentText.withKeyLine(opening(route, alarm, impact, atSeconds),
                    IncidentText.keyLine(References.current().alarm(alarm.arn())));
            case INTERNAL -> TechnicalText.description(alarm);
        };
    }

    /** The opening update's words, before the alarm list. */
    static String opening(Route route, AlarmChange alarm, ComponentStatus impact, long atSeconds) {
        return text(route.wording(), route.wording().opening(), alarm, route.componentIds(), Map.of(), impact,
                atSeconds, () -> TechnicalText.named(alarm, false) + (alarm.isHealth() ? " is open"
                        : " is in " + alarm.newState()) + ". We are investigating.");
    }

    /** A joining alarm raises {@code components} to {@code impact}. */
    static String raised(Route route, AlarmChange alarm, List<String> components, Map<String, String> known,
            ComponentStatus impact, long atSeconds) {
        return text(route.wording(), route.wording().impact(), alarm, components, known, impact, atSeconds,
                () -> TechnicalText.named(alarm, false) + (alarm.isHealth() ? " is open"
                        : " is in " + alarm.newState()) + " too; more of the service is affected.");
    }

    /** An alarm fires again in an incident being monitored: {@code components} back to {@code impact}. */
    static String reopened(Route route, AlarmChange alarm, List<String> components, Map<String, String> known,
            ComponentStatus impact, long atSeconds) {
        return text(route.wording(), route.wording().impact(), alarm, components, known, impact, atSeconds,
                () -> TechnicalText.named(alarm, false) + (alarm.isHealth() ? " is open"
                        : " is in " + alarm.newState()) + " again. We are investigating.");
    }

    /** The last alarm recovered and the incident resolves at once. */
    static String resolved(Wording wording, AlarmChange alarm, int alarms, List<String> components,
            Map<String, String> known, long atSeconds) {
        return text(wording, wording.resolution(), alarm, components, known, ComponentStatus.OPERATIONAL,
                atSeconds, () -> TechnicalText.recoveryText(alarm, alarms));
    }

    /** Every alarm has stayed recovered for the quiet period; {@code lastArn} recovered last. */
    static String resolvedQuietly(Wording wording, String lastArn, long lastRecovered, int alarms, Duration quiet,
            List<String> components, Map<String, String> known, long atSeconds) {
        return text(wording, wording.resolution(), null, components, known, ComponentStatus.OPERATIONAL, atSeconds,
                () -> "Resolved: " + (HealthEvent.isKey(lastArn)
                        ? "AWS Health event " + Markdown.text(healthEvent(lastArn)) + " closed at "
                        : "CloudWatch alarm " + Markdown.text(alarmName(lastArn)) + " recovered at ")
                        + TechnicalText.HUMAN_TIME.format(Instant.ofEpochSecond(lastRecovered))
                        + (alarms > 1 ? ", the last of the " + alarms + " alarms in this incident to recover," : ",")
                        + " and every alarm has stayed recovered for " + human(quiet) + "."
                        + " All affected components are operational again.");
    }

    /** Every alarm has recovered; the incident is monitored through its quiet period. */
    static String monitoring(Wording wording, List<String> components, Map<String, String> known, long atSeconds) {
        return text(wording, wording.recovery(), null, components, known, ComponentStatus.OPERATIONAL, atSeconds,
                () -> "The CloudWatch alarms of this incident have recovered. We are monitoring the service.");
    }

    /** The template's words, or the technical text of an internal page that has none. */
    private static String text(Wording wording, String template, AlarmChange alarm, List<String> components,
            Map<String, String> known, ComponentStatus impact, long atSeconds, Supplier<String> technical) {
        if (template == null) {
            return switch (wording.audience()) {
                case INTERNAL -> technical.get();
                case PUBLIC -> throw new IllegalStateException("a public route has every template");
            };
        }
        return Template.render(template, values(wording, alarm, components, known, impact, atSeconds),
                Markdown::text);
    }

    /**
     * What the placeholders stand for: always the public ones; the alarm's own fields only for an internal page, so
     * no template can carry them to a public one.
     */
    private static Map<String, String> values(Wording wording, AlarmChange alarm, List<String> components,
            Map<String, String> known, ComponentStatus impact, long atSeconds) {
        Map<String, String> values = new HashMap<>();
        String names = componentNames(wording, components, known);
        values.put("components", names);
        values.put("impact", impactWords(impact));
        values.put("route", wording.displayName() == null ? names : wording.displayName());
        values.put("time", UPDATE_TIME.format(Instant.ofEpochSecond(atSeconds)));
        if (wording.audience() == Audience.INTERNAL && alarm != null) {
            values.put("alarm_name", TechnicalText.cut(alarm.name(), TechnicalText.MAX_NAME));
            values.put("state", alarm.newState().name());
            values.put("region", Objects.toString(alarm.region(), ""));
            values.put("account", Objects.toString(alarm.accountId(), ""));
            values.put("namespace", Objects.toString(alarm.metrics().namespace(), ""));
            values.put("description", alarm.description() == null ? ""
                    : TechnicalText.cut(alarm.description(), TechnicalText.MAX_DESCRIPTION));
            values.put("reason", alarm.reason() == null ? ""
                    : TechnicalText.cut(alarm.reason(), TechnicalText.MAX_REASON));
            values.put("metric", alarm.metrics().isEmpty() ? "" : plainMetricLine(alarm.metrics()));
        }
        return values;
    }

    /** "Checkout API", "Checkout API and Payments", "A, B and C"; components without a name are left out. */
    static String componentNames(Wording wording, List<String> components, Map<String, String> known) {
        List<String> names = components.stream().map(id -> wording.componentNames().getOrDefault(id, known.get(id)))
                .filter(Objects::nonNull).distinct().toList();
        if (names.isEmpty()) {
            return Wording.UNNAMED_COMPONENTS;
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** What a component status is called on the page. */
    static String impactWords(ComponentStatus impact) {
        return switch (impact) {
            case OPERATIONAL -> "operational";
            case DEGRADED -> "degraded performance";
            case PARTIAL_OUTAGE -> "partial outage";
            case FULL_OUTAGE -> "major outage";
            case UNDER_MAINTENANCE -> "under maintenance";
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, text.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                + text.substring(text.offsetByCodePoints(0, 1));
    }

    /** The metric line without Markdown, for a template (which escapes what it inserts). */
    private static String plainMetricLine(MetricSummary metrics) {
        String names = metrics.metrics().stream().limit(TechnicalText.MAX_METRICS)
                .map(name -> TechnicalText.cut(name, TechnicalText.MAX_NAME))
                .collect(Collectors.joining(", "));
        return ((metrics.namespace() == null ? "" : metrics.namespace() + " ") + names).strip();
    }

    /** The alarm's name, from its ARN ({@code arn:partition:cloudwatch:region:account:alarm:name}). */
    static String alarmName(String arn) {
        return AlarmArn.parse(arn).map(AlarmArn::name).orElse(arn);
    }

    /** The event type of a Health event's key ({@code arn:...:event/SERVICE/TYPE/ID}), or the key. */
    static String healthEvent(String key) {
        String[] path = key.substring(key.indexOf(":event/") + 1).split("/");
        return path.length >= 3 ? path[2] : key;
    }

    /** A duration in words: "5 minutes", "1 hour", "90 seconds". */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** The title on one line, cut to Flashduty's limit without splitting a character. */
    static String title(String rendered) {
        String name = CONTROL.matcher(rendered).replaceAll(" ").strip();
        if (name.codePointCount(0, name.length()) <= Requests.MAX_TITLE_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, Requests.MAX_TITLE_LENGTH));
    }
}
