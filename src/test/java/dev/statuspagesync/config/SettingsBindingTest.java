package dev.statuspagesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The policies' environment variables reach the settings the decisions read: what the decision tables take as a
 * policy is what a user's variable sets.
 */
class SettingsBindingTest {

    @Test
    void readsThePolicyVariablesAsTheDecisionsSettings() {
        StatusPageConfig config = read(Map.of("STATUSPAGE_INSUFFICIENT_DATA", "degrade",
                "STATUSPAGE_JOIN_OPEN_INCIDENTS", "false", "STATUSPAGE_MONITORING_UPDATE", "true",
                "STATUSPAGE_RESOLVE_AFTER", "5m"));

        assertEquals(InsufficientDataPolicy.DEGRADE, config.insufficientData());
        assertEquals(false, config.joinOpenIncidents());
        assertEquals(true, config.monitoringUpdate());
        assertEquals("5m", config.resolveAfter());
    }

    @Test
    void theDefaultsServeThePublicIgnoreMissingDataJoinOpenIncidentsAndPostNoMonitoringUpdate() {
        StatusPageConfig config = read(Map.of());

        assertEquals("public", config.audience(), "the public audience unless the operator says otherwise");
        assertEquals(InsufficientDataPolicy.IGNORE, config.insufficientData());
        assertEquals(true, config.joinOpenIncidents());
        assertEquals(false, config.monitoringUpdate());
        assertEquals("0", config.resolveAfter());
    }

    private static StatusPageConfig read(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(StatusPageConfig.class)
                .withSources(new EnvConfigSource(environment, 300)).build();
        return config.getConfigMapping(StatusPageConfig.class);
    }
}
