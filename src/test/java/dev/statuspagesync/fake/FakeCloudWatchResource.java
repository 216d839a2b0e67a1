package dev.statuspagesync.fake;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake CloudWatch for a Quarkus test run and points the AWS SDK at it through the SDK's own system
 * properties (the twins of {@code AWS_ENDPOINT_URL_CLOUDWATCH} and the credential variables).
 */
public class FakeCloudWatchResource implements QuarkusTestResourceLifecycleManager {

    private static FakeCloudWatch fake;

    public static FakeCloudWatch cloudWatch() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = FakeCloudWatch.start();
        fake.sdkProperties().forEach(System::setProperty);
        return Map.of("statuspage.reconcile", "true", "statuspage.alarm-sources", FakeCloudWatch.ALARM_TOPIC);
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.sdkProperties().keySet().forEach(System::clearProperty);
            fake.close();
        }
    }
}
