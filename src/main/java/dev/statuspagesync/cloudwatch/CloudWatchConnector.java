package dev.statuspagesync.cloudwatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.statuspagesync.metrics.Metrics;

/**
 * Opens the connection to CloudWatch the first time a sweep reconciles, one per Region, and keeps it for the life
 * of the environment. This class names no SDK type, so an alarm delivery, which never reconciles, loads none of the
 * SDK. {@code AWS_ENDPOINT_URL_CLOUDWATCH} (the SDK's own setting) points the client elsewhere, such as at a fake.
 */
@ApplicationScoped
public class CloudWatchConnector {

    /** CloudWatch in one Region, each call bounded by what the invocation has left. */
    interface Connection extends AutoCloseable {

        CloudWatchAlarms within(Supplier<Duration> remaining);

        @Override
        void close();
    }

    private final Metrics metrics;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public CloudWatchConnector(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Whether {@code code} is a Region the AWS SDK knows, such as {@code us-east-1}. */
    public static boolean isRegion(String code) {
        return SdkConnection.knows(code);
    }

    /** CloudWatch in {@code region}; each call ends by what {@code remaining} says is left of the invocation. */
    public CloudWatchAlarms connect(String region, Supplier<Duration> remaining) {
        return connections.computeIfAbsent(region, name -> SdkConnection.open(name, metrics)).within(remaining);
    }

    @PreDestroy
    void close() {
        connections.values().forEach(Connection::close);
    }
}
