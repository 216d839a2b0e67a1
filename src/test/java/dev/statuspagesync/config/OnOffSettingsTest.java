package dev.statuspagesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Every on/off setting takes true or false, in any case, and stops the start on any other word, naming itself. */
class OnOffSettingsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            STATUSPAGE_NOTIFY_SUBSCRIBERS  | nope
            STATUSPAGE_JOIN_OPEN_INCIDENTS | yes
            STATUSPAGE_MONITORING_UPDATE   | 1
            STATUSPAGE_RECONCILE           | maybe
            STATUSPAGE_METRICS_ENABLED     | on
            FLASHDUTY_DRY_RUN              | ture
            """)
    void refusesAnyWordButTrueOrFalseNamingTheVariable(String variable, String value) {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> OnOffSettings.check(config(Map.of(variable, value))));

        assertEquals(variable + " is '" + value + "'; use true or false", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "true", "false", "TRUE", "False", " true " })
    void takesTrueOrFalseInAnyCase(String value) {
        for (String property : OnOffSettings.PROPERTIES) {
            OnOffSettings.check(config(Map.of(Settings.variable(property), value)));
        }
        OnOffSettings.check(config(Map.of()));
    }

    @Test
    void coversEveryOnOffSettingOfTheReadmesConfigurationTable() throws IOException {
        Pattern row = Pattern.compile("^\\| `[A-Z_]+` \\(`([a-z.-]+)`\\) \\| `(?:true|false)`");
        Set<String> documented = Files.readAllLines(Path.of("README.md")).stream().map(row::matcher)
                .filter(Matcher::find).map(found -> found.group(1)).collect(Collectors.toSet());

        assertEquals(documented, Set.copyOf(OnOffSettings.PROPERTIES));
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300)).build();
    }
}
