package dev.statuspagesync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Every documented setting, checked as the configuration is read at start-up: a value the function cannot use stops
 * the start with one line that names the variable, the value and what is accepted.
 * <p>
 * It runs as a {@link ConfigSourceFactory} (registered in {@code META-INF/services}) because that is the one point
 * before the configuration mappings, the REST client and fault tolerance convert the values: they would refuse a
 * number or a word first, naming a property and a Java type ("Expected a long value"), and a start-up bean would
 * never run. It adds no source of its own.
 */
public final class Settings implements ConfigSourceFactory {

    /** The shortest reference key a deployment may set: 32 characters, as the template's generated key has 48. */
    public static final int MIN_REFERENCE_KEY_LENGTH = 32;
    /** Flashduty's limit of calls a second for an account, which the environments share. */
    public static final int ACCOUNT_CALLS_PER_SECOND = 50;

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern CHANNEL = Pattern.compile("arn:aws[a-z-]*:(sns|sqs):[a-z0-9-]+:\\d{12}:[\\w.-]+");
    private static final Pattern SOURCE = Pattern.compile(
            "arn:aws[a-z-]*:(sns:[a-z0-9-]+:\\d{12}:[\\w.-]+|lambda:[a-z0-9-]+:\\d{12}:function:[\\w:$-]+)");
    /** How much of a refused value a message shows. */
    static final int SHOWN_LENGTH = 80;
    private static final Pattern APP_KEY_PARAMETER = Pattern.compile("(?i)(app_key=)[^&\\s]*");
    /** CloudWatch's limit on an alarm name, and so on a prefix of one. */
    private static final int ALARM_NAME_LENGTH = 255;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        check(property -> {
            ConfigValue value = context.getValue(property);
            return value == null ? null : value.getValue();
        });
        return List.of();
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first setting that cannot work; {@code setting} gives the
     * value of a property (or of an environment variable the SDK reads), null when it is not set.
     */
    static void check(UnaryOperator<String> setting) {
        OnOffSettings.check(setting);
        TrustSettings.check(setting);
        url(setting, "flashduty.base-url", "https://api.flashcat.cloud");
        notEmpty(setting, "flashduty.app-key-secret-field", "name the field of the secret's JSON that holds the key,"
                + " such as app_key");
        secretVersion(setting);
        one(setting, "statuspage.page-id", Settings::positive, "use the status page's id, a whole number such as"
                + " 5750613685214");
        each(setting, "statuspage.component-ids", Settings::componentId, "list component ids separated by commas");
        word(setting, "statuspage.audience", List.of("public", "internal"), false);
        word(setting, "statuspage.impact", List.of("degraded", "partial_outage", "full_outage"), true);
        word(setting, "statuspage.insufficient-data", List.of("ignore", "degrade", "resolve"), false);
        referenceKey(setting);
        each(setting, "statuspage.event-channels", channel -> CHANNEL.matcher(channel).matches(),
                "list topic and queue ARNs (arn:aws:sns:... or arn:aws:sqs:...) separated by commas");
        ifSet(setting, "statuspage.resolve-after", after -> CalmPage.duration("STATUSPAGE_RESOLVE_AFTER", after));
        notEmpty(setting, "statuspage.defer-to", "use people, maintenance or published, several separated by"
                + " commas, or none");
        ifSet(setting, "statuspage.defer-to", deferTo -> CalmPage.deference(List.of(deferTo.split(",", -1))));
        each(setting, "statuspage.alarm-sources", source -> SOURCE.matcher(source).matches(),
                "list topic or function ARNs (arn:aws:sns:... or arn:aws:lambda:...) separated by commas");
        each(setting, "statuspage.alarm-name-prefixes", prefix -> prefix.equals("*") || alarmNamePrefix(prefix),
                "list alarm-name prefixes of at most 255 characters without wildcards (payments-, not payments-*),"
                        + " separated by commas, or * alone for every alarm");
        one(setting, "statuspage.own-alarm-prefix", Settings::alarmNamePrefix, "give the name prefix of the"
                + " stack's own alarms, at most 255 characters, without wildcards");
        each(setting, "statuspage.event-components", Settings::componentId, "list component ids separated by"
                + " commas");
        each(setting, "statuspage.event-responders", Settings::positive, "list Flashduty member ids (whole numbers"
                + " such as 2476301) separated by commas");
        one(setting, "statuspage.home-account", account -> ACCOUNT.matcher(account).matches(), "give the"
                + " function's own account id, 12 digits");
        url(setting, "AWS_ENDPOINT_URL_CLOUDWATCH", "https://monitoring.us-east-1.amazonaws.com");
        namespace(setting);
        number(setting, "flashduty.calls-per-minute", 1, Integer.MAX_VALUE, "a whole number of calls a minute, 1 or"
                + " more");
        number(setting, "flashduty.calls-per-second", 1, ACCOUNT_CALLS_PER_SECOND, "a whole number of calls a second"
                + " from 1 to " + ACCOUNT_CALLS_PER_SECOND);
        number(setting, "flashduty.read-cache-ms", 0, Long.MAX_VALUE, "a whole number of milliseconds, 0 or more");
        number(setting, "flashduty.retry.max-retries", 0, Integer.MAX_VALUE, "a whole number of retries, 0 or"
                + " more");
        number(setting, "flashduty.retry.initial-delay-ms", 0, Long.MAX_VALUE, "a whole number of milliseconds, 0"
                + " or more");
        number(setting, "flashduty.retry.call-timeout-ms", 1, Long.MAX_VALUE, "a whole number of milliseconds, 1"
                + " or more");
        number(setting, "flashduty.retry.reserve-ms", 0, Long.MAX_VALUE, "a whole number of milliseconds, 0 or"
                + " more");
        number(setting, "flashduty.retry.default-budget-ms", 1, Long.MAX_VALUE, "a whole number of milliseconds, 1"
                + " or more");
    }

