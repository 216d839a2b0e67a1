package dev.statuspagesync.config;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;

/**
 * The on/off settings take {@code true} or {@code false} and nothing else, checked at start-up. The configuration
 * library alone would read any other word ({@code nope}, {@code maybe}, a typo of {@code true}) as off, and the
 * function would quietly do the opposite of what its operator wrote.
 */
@Startup
@ApplicationScoped
public class OnOffSettings {

    /** Every on/off setting of the README's configuration table, by its property name. */
    static final List<String> PROPERTIES = List.of("statuspage.notify-subscribers", "statuspage.join-open-incidents",
            "statuspage.monitoring-update", "statuspage.reconcile", "statuspage.metrics.enabled", "flashduty.dry-run");

    @Inject
    public OnOffSettings(Config config) {
        check(config);
    }

    /** Throws {@link IllegalArgumentException} naming the first on/off setting set to anything but true or false. */
    static void check(Config config) {
        for (String property : PROPERTIES) {
            String raw = config.getConfigValue(property).getRawValue();
            if (raw != null && !raw.strip().equalsIgnoreCase("true") && !raw.strip().equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(variable(property) + " is '" + raw + "'; use true or false");
            }
        }
    }

    /** The environment variable of a property: {@code statuspage.metrics.enabled} is STATUSPAGE_METRICS_ENABLED. */
    static String variable(String property) {
        return property.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }
}
