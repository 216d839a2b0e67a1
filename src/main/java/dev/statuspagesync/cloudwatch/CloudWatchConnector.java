package dev.statuspagesync.cloudwatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.statuspagesync.metrics.Metrics;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Builds the CloudWatch client the first time a sweep reconciles, one per Region, and keeps it for the life of the
 * environment: an alarm delivery never loads the SDK. Credentials come from the environment, as Lambda provides
 * them; {@code AWS_ENDPOINT_URL_CLOUDWATCH} (the SDK's own setting) points it elsewhere, such as at a fake.
 */
@ApplicationScoped
public class CloudWatchConnector {

    /** How long one call may take, within what the invocation has left. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(4);
    /** The SDK's standard retry strategy: 3 attempts, with its backoff and throttling pause. */
    private static final int MAX_ATTEMPTS = 3;

    private final Metrics metrics;
    private final Map<String, CloudWatchClient> clients = new ConcurrentHashMap<>();

    public CloudWatchConnector(Metrics metrics) {
        this.metrics = metrics;
    }

    /** CloudWatch in {@code region}; each call ends by what {@code remaining} says is left of the invocation. */
    public CloudWatchAlarms connect(String region, Supplier<Duration> remaining) {
        CloudWatchClient client = clients.computeIfAbsent(region, this::build);
        return new SdkCloudWatchAlarms(client, () -> {
            Duration left = remaining.get();
            return left.compareTo(CALL_TIMEOUT) < 0 ? (left.isNegative() ? Duration.ofMillis(1) : left) : CALL_TIMEOUT;
        });
    }

    private CloudWatchClient build(String region) {
        return CloudWatchClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(override -> override
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(retry -> retry.maxAttempts(MAX_ATTEMPTS))
                        .addExecutionInterceptor(new CountCalls(metrics)))
                .build();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(CloudWatchClient::close);
    }

    /** Counts every HTTP attempt, retries included, as the invocation's CloudWatchCalls. */
    private record CountCalls(Metrics metrics) implements ExecutionInterceptor {

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            metrics.count(Metrics.CLOUDWATCH_CALLS);
        }
    }
}
