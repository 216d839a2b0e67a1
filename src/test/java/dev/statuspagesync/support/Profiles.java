package dev.statuspagesync.support;

import java.util.List;
import java.util.Map;

import dev.statuspagesync.fake.FakeCloudWatchResource;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Every test profile of the suite, in one place: each one is a separate start of the application, so a test class
 * takes one of these (or none) rather than a profile of its own. A setting that only some of a profile's classes
 * need is one the others do not mind.
 */
public final class Profiles {

    private Profiles() {
    }

    /**
     * A calm page with its operators' tools on: a five-minute quiet period, metrics in the {@code StatusPageTest}
     * namespace, JSON log lines, and the Flashduty client's request log (masked).
     */
    public static class Calm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.resolve-after", "5m",
                    "statuspage.metrics.enabled", "true", "statuspage.metrics.namespace", "StatusPageTest",
                    "quarkus.log.console.json.enabled", "true",
                    "quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.log.category.\"dev.statuspagesync.flashduty.MaskingClientLogger\".level", "DEBUG");
        }
    }

    /**
     * The sweep reconciles with the fake CloudWatch ({@link FakeCloudWatchResource}), after a five-minute quiet
     * period, with metrics on.
     */
    public static class Reconciling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.resolve-after", "5m", "statuspage.metrics.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeCloudWatchResource.class));
        }
    }

    /**
     * {@code FLASHDUTY_DRY_RUN}: reads made, writes held back and answered; with a five-minute quiet period and a
     * sweep that reconciles with the fake CloudWatch.
     */
    public static class DryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.dry-run", "true", "statuspage.resolve-after", "5m");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeCloudWatchResource.class));
        }
    }

    /**
     * The default deploy's page: the public audience with component names, a five-minute quiet period, and a sweep
     * that reconciles with the fake CloudWatch, which confirms every delivered change of the home account.
     */
    public static class PublicPage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.resolve-after", "5m", "statuspage.audience", "public",
                    "statuspage.component-names", "Public API,Database", "statuspage.home-account", "210987654321",
                    "aws.region", "us-east-1", "statuspage.schedule-rule", "statuspage-sync-sweep");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeCloudWatchResource.class));
        }
    }

    /**
     * A routing document: orders-* alarms of AWS/ApplicationELB to the database, full outage, with a title of their
     * own and no notification; api-* alarms to the API, db-* to the database; every other alarm to the default
     * route (the page and components of the test settings).
     */
    public static class Routes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.routes", """
                    routes:
                      - name: orders
                        match: {alarm_name: "orders-*", namespace: AWS/ApplicationELB}
                        page_id: %1$d
                        components: [%3$s]
                        impact: full_outage
                        title: "Orders: {alarm_name} in {region}"
                        notify_subscribers: false
                      - {name: api, match: {alarm_name: "api-*"}, page_id: %1$d, components: [%2$s]}
                      - {name: db, match: {alarm_name: "db-*"}, page_id: %1$d, components: [%3$s]}
                    """.formatted(FakeFlashdutyResource.PAGE_ID, FakeFlashdutyResource.API_COMPONENT,
                    FakeFlashdutyResource.DB_COMPONENT));
        }
    }
}
