package dev.statuspagesync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The function's own metrics ({@code STATUSPAGE_METRICS_*} environment variables). */
@ConfigMapping(prefix = "statuspage.metrics")
public interface MetricsConfig {

    /** {@code STATUSPAGE_METRICS_ENABLED}: write one Embedded Metric Format record per invocation. */
    @WithDefault("true")
    boolean enabled();

    /** {@code STATUSPAGE_METRICS_NAMESPACE}: the CloudWatch namespace of the metrics. */
    @WithDefault("StatusPageSync")
    String namespace();

    /** The {@code FunctionName} dimension: Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}, or {@code local}. */
    @WithDefault("${AWS_LAMBDA_FUNCTION_NAME:local}")
    String functionName();
}
