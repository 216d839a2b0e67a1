package dev.statuspagesync.cloudwatch;

import java.time.Duration;
import java.util.function.Supplier;

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
 * The AWS SDK's CloudWatch client for one Region: the URL-connection HTTP client, credentials from the environment
 * as Lambda provides them (or the SDK's system properties), the SDK's standard retries. Every SDK class the
 * function uses is reached from here and from {@link SdkCloudWatchAlarms}, so nothing else loads the SDK.
 */
final class SdkConnection implements CloudWatchConnector.Connection {

    /** How long one call may take, within what the invocation has left. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(4);
    /** The SDK's standard retry strategy: 3 attempts, with its backoff and its longer pause after throttling. */
    private static final int MAX_ATTEMPTS = 3;

    private final CloudWatchClient client;

    private SdkConnection(CloudWatchClient client) {
        this.client = client;
    }

    /** Whether the SDK knows the Region {@code code}. */
    static boolean knows(String code) {
        return code != null && Region.regions().stream().anyMatch(region -> region.id().equals(code));
    }

    static CloudWatchConnector.Connection open(String region, Metrics metrics) {
        return new SdkConnection(CloudWatchClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(override -> override
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(retry -> retry.maxAttempts(MAX_ATTEMPTS))
                        .addExecutionInterceptor(new CountCalls(metrics)))
                .build());
    }

    @Override
    public CloudWatchAlarms within(Supplier<Duration> remaining) {
        return new SdkCloudWatchAlarms(client, () -> {
            Duration left = remaining.get();
            return left.compareTo(CALL_TIMEOUT) >= 0 ? CALL_TIMEOUT
                    : left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    /** Counts every HTTP attempt, retries included, as the invocation's CloudWatchCalls. */
    private record CountCalls(Metrics metrics) implements ExecutionInterceptor {

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            metrics.count(Metrics.CLOUDWATCH_CALLS);
        }
    }
}
