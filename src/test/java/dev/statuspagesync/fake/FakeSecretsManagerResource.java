package dev.statuspagesync.fake;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake Secrets Manager for a Quarkus test run with the app key's and the reference key's secrets, names
 * them as the template does, and points the AWS SDK at the fake through its own system properties.
 */
public class FakeSecretsManagerResource implements QuarkusTestResourceLifecycleManager {

    public static final String APP_KEY_SECRET =
            "arn:aws:secretsmanager:us-east-1:210987654321:secret:statuspage-flashduty-Ab12Cd";
    public static final String REFERENCE_KEY_SECRET =
            "arn:aws:secretsmanager:us-east-1:210987654321:secret:statuspage-reference-key-Ef34Gh";
    public static final String REFERENCE_KEY = "reference-key-from-the-secret-0123456789abcdef";

    private static FakeSecretsManager fake;

    public static FakeSecretsManager secrets() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = FakeSecretsManager.start();
        fake.put(APP_KEY_SECRET, "{\"app_key\": \"" + FakeFlashdutyResource.APP_KEY + "\"}");
        fake.put(REFERENCE_KEY_SECRET, "{\"key\": \"" + REFERENCE_KEY + "\"}");
        fake.sdkProperties().forEach(System::setProperty);
        return Map.of("flashduty.app-key-secret", APP_KEY_SECRET, "statuspage.reference-key-secret",
                REFERENCE_KEY_SECRET, "aws.region", "us-east-1");
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.sdkProperties().keySet().forEach(System::clearProperty);
            fake.close();
        }
    }
}
