package dev.statuspagesync.support;

import java.util.List;
import java.util.Optional;

import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.page.References;

/**
 * The status-page settings as one value, for tests that build the router or the executor without the application:
 * the defaults of {@link StatusPageConfig}, but no deference, which those tests choose themselves, and the internal
 * audience, whose technical text most tests read ({@link #forAudience} for the public one), and the development
 * reference key.
 */
public record StatusPageSettings(Optional<Long> pageId, Optional<List<String>> componentIds,
        Optional<List<String>> componentNames, String audience, String impact, boolean notifySubscribers,
        Optional<String> routes, boolean joinOpenIncidents, InsufficientDataPolicy insufficientData,
        String resolveAfter, boolean monitoringUpdate, List<String> deferTo, Optional<String> referenceKey)
        implements StatusPageConfig {

    @Override
    public boolean reconcile() {
        return false;
    }

    @Override
    public Optional<String> homeAccount() {
        return Optional.empty();
    }

    @Override
    public Optional<List<String>> alarmSources() {
        return Optional.empty();
    }

    @Override
    public Optional<List<String>> alarmNamePrefixes() {
        return Optional.empty();
    }

    @Override
    public Optional<String> ownAlarmPrefix() {
        return Optional.empty();
    }

    @Override
    public Optional<String> referenceKeySecret() {
        return Optional.empty();
    }

    @Override
    public Optional<String> optInTag() {
        return Optional.empty();
    }

    @Override
    public Optional<String> scheduleRule() {
        return Optional.empty();
    }

    @Override
    public Optional<List<String>> accounts() {
        return Optional.empty();
    }

    @Override
    public Optional<List<String>> eventComponents() {
        return Optional.empty();
    }

    @Override
    public Optional<List<Long>> eventResponders() {
        return Optional.empty();
    }

    @Override
    public String eventMaxAge() {
        return "30d";
    }

    @Override
    public Optional<List<String>> eventChannels() {
        return Optional.empty();
    }

    /** The default route from the environment variables, and no routing document. */
    public static StatusPageSettings environment(Long pageId, List<String> components, String impact) {
        return new StatusPageSettings(Optional.ofNullable(pageId), Optional.ofNullable(components), Optional.empty(),
                "internal", impact, true,
                Optional.empty(), true, InsufficientDataPolicy.IGNORE, "0", false, List.of("none"),
                Optional.of(References.DEVELOPMENT_KEY));
    }

    /** A routing document and no default route from the environment. */
    public static StatusPageSettings document(String routes) {
        return new StatusPageSettings(Optional.empty(), Optional.empty(), Optional.empty(), "internal", "degraded",
                true, Optional.of(routes), true,
                InsufficientDataPolicy.IGNORE, "0", false, List.of("none"),
                Optional.of(References.DEVELOPMENT_KEY));
    }

    /** These settings with both a default route from the environment and {@code routes}. */
    public StatusPageSettings withRoutes(String document) {
        return new StatusPageSettings(pageId, componentIds, componentNames, audience, impact, notifySubscribers,
                Optional.of(document), joinOpenIncidents, insufficientData, resolveAfter, monitoringUpdate, deferTo, referenceKey);
    }

    /** These settings with another quiet period and deference, as {@code STATUSPAGE_*} text. */
    public StatusPageSettings withCalm(String quietPeriod, List<String> deferenceWords) {
        return new StatusPageSettings(pageId, componentIds, componentNames, audience, impact, notifySubscribers,
                routes, joinOpenIncidents, insufficientData, quietPeriod, monitoringUpdate, deferenceWords,
                referenceKey);
    }

    /** These settings for {@code audience} ({@code STATUSPAGE_AUDIENCE}), with these component display names. */
    public StatusPageSettings forAudience(String audienceWord, List<String> names) {
        return new StatusPageSettings(pageId, componentIds, Optional.ofNullable(names), audienceWord, impact,
                notifySubscribers, routes, joinOpenIncidents, insufficientData, resolveAfter, monitoringUpdate,
                deferTo, referenceKey);
    }

    /** These settings without a reference key ({@code STATUSPAGE_REFERENCE_KEY} not set). */
    public StatusPageSettings withoutReferenceKey() {
        return new StatusPageSettings(pageId, componentIds, componentNames, audience, impact, notifySubscribers,
                routes, joinOpenIncidents, insufficientData, resolveAfter, monitoringUpdate, deferTo,
                Optional.empty());
    }
}
