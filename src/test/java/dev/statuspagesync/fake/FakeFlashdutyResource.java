package dev.statuspagesync.fake;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the fake Flashduty for a Quarkus test run and points the function's configuration at it. */
public class FakeFlashdutyResource implements QuarkusTestResourceLifecycleManager {

    public static final String APP_KEY = "fake-app-key-7f3a9c1e";
    public static final long PAGE_ID = 5_750_613_685_214L;
    public static final String API_COMPONENT = "01KC3GAZ6ZJE40H55GM31RPWZE";
    public static final String DB_COMPONENT = "01KC3GB1M2N3P4Q5R6S7T8V9WX";

    private static FakeFlashduty fake;

    public static FakeFlashduty fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = FakeFlashduty.start(APP_KEY, PAGE_ID, Map.of(API_COMPONENT, "Public API", DB_COMPONENT, "Database"));
        return Map.of(
                "flashduty.base-url", fake.baseUrl(),
                "flashduty.app-key", APP_KEY,
                "statuspage.page-id", String.valueOf(PAGE_ID),
                "statuspage.component-ids", API_COMPONENT + "," + DB_COMPONENT,
                "statuspage.impact", "partial_outage",
                // The packaged function runs the prod profile, which has no key of its own.
                "statuspage.reference-key", "test-reference-key-0123456789abcdef-not-secret");
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
