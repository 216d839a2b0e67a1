package dev.statuspagesync.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a route's incidents say and to whom: the audience, and the templates of the title, the opening update, a
 * change of impact (more components hit, a higher impact, the issue back), the recovery while the incident is
 * monitored, and the resolution. Component display names fill {@code {components}}. For the internal audience a
 * template left null keeps the technical text the function writes by itself.
 */
public record Wording(Audience audience, String title, String opening, String impact, String recovery,
        String resolution, String displayName, Map<String, String> componentNames) {

    public static final String PUBLIC_TITLE = "{components}: {impact}";
    public static final String PUBLIC_OPENING = "We are investigating an issue affecting {components} ({impact}).";
    public static final String PUBLIC_IMPACT = "We continue to investigate an issue affecting {components}"
            + " ({impact}).";
    public static final String PUBLIC_RECOVERY = "Service has recovered for {components}. We are monitoring to make"
            + " sure it stays healthy.";
    public static final String PUBLIC_RESOLUTION = "This incident has been resolved. Service is operating normally"
            + " for {components}.";
    public static final String INTERNAL_TITLE = "{alarm_name}";
    /** What {@code {components}} says when no component of the update has a display name. */
    public static final String UNNAMED_COMPONENTS = "our services";

    public Wording {
        componentNames = Map.copyOf(componentNames);
        if (audience == Audience.PUBLIC && (title == null || opening == null || impact == null || recovery == null
                || resolution == null)) {
            throw new IllegalArgumentException("a public page needs every template: its words come only from them");
        }
    }

    /** The audience's default text: customer sentences for public pages, the technical text for internal ones. */
    public static Wording defaults(Audience audience) {
        return switch (audience) {
            case PUBLIC -> new Wording(audience, PUBLIC_TITLE, PUBLIC_OPENING, PUBLIC_IMPACT, PUBLIC_RECOVERY,
                    PUBLIC_RESOLUTION, null, Map.of());
            case INTERNAL -> new Wording(audience, INTERNAL_TITLE, null, null, null, null, null, Map.of());
        };
    }

    /** The internal technical text, with its title from {@code title}. */
    public static Wording internal(String title) {
        return defaults(Audience.INTERNAL).withTitle(title);
    }

    /** These templates with {@code names} as the components' display names. */
    public Wording withNames(Map<String, String> names) {
        return with(null, null, null, null, null, null, names);
    }

    Wording withTitle(String template) {
        return new Wording(audience, template, opening, impact, recovery, resolution, displayName, componentNames);
    }

    /** These templates with any of {@code given} that is not null in their place. */
    Wording with(String title, String opening, String impact, String recovery, String resolution,
            String displayName, Map<String, String> names) {
        return new Wording(audience, title == null ? this.title : title, opening == null ? this.opening : opening,
                impact == null ? this.impact : impact, recovery == null ? this.recovery : recovery,
                resolution == null ? this.resolution : resolution,
                displayName == null ? this.displayName : displayName, names == null ? componentNames : names);
    }

    /** Whether the recovery or resolution template names the route ({@code {route}}). */
    boolean endsWithItsName() {
        return recovery != null && recovery.contains("{route}") || resolution != null && resolution.contains("{route}");
    }

    /** What is wrong with these templates, each problem named by its template; empty when they may be used. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, "title", title);
        check(problems, "opening", opening);
        check(problems, "impact", impact);
        check(problems, "recovery", recovery);
        check(problems, "resolution", resolution);
        for (String ending : List.of("recovery", "resolution")) {
            String template = ending.equals("recovery") ? recovery : resolution;
            List<String> fields = template == null ? List.of() : Template.ALARM.stream()
                    .filter(field -> template.contains("{" + field + "}")).toList();
            if (!fields.isEmpty() && audience == Audience.INTERNAL) {
                problems.add("template " + ending + " uses " + fields + ": the sweep words the " + ending
                        + " by page, after every alarm has recovered, so it knows no alarm; use " + Template.PUBLIC);
            }
        }
        return problems;
    }

    private void check(List<String> problems, String name, String template) {
        if (template == null) {
            return;
        }
        if (template.isBlank()) {
            problems.add("template " + name + " is empty");
        }
        Template.problems(template, audience).forEach(problem -> problems.add("template " + name + " " + problem));
    }
}
