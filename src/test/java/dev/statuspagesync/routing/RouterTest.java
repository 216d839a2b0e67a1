package dev.statuspagesync.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.ComponentStatus;

/** The default route is validated at start-up with messages that name the environment variable to fix. */
class RouterTest {

    record Config(Optional<Long> pageId, Optional<List<String>> componentIds, String impact,
            boolean notifySubscribers) implements StatusPageConfig {
        @Override
        public InsufficientDataPolicy insufficientData() {
            return InsufficientDataPolicy.IGNORE;
        }
    }

    @Test
    void buildsDefaultRouteFromConfiguration() {
        Route route = Router.defaultRoute(new Config(Optional.of(7L), Optional.of(List.of(" 01A ", "01B")),
                "full_outage", false));

        assertEquals(new Route(7L, List.of("01A", "01B"), ComponentStatus.FULL_OUTAGE, false), route);
    }

    @Test
    void refusesMissingPageId() {
        var error = assertThrows(RouteConfigException.class, () -> Router.defaultRoute(
                new Config(Optional.empty(), Optional.of(List.of("01A")), "degraded", true)));

        assertEquals("STATUSPAGE_PAGE_ID (statuspage.page-id) is not set", error.getMessage());
    }

    @Test
    void refusesMissingComponents() {
        var error = assertThrows(RouteConfigException.class, () -> Router.defaultRoute(
                new Config(Optional.of(7L), Optional.empty(), "degraded", true)));

        assertEquals("STATUSPAGE_COMPONENT_IDS (statuspage.component-ids) must list at least one component id",
                error.getMessage());
    }

    @Test
    void refusesDuplicateComponent() {
        var error = assertThrows(RouteConfigException.class, () -> Router.defaultRoute(
                new Config(Optional.of(7L), Optional.of(List.of("01A", "01A")), "degraded", true)));

        assertEquals("STATUSPAGE_COMPONENT_IDS lists a component id twice: [01A, 01A]", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "operational", "under_maintenance", "major_outage", "DEGRADED", "" })
    void refusesImpactThatIsNotAnOutage(String impact) {
        var error = assertThrows(RouteConfigException.class, () -> Router.defaultRoute(
                new Config(Optional.of(7L), Optional.of(List.of("01A")), impact, true)));

        assertEquals("STATUSPAGE_IMPACT is '" + impact + "'; use degraded, partial_outage or full_outage",
                error.getMessage());
    }
}
