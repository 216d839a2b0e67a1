package dev.statuspagesync.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.MetricSummary;

/**
 * The technical text of an internal page: the alarm, its state and reason, metric, account, Region and a console
 * link, each part escaped ({@link Markdown}) and cut to CloudWatch's own limits. A public page never shows it.
 */
public final class TechnicalText {

    /*
     * CloudWatch's own limits (PutMetricAlarm): longer text or more items than these did not come from an alarm,
     * and an internal page shows no more of them.
     */
    public static final int MAX_DESCRIPTION = 1024;
    public static final int MAX_REASON = 1023;
    public static final int MAX_NAME = 255;
    public static final int MAX_DIMENSION_VALUE = 1024;
    public static final int MAX_DIMENSIONS = 30;
    public static final int MAX_METRICS = 10;

    private static final Pattern REGION_CODE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    /** How times read in the text: {@code 2026-03-14 09:26:53 UTC}. */
    public static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TechnicalText() {
    }

    /** The resolution of an internal page's incident: which alarm recovered last, and its reason. */
    public static String recoveryText(AlarmChange alarm, int alarms) {
        StringBuilder text = new StringBuilder("Resolved: ").append(named(alarm, false))
                .append(alarm.isHealth() ? " is closed" : alarm.deleted() ? " was deleted" : " is " + alarm.newState());
        if (alarm.stateTime() != null && !alarm.deleted()) {
            text.append(" since ").append(HUMAN_TIME.format(alarm.stateTime()));
        }
        text.append(alarms > 1 ? ", the last of the " + alarms + " alarms in this incident to recover." : ".");
        text.append(" All affected components are operational again.");
        if (alarm.reason() != null && !alarm.reason().isBlank()) {
            text.append("\n\n**Reason:** ").append(Markdown.text(cut(alarm.reason(), MAX_REASON)));
        }
        return text.toString();
    }

    /** The technical description of an internal page: the alarm, its reason, metric, account and Region. */
    public static String description(AlarmChange alarm) {
        StringBuilder text = new StringBuilder();
        text.append(named(alarm, true)).append(alarm.isHealth() ? " is " + alarm.health().status()
                : " is in " + alarm.newState());
        if (alarm.previousState() != null) {
            text.append(" (was ").append(alarm.previousState()).append(')');
        }
        if (alarm.stateTime() != null) {
            text.append(" since ").append(HUMAN_TIME.format(alarm.stateTime()));
        }
        text.append(".\n\n");
        if (alarm.description() != null) {
            text.append(Markdown.text(cut(alarm.description(), MAX_DESCRIPTION))).append("\n\n");
        }
        if (alarm.reason() != null && !alarm.reason().isBlank()) {
            text.append("**Reason:** ").append(Markdown.text(cut(alarm.reason(), MAX_REASON))).append("\n\n");
        }
        if (!alarm.metrics().isEmpty()) {
            text.append("- **Metric:** ").append(metricLine(alarm.metrics())).append('\n');
        }
        if (alarm.compositeRule() != null) {
            text.append("- **Alarm rule:** ").append(Markdown.text(alarm.compositeRule())).append('\n');
        }
        text.append("- **Account:** ").append(Markdown.text(alarm.accountId()))
                .append(", **Region:** ").append(Markdown.text(alarm.region())).append('\n');
        if (!alarm.isHealth() && alarm.region() != null && REGION_CODE.matcher(alarm.region()).matches()) {
            text.append("- [Open the alarm in the CloudWatch console](").append(consoleLink(alarm)).append(")\n");
        }
        text.append('\n').append(IncidentText.keyLine(alarm.arn()));
        return text.toString();
    }

    /**
     * What the change is of, in an internal page's words: "CloudWatch alarm NAME", or "AWS Health event TYPE
     * (SERVICE)"; the name in bold when {@code bold}.
     */
    public static String named(AlarmChange alarm, boolean bold) {
        String mark = bold ? "**" : "";
        String name = mark + Markdown.text(cut(alarm.name(), MAX_NAME)) + mark;
        return alarm.isHealth() ? "AWS Health event " + name + " (" + Markdown.text(alarm.health().service()) + ")"
                : "CloudWatch alarm " + name;
    }

    private static String metricLine(MetricSummary metrics) {
        StringBuilder line = new StringBuilder();
        if (metrics.namespace() != null) {
            line.append(Markdown.text(metrics.namespace())).append(' ');
        }
        line.append(metrics.metrics().stream().limit(MAX_METRICS).map(name -> Markdown.text(cut(name, MAX_NAME)))
                .collect(Collectors.joining(", ")));
        line.append(more(metrics.metrics().size(), MAX_METRICS));
        if (!metrics.dimensions().isEmpty()) {
            line.append(" (").append(metrics.dimensions().entrySet().stream().limit(MAX_DIMENSIONS)
                    // One word, escaped whole: two halves that are no link each could make one together.
                    .map(entry -> Markdown.text(cut(entry.getKey(), MAX_NAME) + "="
                            + cut(entry.getValue(), MAX_DIMENSION_VALUE)))
                    .collect(Collectors.joining(", "))).append(more(metrics.dimensions().size(), MAX_DIMENSIONS))
                    .append(')');
        }
        return line.toString().strip();
    }

    /** The text cut to {@code max} characters (code points) with an ellipsis, or whole when it fits. */
    public static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }

    private static String more(int count, int shown) {
        return count > shown ? " and " + (count - shown) + " more" : "";
    }

    /** The alarm's page in the CloudWatch console of its partition. */
    public static String consoleLink(AlarmChange alarm) {
        String host = switch (alarm.partition()) {
            case "aws-cn" -> alarm.region() + ".console.amazonaws.cn";
            case "aws-us-gov" -> alarm.region() + ".console.amazonaws-us-gov.com";
            default -> alarm.region() + ".console.aws.amazon.com";
        };
        String name = URLEncoder.encode(alarm.name(), StandardCharsets.UTF_8).replace("+", "%20");
        String region = URLEncoder.encode(alarm.region(), StandardCharsets.UTF_8);
        return "https://" + host + "/cloudwatch/home?region=" + region + "#alarmsV2:alarm/" + name;
    }
}