    /**
     * A refused value as a message shows it: at most {@value #SHOWN_LENGTH} characters, control and format characters
     * escaped (no line break or terminal escape reaches a log or a terminal), and an {@code app_key=} parameter
     * masked, for a key pasted into the wrong setting.
     */
    public static String shown(String value) {
        String masked = APP_KEY_PARAMETER.matcher(value).replaceAll("$1****");
        StringBuilder shown = new StringBuilder();
        masked.codePoints().limit(SHOWN_LENGTH).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return masked.codePointCount(0, masked.length()) > SHOWN_LENGTH ? shown + "…" : shown.toString();
    }

    /** The environment variable of a property: {@code statuspage.metrics.enabled} is STATUSPAGE_METRICS_ENABLED. */
    static String variable(String property) {
        return property.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    private static IllegalArgumentException refused(String property, String value, String accepted) {
        return new IllegalArgumentException(variable(property) + " is '" + shown(value) + "'; " + accepted);
    }

    /**
     * An empty value (or, for a list, only commas) of a setting with a default is no value: the mappings refuse it
     * rather than take the default.
     */
    private static void notEmpty(UnaryOperator<String> setting, String property, String accepted) {
        String value = setting.apply(property);
        if (value != null && value.replace(",", "").isBlank()) {
            throw refused(property, value, accepted);
        }
    }

    /** Checks a setting's value only when it is set: the defaults are the function's own and always work. */
    static void ifSet(UnaryOperator<String> setting, String property, Consumer<String> check) {
        String value = setting.apply(property);
        if (value != null) {
            check.accept(value);
        }
    }

    private static void number(UnaryOperator<String> setting, String property, long min, long max, String what) {
        String value = setting.apply(property);
        if (value == null) {
            return;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as a number out of range is
        }
        throw refused(property, value, "use " + what);
    }

    private static void word(UnaryOperator<String> setting, String property, List<String> words,
            boolean caseSensitive) {
        String value = setting.apply(property);
        if (value == null) {
            return;
        }
        String word = caseSensitive ? value.strip() : value.strip().toLowerCase(Locale.ROOT);
        if (!words.contains(word)) {
            throw refused(property, value, "use " + String.join(", ", words.subList(0, words.size() - 1)) + " or "
                    + words.getLast());
        }
    }

    private static void url(UnaryOperator<String> setting, String property, String example) {
        String value = setting.apply(property);
        if (value == null) {
            return;
        }
        boolean web;
        try {
            URI uri = new URI(value.strip());
            web = uri.getHost() != null && uri.getScheme() != null
                    && List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException notAUri) {
            web = false;
        }
        if (!web) {
            throw refused(property, value, "use an http or https URL such as " + example);
        }
    }

    /** An optional setting of one value, judged by {@code valid} unless it is blank (not set). */
    private static void one(UnaryOperator<String> setting, String property, Predicate<String> valid,
            String accepted) {
        String value = setting.apply(property);
        if (value != null && !value.isBlank() && !valid.test(value.strip())) {
            throw refused(property, value, accepted);
        }
    }

    /** Each comma-separated entry of a list setting, blank entries left out, judged by {@code valid}. */
    private static void each(UnaryOperator<String> setting, String property, Predicate<String> valid,
            String accepted) {
        String value = setting.apply(property);
        if (value == null) {
            return;
        }
        for (String entry : Arrays.stream(value.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList()) {
            if (!valid.test(entry)) {
                throw new IllegalArgumentException(variable(property) + " names '" + shown(entry) + "'; " + accepted);
            }
        }
    }

    /** A component id is one word: a space inside one is a list separated by spaces instead of commas. */
    private static boolean componentId(String id) {
        return id.chars().noneMatch(Character::isWhitespace);
    }

    private static boolean positive(String id) {
        try {
            return Long.parseLong(id) > 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** DescribeAlarms takes a prefix literally: a {@code *} inside one matches only alarm names with a star. */
    private static boolean alarmNamePrefix(String prefix) {
        return prefix.length() <= ALARM_NAME_LENGTH && prefix.indexOf('*') < 0;
    }

    /**
     * A version id has 32 to 64 characters. A refused one is shown only when it is short enough to be a stage name
     * (AWSCURRENT), as a key pasted here by mistake would not be: a longer one by its length alone.
     */
    private static void secretVersion(UnaryOperator<String> setting) {
        String version = setting.apply("flashduty.app-key-secret-version");
        if (version == null || version.isBlank() || version.strip().length() >= 32 && version.strip().length() <= 64) {
            return;
        }
        String accepted = "give a version id of the secret, 32 to 64 characters (a stage such as AWSCURRENT is not a"
                + " version id); unset, the current version is read";
        if (version.strip().length() <= 20) {
            throw refused("flashduty.app-key-secret-version", version, accepted);
        }
        throw new IllegalArgumentException("FLASHDUTY_APP_KEY_SECRET_VERSION has " + version.strip().length()
                + " characters; " + accepted);
    }

    /** The key itself is never shown: only its length. The secret's key is checked when it is read. */
    private static void referenceKey(UnaryOperator<String> setting) {
        String secret = setting.apply("statuspage.reference-key-secret");
        String key = setting.apply("statuspage.reference-key");
        if ((secret == null || secret.isBlank()) && key != null && !key.isBlank()
                && key.strip().length() < MIN_REFERENCE_KEY_LENGTH) {
            throw new IllegalArgumentException("STATUSPAGE_REFERENCE_KEY has " + key.strip().length()
                    + " characters; it needs at least " + MIN_REFERENCE_KEY_LENGTH
                    + " (the template's generated key has 48)");
        }
    }

    /**
     * CloudWatch's namespace rules (PutMetricData, and the Embedded Metric Format, which drops a record that breaks
     * them without a word): 1 to 255 ASCII characters, no control character, no leading colon, and no {@code AWS/},
     * which AWS's services keep for themselves.
     */
    private static void namespace(UnaryOperator<String> setting) {
        String value = setting.apply("statuspage.metrics.namespace");
        if (value != null && (value.isBlank() || value.length() > 255 || value.startsWith(":")
                || value.startsWith("AWS/") || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw refused("statuspage.metrics.namespace", value, "use a namespace of your own: 1 to 255 ASCII"
                    + " characters, not starting with AWS/ or a colon");
        }
    }
}
