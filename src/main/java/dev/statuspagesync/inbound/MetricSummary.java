package dev.statuspagesync.inbound;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an alarm watches, reduced to what a person reading the status page needs.
 *
 * @param namespace  the namespace of the first metric, or null for composite alarms
 * @param metrics    metric names and math or anomaly-detection expressions, in payload order
 * @param dimensions dimensions of the first metric that has any, in payload order
 */
public record MetricSummary(String namespace, List<String> metrics, Map<String, String> dimensions) {

    public static final MetricSummary NONE = new MetricSummary(null, List.of(), Map.of());

    public MetricSummary {
        metrics = List.copyOf(metrics);
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    public boolean isEmpty() {
        return namespace == null && metrics.isEmpty() && dimensions.isEmpty();
    }
}
