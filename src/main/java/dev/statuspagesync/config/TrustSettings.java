package dev.statuspagesync.config;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The settings that limit who and what may reach the page, checked at start-up ({@link Settings}): a value that
 * would fail closed on every delivery (an account id with a typo, an unreadable age) stops the start with a message
 * that names its variable, instead of quietly refusing everything.
 */
final class TrustSettings {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** An EventBridge rule's name. */
    private static final Pattern RULE = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    private TrustSettings() {
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first setting that cannot work; {@code setting} gives the
     * value of a property, null when it is not set.
     */
    static void check(UnaryOperator<String> setting) {
        String accounts = setting.apply("statuspage.accounts");
        for (String account : accounts == null ? new String[0] : accounts.split(",")) {
            if (!account.isBlank() && !ACCOUNT.matcher(account.strip()).matches()) {
                throw new IllegalArgumentException("STATUSPAGE_ACCOUNTS names '" + Settings.shown(account.strip())
                        + "'; list account ids of 12 digits, separated by commas");
            }
        }
        String rule = strip(setting.apply("statuspage.schedule-rule"));
        if (!rule.isEmpty() && !RULE.matcher(rule).matches()) {
            throw new IllegalArgumentException("STATUSPAGE_SCHEDULE_RULE is '" + Settings.shown(rule)
                    + "'; give the sweep's EventBridge rule name (letters, digits, '.', '-', '_', at most 64)");
        }
        String tag = strip(setting.apply("statuspage.opt-in-tag"));
        if (!tag.isEmpty() && (tag.startsWith("=") || tag.contains(","))) {
            throw new IllegalArgumentException("STATUSPAGE_OPT_IN_TAG is '" + Settings.shown(tag)
                    + "'; give one tag as key=value or key");
        }
        Settings.ifSet(setting, "statuspage.event-max-age", maxAge -> {
            if (CalmPage.duration("STATUSPAGE_EVENT_MAX_AGE", maxAge).isZero()) {
                throw new IllegalArgumentException("STATUSPAGE_EVENT_MAX_AGE is 0; a published event could then date"
                        + " nothing in the past: use a duration such as 30d");
            }
        });
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
