package dev.statuspagesync.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where alarms show on the status page ({@code STATUSPAGE_*} environment variables). */
@ConfigMapping(prefix = "statuspage")
public interface StatusPageConfig {

    /** {@code STATUSPAGE_PAGE_ID}. */
    Optional<Long> pageId();

    /** {@code STATUSPAGE_COMPONENT_IDS}, comma-separated. */
    Optional<List<String>> componentIds();

    /** {@code STATUSPAGE_IMPACT}: degraded, partial_outage or full_outage. */
    @WithDefault("degraded")
    String impact();

    /** {@code STATUSPAGE_NOTIFY_SUBSCRIBERS}. */
    @WithDefault("true")
    boolean notifySubscribers();

    /** {@code STATUSPAGE_ROUTES}: the routing document, YAML or JSON; without it every alarm takes the default route. */
    Optional<String> routes();

    /**
     * {@code STATUSPAGE_JOIN_OPEN_INCIDENTS}: a firing alarm joins an open incident of this function that shares
     * a component, instead of opening another.
     */
    @WithDefault("true")
    boolean joinOpenIncidents();

    /** {@code STATUSPAGE_INSUFFICIENT_DATA}: ignore, degrade or resolve. */
    @WithDefault("ignore")
    InsufficientDataPolicy insufficientData();
}
