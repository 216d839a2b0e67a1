package dev.statuspagesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calm-page settings: what they accept, and the message that stops start-up when they cannot work. */
class CalmPageTest {

    @ParameterizedTest
    @CsvSource({ "5m, 300", "90s, 90", "0, 0", "1h, 3600", "PT5M, 300", "120, 120", "' 10m ', 600" })
    void readsAQuietPeriod(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), CalmPage.duration("STATUSPAGE_RESOLVE_AFTER", text));
    }

    @Test
    void refusesANegativeQuietPeriodNamingTheVariable() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> CalmPage.duration("STATUSPAGE_RESOLVE_AFTER", "-5m"));

        assertEquals("STATUSPAGE_RESOLVE_AFTER is '-5m'; a duration cannot be negative", refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "five minutes", "5 min", "5mm", "PT", "''", "99999999999999999999" })
    void refusesAnUnreadableQuietPeriodNamingTheVariable(String text) {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> CalmPage.duration("STATUSPAGE_RESOLVE_AFTER", text));

        assertEquals("STATUSPAGE_RESOLVE_AFTER is '" + text + "'; use a duration such as 5m, 90s, 30d or 0",
                refused.getMessage());
    }

    @Test
    void readsWhomToDeferTo() {
        assertEquals(Set.of(CalmPage.Deference.PEOPLE, CalmPage.Deference.MAINTENANCE),
                CalmPage.deference(List.of("people", " Maintenance ")));
        assertEquals(Set.of(CalmPage.Deference.MAINTENANCE), CalmPage.deference(List.of("maintenance")));
        assertEquals(Set.of(), CalmPage.deference(List.of("none")));
    }

    @Test
    void refusesAnUnknownDeferenceWordNamingTheVariable() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> CalmPage.deference(List.of("people", "robots")));

        assertEquals("STATUSPAGE_DEFER_TO names 'robots'; use people, maintenance or published, several separated by commas, or none",
                refused.getMessage());
    }
}
