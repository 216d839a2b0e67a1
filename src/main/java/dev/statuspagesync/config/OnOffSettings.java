package dev.statuspagesync.config;

import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.Config;

/**
 * The on/off settings take {@code true} or {@code false} and nothing else, checked at start-up ({@link Settings}).
 * The configuration library alone would read any other word ({@code nope}, {@code maybe}, a typo of {@code true}) as
 * off, and the function would quietly do the opposite of what its operator wrote.
 */
final class OnOffSettings {

    /** Every on/off setting of the README's configuration table, by its property name. */
    static final List<String> PROPERTIES = List.of("statuspage.notify-subscribers", "statuspage.join-open-incidents",
            "statuspage.monitoring-update", "statuspage.reconcile", "statuspage.metrics.enabled", "flashduty.dry-run");

    private OnOffSettings() {
    }

    /** Throws {@link IllegalArgumentException} naming the first on/off setting set to anything but true or false. */
    static void check(Config config) {
        check(property -> config.getConfigValue(property).getRawValue());
    }

    /** As {@link #check(Config)}, over the value of each property, null when it is not set. */
    static void check(UnaryOperator<String> setting) {
        for (String property : PROPERTIES) {
            String raw = setting.apply(property);
            if (raw != null && !raw.strip().equalsIgnoreCase("true") && !raw.strip().equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(Settings.variable(property) + " is '" + Settings.shown(raw)
                        + "'; use true or false");
            }
        }
    }
}
