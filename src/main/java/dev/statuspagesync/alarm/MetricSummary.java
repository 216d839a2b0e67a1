package dev.statuspagesync.alarm;

import java.util.ArrayList;
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

    /**
     * One metric query of an alarm, as SNS, EventBridge and DescribeAlarms each spell it: a metric (namespace, name,
     * dimensions) or, with {@code expression} set, a math or anomaly-detection expression.
     */
    public record Query(String namespace, String name, Map<String, String> dimensions, String expression) {

        public static Query metric(String namespace, String name, Map<String, String> dimensions) {
            return new Query(namespace, name, dimensions, null);
        }

        public static Query expression(String expression) {
            return new Query(null, null, Map.of(), expression);
        }
    }

    /**
     * The summary of an alarm's queries: the first metric's namespace, every metric name and expression in order,
     * and the dimensions of the first metric that has any.
     */
    public static MetricSummary of(List<Query> queries) {
        String namespace = null;
        List<String> names = new ArrayList<>();
        Map<String, String> dimensions = Map.of();
        for (Query query : queries) {
            String name = query.expression() != null ? query.expression() : query.name();
            if (name != null && !name.isBlank()) {
                names.add(name);
            }
            namespace = namespace == null ? query.namespace() : namespace;
            if (dimensions.isEmpty() && query.dimensions() != null) {
                dimensions = query.dimensions();
            }
        }
        return new MetricSummary(namespace, names, dimensions);
    }

    public boolean isEmpty() {
        return namespace == null && metrics.isEmpty() && dimensions.isEmpty();
    }
}
