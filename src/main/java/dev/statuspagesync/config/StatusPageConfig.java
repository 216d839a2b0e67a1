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

    /**
     * {@code STATUSPAGE_COMPONENT_NAMES}, comma-separated, in the order of the ids: what subscribers read for each
     * component.
     */
    Optional<List<String>> componentNames();

    /**
     * {@code STATUSPAGE_AUDIENCE}: {@code public} (customer sentences from templates, nothing of the alarm) or
     * {@code internal} (the technical text, for staff-only pages); a route of the routing document may set its own.
     */
    @WithDefault("public")
    String audience();

    /**
     * {@code STATUSPAGE_REFERENCE_KEY}: secret, at least 32 characters; the key of the opaque references that name
     * alarms in a public page's bookkeeping. It must stay the same for as long as incidents are open, and be the
     * same in every deployment that writes to one page. Required when a page is public; never logged.
     */
    Optional<String> referenceKey();

    /**
     * {@code STATUSPAGE_REFERENCE_KEY_SECRET}: the name or ARN of the Secrets Manager secret whose JSON field
     * {@code key} holds the reference key, read at start; it wins over {@link #referenceKey}.
     */
    Optional<String> referenceKeySecret();

    /** {@code STATUSPAGE_IMPACT}: degraded, partial_outage or full_outage. */
    @WithDefault("degraded")
    String impact();

    /** {@code STATUSPAGE_NOTIFY_SUBSCRIBERS}. */
    @WithDefault("true")
    boolean notifySubscribers();

    /**
     * {@code STATUSPAGE_EVENT_CHANNELS}, comma-separated topic and queue ARNs: where published status-page events
     * are accepted besides a direct invocation. An event from any other topic or queue, the alarm topic included, is
     * rejected.
     */
    Optional<List<String>> eventChannels();

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

    /**
     * {@code STATUSPAGE_RESOLVE_AFTER}: how long every alarm of an incident must stay recovered before the scheduled
     * sweep resolves it, such as {@code 5m}; {@code 0} resolves when the last alarm recovers. Read by
     * {@link CalmPage}.
     */
    @WithDefault("0")
    String resolveAfter();

    /**
     * {@code STATUSPAGE_MONITORING_UPDATE}: when the last alarm of an incident recovers during a quiet period, tell
     * subscribers with a {@code monitoring} update, components operational.
     */
    @WithDefault("false")
    boolean monitoringUpdate();

    /**
     * {@code STATUSPAGE_DEFER_TO}: whose events keep a firing alarm from opening an incident (people, maintenance,
     * none). Read by {@link CalmPage}.
     */
    @WithDefault("people,maintenance")
    List<String> deferTo();

    /**
     * {@code STATUSPAGE_RECONCILE}: each scheduled sweep also reads the alarms' states from CloudWatch (the
     * function's own account and Region) and repairs what lost or reordered deliveries left on the page.
     */
    @WithDefault("false")
    boolean reconcile();

    /**
     * {@code STATUSPAGE_HOME_ACCOUNT}: the function's own account id (the template sets it). With reconciliation
     * on, a delivered firing change of an alarm of this account and the function's Region ({@code AWS_REGION}) goes
     * on only when CloudWatch shows the alarm firing.
     */
    Optional<String> homeAccount();

    /**
     * {@code STATUSPAGE_ALARM_SOURCES}, comma-separated ARNs: the topics (and functions) whose alarms' deliveries
     * reach the function. The sweep opens incidents only for firing alarms with an action among them, or whose names
     * {@link #alarmNamePrefixes} take; the function's own ARN counts as well.
     */
    Optional<List<String>> alarmSources();

    /**
     * {@code STATUSPAGE_ALARM_NAME_PREFIXES}, comma-separated: the name prefixes of the alarms an EventBridge rule
     * sends to the function ({@code *} for every alarm).
     */
    Optional<List<String>> alarmNamePrefixes();

    /** {@code STATUSPAGE_OWN_ALARM_PREFIX}: the name prefix of the stack's own alarms, which the sweep never opens. */
    Optional<String> ownAlarmPrefix();

    /**
     * {@code STATUSPAGE_OPT_IN_TAG}: a tag, {@code key=value} (or a key, with any value), whose alarms the sweep
     * opens as well as those wired by action or name; each sweep then reads the tags of every other firing alarm.
     */
    Optional<String> optInTag();

    /**
     * {@code STATUSPAGE_SCHEDULE_RULE}: the name of the EventBridge rule that schedules the sweep (the template sets
     * it). When set, a Scheduled Event sweeps only when its {@code resources} name this rule in the function's own
     * account and Region.
     */
    Optional<String> scheduleRule();

    /**
     * {@code STATUSPAGE_ACCOUNTS}, comma-separated account ids: when set, alarm changes of other accounts are
     * skipped.
     */
    Optional<List<String>> accounts();

    /**
     * {@code STATUSPAGE_EVENT_COMPONENTS}, comma-separated component ids: the components a published event may name
     * besides those the routes to its page name.
     */
    Optional<List<String>> eventComponents();

    /** {@code STATUSPAGE_EVENT_RESPONDERS}, comma-separated member ids: the responders a published event may name. */
    Optional<List<Long>> eventResponders();

    /**
     * {@code STATUSPAGE_EVENT_MAX_AGE}: how far back a published event may date its start, close and updates (a
     * duration such as {@code 30d}), so that no publisher rewrites the page's history.
     */
    @WithDefault("30d")
    String eventMaxAge();
}
