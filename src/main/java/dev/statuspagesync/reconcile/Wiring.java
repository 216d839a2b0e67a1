package dev.statuspagesync.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.cloudwatch.CloudWatchAlarms;
import dev.statuspagesync.config.StatusPageConfig;

/**
 * Which alarms' deliveries reach the function, so that the sweep opens incidents for those alone: alarms with an
 * action on one of the sources (the alarm topic, the function itself), alarms whose names an EventBridge rule's
 * prefix takes ({@code *}: every alarm), and alarms that carry the operator's opt-in tag. The stack's own alarms
 * never count.
 *
 * @param actionPrefixes the ARNs an alarm action starts with ({@code STATUSPAGE_ALARM_SOURCES}, and the function's
 *                       own ARN)
 * @param namePrefixes   the alarm-name prefixes of the EventBridge rule ({@code STATUSPAGE_ALARM_NAME_PREFIXES})
 * @param ownPrefix      the name prefix of the stack's own alarms ({@code STATUSPAGE_OWN_ALARM_PREFIX}), null when
 *                       not set
 * @param optInTag       the tag ({@code key=value}, {@code STATUSPAGE_OPT_IN_TAG}) that wires an alarm besides its
 *                       actions and name, null when not set
 */
public record Wiring(List<String> actionPrefixes, List<String> namePrefixes, String ownPrefix, String optInTag) {

    /** Every alarm of the account and Region: only for tests that reconcile a page without wiring. */
    public static final Wiring EVERY_ALARM = new Wiring(List.of(), List.of("*"), null, null);

    public Wiring(List<String> actionPrefixes, List<String> namePrefixes, String ownPrefix) {
        this(actionPrefixes, namePrefixes, ownPrefix, null);
    }

    public Wiring {
        actionPrefixes = List.copyOf(actionPrefixes);
        namePrefixes = List.copyOf(namePrefixes);
    }

    /**
     * The wiring the settings name, with the function's own ARN (from Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}, the
     * home account and Region) among the sources when all three are known.
     */
    static Wiring of(StatusPageConfig config, Optional<String> region, Optional<String> functionName) {
        List<String> sources = new ArrayList<>(config.alarmSources().orElse(List.of()).stream().map(String::strip)
                .filter(source -> !source.isEmpty()).toList());
        if (functionName.isPresent() && region.isPresent() && config.homeAccount().isPresent()) {
            sources.add("arn:" + partition(region.get()) + ":lambda:" + region.get() + ":"
                    + config.homeAccount().get() + ":function:" + functionName.get());
        }
        return new Wiring(sources, config.alarmNamePrefixes().orElse(List.of()).stream().map(String::strip)
                .filter(prefix -> !prefix.isEmpty()).toList(), config.ownAlarmPrefix().filter(p -> !p.isBlank())
                        .orElse(null), config.optInTag().map(String::strip).filter(tag -> !tag.isEmpty())
                        .orElse(null));
    }

    private boolean isOwn(AlarmChange alarm) {
        return ownPrefix != null && alarm.name().startsWith(ownPrefix);
    }

    /** Whether the tags hold the opt-in tag: {@code key=value}, or {@code key} with any value. */
    private boolean carriesOptIn(Map<String, String> tags) {
        int equals = optInTag.indexOf('=');
        return equals < 0 ? tags.containsKey(optInTag)
                : optInTag.substring(equals + 1).equals(tags.get(optInTag.substring(0, equals)));
    }

    private static String partition(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** Whether no alarm is wired: the sweep then repairs what the page lists and opens nothing. */
    public boolean isEmpty() {
        return actionPrefixes.isEmpty() && namePrefixes.isEmpty() && optInTag == null;
    }

    /**
     * The wired alarms in {@code state}: one DescribeAlarms read per source and prefix (one for every alarm with
     * {@code *}), each alarm once, the stack's own left out.
     */
    List<AlarmChange> inState(CloudWatchAlarms cloudWatch, AlarmState state) {
        Map<String, AlarmChange> wired = new LinkedHashMap<>();
        if (namePrefixes.contains("*")) {
            cloudWatch.inState(state).forEach(alarm -> wired.putIfAbsent(alarm.arn(), alarm));
        } else {
            for (String source : actionPrefixes) {
                cloudWatch.inState(state, source, null).forEach(alarm -> wired.putIfAbsent(alarm.arn(), alarm));
            }
            for (String prefix : namePrefixes) {
                cloudWatch.inState(state, null, prefix).forEach(alarm -> wired.putIfAbsent(alarm.arn(), alarm));
            }
            if (optInTag != null) {
                // One read of every alarm in the state, and the tags of each one not wired otherwise.
                for (AlarmChange alarm : cloudWatch.inState(state)) {
                    if (!wired.containsKey(alarm.arn()) && !isOwn(alarm)
                            && carriesOptIn(cloudWatch.tags(alarm.arn()))) {
                        wired.put(alarm.arn(), alarm);
                    }
                }
            }
        }
        return wired.values().stream().filter(alarm -> !isOwn(alarm)).toList();
    }
}
