package dev.statuspagesync.support;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.config.MetricsConfig;
import dev.statuspagesync.metrics.Metrics;

/** The metrics settings as one value, for tests that build {@link Metrics} without the application. */
public record MetricsSettings(boolean enabled, String namespace, String functionName) implements MetricsConfig {

    /** Metrics that count but write no record. */
    public static Metrics off(Clock clock) {
        return new Metrics(new MetricsSettings(false, "StatusPageSync", "test"), new ObjectMapper(), clock,
                "0.0.0-test");
    }
}
