package dev.statuspagesync.metrics;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One invocation's metrics as a CloudWatch Embedded Metric Format record: a JSON object whose {@code _aws} member
 * tells CloudWatch which of its members are metrics, in which namespace and with which dimensions
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * One dimension set, the function's name, keeps the metrics few.
 */
public final class EmbeddedMetrics {

    /** The dimension every metric carries. */
    public static final String FUNCTION_NAME = "FunctionName";
    /** A property of every record (not a dimension): the release that wrote it. */
    public static final String VERSION = "Version";

    private EmbeddedMetrics() {
    }

    /**
     * The record: every count (unit Count) and every list of milliseconds (unit Milliseconds, each value one
     * observation), at {@code timestampMillis}, written by release {@code version}.
     */
    public static ObjectNode record(ObjectMapper mapper, String namespace, String functionName, String version,
            long timestampMillis, Map<String, Long> counts, Map<String, List<Long>> millis) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add(FUNCTION_NAME);
        ArrayNode metrics = directive.putArray("Metrics");
        root.put(FUNCTION_NAME, functionName);
        root.put(VERSION, version);
        counts.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            root.put(name, value);
        });
        millis.forEach((name, values) -> {
            if (!values.isEmpty()) {
                metrics.addObject().put("Name", name).put("Unit", "Milliseconds");
                ArrayNode array = root.putArray(name);
                values.forEach(array::add);
            }
        });
        return root;
    }
}
