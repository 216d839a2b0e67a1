package dev.statuspagesync.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

/**
 * The settings that limit who and what may reach the page, checked at start-up: a value that would fail closed on
 * every delivery (an account id with a typo, an unreadable age) stops the start with a message that names its
 * variable, instead of quietly refusing everything.
 */
@Startup
@ApplicationScoped
public class TrustSettings {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** An EventBridge rule's name. */
    private static final Pattern RULE = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    @Inject
    public TrustSettings(StatusPageConfig config) {
        check(config);
    }

    /** Throws {@link IllegalArgumentException} naming the first setting that cannot work. */
    static void check(StatusPageConfig config) {
        for (String account : config.accounts().orElse(List.of())) {
            if (!ACCOUNT.matcher(account.strip()).matches()) {
                throw new IllegalArgumentException("STATUSPAGE_ACCOUNTS names '" + account.strip() + "'; list account"
                        + " ids of 12 digits, separated by commas");
            }
        }
        config.scheduleRule().map(String::strip).filter(rule -> !rule.isEmpty()).ifPresent(rule -> {
            if (!RULE.matcher(rule).matches()) {
                throw new IllegalArgumentException("STATUSPAGE_SCHEDULE_RULE is '" + rule + "'; give the sweep's"
                        + " EventBridge rule name (letters, digits, '.', '-', '_', at most 64)");
            }
        });
        config.optInTag().map(String::strip).filter(tag -> !tag.isEmpty()).ifPresent(tag -> {
            if (tag.startsWith("=") || tag.contains(",")) {
                throw new IllegalArgumentException("STATUSPAGE_OPT_IN_TAG is '" + tag + "'; give one tag as key=value"
                        + " or key");
            }
        });
        Duration maxAge = CalmPage.duration("STATUSPAGE_EVENT_MAX_AGE", config.eventMaxAge());
        if (maxAge.isZero()) {
            throw new IllegalArgumentException("STATUSPAGE_EVENT_MAX_AGE is 0; a published event could then date"
                    + " nothing in the past: use a duration such as 30d");
        }
    }
}
