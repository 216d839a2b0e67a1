package dev.statuspagesync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.statuspagesync.fake.FakeCloudWatchResource;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Every test profile of the suite, in one place: each one is a separate start of the application, so a test class
 * takes one of these (or none) rather than a profile of its own. A setting that only some of a profile's classes
 * need is one the others do not mind.
 */
public final class Profiles {

    /** The routing document of {@link Calm}. */
    private static final String ROUTES = """
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
            health:
              - {name: aws-ec2, match: {service: EC2, category: issue}, page_id: %1$d, components: [%2$s]}
              - name: aws-checkout-edge
                match:
                  service: ELASTICLOADBALANCING
                  account: "321098765432"
                  resources: ["arn:aws:elasticloadbalancing:*:loadbalancer/app/checkout-*"]
                page_id: %1$d
                components: [%2$s, %3$s]
                impact: partial_outage
            """.formatted(FakeFlashdutyResource.PAGE_ID, FakeFlashdutyResource.API_COMPONENT,
            FakeFlashdutyResource.DB_COMPONENT);

    private Profiles() {
    }

    /**
     * A calm page with its operators' tools on: a five-minute quiet period, metrics in the {@code StatusPageTest}
     * namespace, JSON log lines, the Flashduty client's request log (masked), and a routing document: orders-*
     * alarms of AWS/ApplicationELB to the database, full outage, with a title of their own and no notification;
     * api-* alarms to the API, db-* to the database; every other alarm to the default route (the page and
     * components of the test settings). AWS Health issues of EC2 go to the API; those of the member account's
     * checkout load balancers to both components, partial outage.
     */
    public static class Calm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statuspage.resolve-after", "5m",
                    "statuspage.metrics.enabled", "true", "statuspage.metrics.namespace", "StatusPageTest",
                    "quarkus.log.console.json.enabled", "true",
                    "quarkus.rest-client.logging.scope", "request-response",
                    "quarkus.log.category.\"dev.statuspagesync.flashduty.MaskingClientLogger\".level", "DEBUG",
                    "statuspage.routes", ROUTES);
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
     * The account's shares and limits: 4 calls a second, a read cache of ten minutes, calls that may take 30 s (a
     * cold first call included), and the function's clock stopped until a test moves it ({@link AppClock}). Each test
     * starts by letting two hours pass, so that it meets neither the cache nor a window the tests before left.
     */
    public static class AccountLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.calls-per-second", "4", "flashduty.read-cache-ms", "600000",
                    "flashduty.retry.call-timeout-ms", "30000");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(AppClock.class);
        }
    }

    /** SmallRye's rate limit of the one guarded call at 5 calls a minute, so that one alarm spends it. */
    public static class MinuteBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dev.statuspagesync.flashduty.FlashdutyGateway/call/RateLimit/value", "5",
                    // No warm-up here (it would spend the budget): the cold first call gets time.
                    "flashduty.retry.call-timeout-ms", "30000");
        }
    }

    /**
     * 1.3 s per invocation, 300 ms per call, 10 retries: an attempt starts only with 300 + 8 x 10 (longest backoff) +
     * 50 (reserve) = 430 ms left, so attempts start near 0, 330 and 660 ms (by 870 ms at the latest), and not near
     * 990 ms.
     */
    public static class ShortInvocation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.retry.default-budget-ms", "1300", "flashduty.retry.call-timeout-ms", "300",
                    "flashduty.retry.max-retries", "10");
        }
    }

    /** Flashduty's address is a loopback port with no listener: every call is refused. */
    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.base-url", "http://127.0.0.1:" + closedPort(), "flashduty.app-key", "refused-key",
                    "statuspage.page-id", "1001", "statuspage.component-ids", "01REFUSEDCOMPONENT00000000");
        }

        /** A loopback port that was free a moment ago and has no listener now. */
        static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
