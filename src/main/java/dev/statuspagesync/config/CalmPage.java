package dev.statuspagesync.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings that keep the public page calm, read from {@link StatusPageConfig} and checked once: a value that
 * cannot work stops start-up with a message that names its variable.
 *
 * @param resolveAfter     quiet period before the sweep resolves; zero resolves at once
 * @param monitoringUpdate whether a recovery during the quiet period posts a {@code monitoring} update
 * @param deferTo          whose events keep a firing alarm from opening an incident of its own
 */
public record CalmPage(Duration resolveAfter, boolean monitoringUpdate, Set<Deference> deferTo) {

    /** Whose open events a new incident defers to ({@code STATUSPAGE_DEFER_TO}). */
    public enum Deference {
        /** Open incidents that this function did not open. */
        PEOPLE,
        /** Maintenances in progress ({@code ongoing}). */
        MAINTENANCE,
        /**
         * Events published through the function (they carry its event key line): with {@link #PEOPLE} or
         * {@link #MAINTENANCE} they count only when this is listed too, so that no publisher can hide an alarm.
         */
        PUBLISHED
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    public CalmPage {
        deferTo = Set.copyOf(deferTo);
    }

    /** Today's behaviour: immediate resolution, no monitoring update, no deference. */
    public static CalmPage immediate() {
        return new CalmPage(Duration.ZERO, false, Set.of());
    }

    /** The settings of {@code config}; throws {@link IllegalArgumentException} naming the variable to fix. */
    public static CalmPage of(StatusPageConfig config) {
        return new CalmPage(duration("STATUSPAGE_RESOLVE_AFTER", config.resolveAfter()), config.monitoringUpdate(),
                deference(config.deferTo()));
    }

    /**
     * A duration written as whole units ({@code 90s}, {@code 5m}, {@code 1h}, {@code 0}; a bare number is seconds)
     * or in ISO-8601 ({@code PT5M}).
     */
    public static Duration duration(String variable, String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("-")) {
            throw new IllegalArgumentException(variable + " is '" + Settings.shown(value)
                    + "'; a duration cannot be negative");
        }
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                String unit = shortForm.group(2) == null ? "s" : shortForm.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (parsed.isNegative()) {
                throw new IllegalArgumentException(variable + " is '" + Settings.shown(value)
                    + "'; a duration cannot be negative");
            }
            return parsed;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException notADuration) {
            throw new IllegalArgumentException(variable + " is '" + Settings.shown(value)
                    + "'; use a duration such as 5m, 90s, 30d or 0");
        }
    }

    /** The deference words of {@code STATUSPAGE_DEFER_TO}; throws {@link IllegalArgumentException} for another word. */
    public static Set<Deference> deference(List<String> words) {
        Set<Deference> deferTo = EnumSet.noneOf(Deference.class);
        for (String word : words) {
            String name = word.strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "people" -> deferTo.add(Deference.PEOPLE);
                case "maintenance" -> deferTo.add(Deference.MAINTENANCE);
                case "published" -> deferTo.add(Deference.PUBLISHED);
                case "none", "" -> {
                }
                default -> throw new IllegalArgumentException("STATUSPAGE_DEFER_TO names '"
                        + Settings.shown(word.strip()) + "'; use people, maintenance or published, several separated"
                        + " by commas, or none");
            }
        }
        return deferTo;
    }
}
