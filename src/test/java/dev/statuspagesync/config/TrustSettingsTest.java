package dev.statuspagesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A setting that would refuse every delivery stops the start, naming itself, instead of blanking the page. */
class TrustSettingsTest {

    @Test
    void theDefaultsStart() {
        TrustSettings.check(SettingsTest.settings(Map.of()));
        TrustSettings.check(SettingsTest.settings(Map.of("STATUSPAGE_ACCOUNTS", "210987654321, 123456789012",
                "STATUSPAGE_SCHEDULE_RULE", "stack-sweep", "STATUSPAGE_OPT_IN_TAG", "statuspage=publish",
                "STATUSPAGE_EVENT_MAX_AGE", "7d")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            STATUSPAGE_ACCOUNTS      | 210987654321,21098765432a | STATUSPAGE_ACCOUNTS names '21098765432a'; list account ids of 12 digits, separated by commas
            STATUSPAGE_SCHEDULE_RULE | bad rule/name             | STATUSPAGE_SCHEDULE_RULE is 'bad rule/name'; give the sweep's EventBridge rule name (letters, digits, '.', '-', '_', at most 64)
            STATUSPAGE_OPT_IN_TAG    | =publish                  | STATUSPAGE_OPT_IN_TAG is '=publish'; give one tag as key=value or key
            STATUSPAGE_EVENT_MAX_AGE | banana                    | STATUSPAGE_EVENT_MAX_AGE is 'banana'; use a duration such as 5m, 90s, 30d or 0
            STATUSPAGE_EVENT_MAX_AGE | -5d                       | STATUSPAGE_EVENT_MAX_AGE is '-5d'; a duration cannot be negative
            STATUSPAGE_EVENT_MAX_AGE | 0                         | STATUSPAGE_EVENT_MAX_AGE is 0; a published event could then date nothing in the past: use a duration such as 30d
            """)
    void aSettingThatCannotWorkStopsTheStartNamingIt(String variable, String value, String message) {
        var error = assertThrows(IllegalArgumentException.class,
                () -> TrustSettings.check(SettingsTest.settings(Map.of(variable, value))));

        assertEquals(message, error.getMessage());
    }
}
