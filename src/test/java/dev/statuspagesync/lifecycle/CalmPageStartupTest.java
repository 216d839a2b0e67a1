package dev.statuspagesync.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.support.StatusPageSettings;
import io.quarkus.runtime.Startup;

/**
 * Calm-page settings that cannot work stop the function as it starts: the executor, which reads them, is created
 * at start-up, and its constructor refuses them with a message that names the variable.
 */
class CalmPageStartupTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -5m   | people,maintenance | STATUSPAGE_RESOLVE_AFTER is '-5m'; a duration cannot be negative
            5 min | people             | STATUSPAGE_RESOLVE_AFTER is '5 min'; use a duration such as 5m, 90s, 30d or 0
            5m    | people,robots      | STATUSPAGE_DEFER_TO names 'robots'; use people, maintenance or published, several separated by commas, or none
            """)
    void refusesSettingsThatCannotWorkAtStartUp(String resolveAfter, String deferTo, String message) {
        var settings = StatusPageSettings.document("routes: []").withCalm(resolveAfter, List.of(deferTo.split(",")));

        var refused = assertThrows(IllegalArgumentException.class, () -> new PlanExecutor(null, null, null,
                Clock.systemUTC(), settings));

        assertEquals(message, refused.getMessage());
        assertTrue(PlanExecutor.class.isAnnotationPresent(Startup.class), "created as the function starts");
    }
}
