package dev.statuspagesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.support.StatusPageSettings;

/** A setting that would refuse every delivery stops the start, naming itself, instead of blanking the page. */
class TrustSettingsTest {

    private static StatusPageSettings base() {
        return StatusPageSettings.environment(1L, List.of("01A"), "degraded");
    }

    /** The base settings with one method answering {@code value}. */
    private static StatusPageConfig with(String method, Object value) {
        StatusPageConfig base = base();
        return (StatusPageConfig) Proxy.newProxyInstance(StatusPageConfig.class.getClassLoader(),
                new Class<?>[] { StatusPageConfig.class }, (proxy, called, arguments) -> called.getName().equals(method)
                        ? value : called.invoke(base, arguments));
    }

    @Test
    void theDefaultsStart() {
        TrustSettings.check(base());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            accounts    | 21098765432a          | STATUSPAGE_ACCOUNTS names '21098765432a'; list account ids of 12 digits, separated by commas
            rule        | bad rule/name         | STATUSPAGE_SCHEDULE_RULE is 'bad rule/name'; give the sweep's EventBridge rule name (letters, digits, '.', '-', '_', at most 64)
            tag         | =publish              | STATUSPAGE_OPT_IN_TAG is '=publish'; give one tag as key=value or key
            age         | banana                | STATUSPAGE_EVENT_MAX_AGE is 'banana'; use a duration such as 5m, 90s, 30d or 0
            age         | -5d                   | STATUSPAGE_EVENT_MAX_AGE is '-5d'; a duration cannot be negative
            age         | 0                     | STATUSPAGE_EVENT_MAX_AGE is 0; a published event could then date nothing in the past: use a duration such as 30d
            """)
    void aSettingThatCannotWorkStopsTheStartNamingIt(String setting, String value, String message) {
        StatusPageConfig settings = switch (setting) {
            case "accounts" -> with("accounts", Optional.of(List.of("210987654321", value)));
            case "rule" -> with("scheduleRule", Optional.of(value));
            case "tag" -> with("optInTag", Optional.of(value));
            default -> with("eventMaxAge", value);
        };

        var error = assertThrows(IllegalArgumentException.class, () -> TrustSettings.check(settings));

        assertEquals(message, error.getMessage());
    }
}
