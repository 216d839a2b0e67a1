package dev.statuspagesync.inbound;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of {@code arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME}; names may contain colons. No ARN holds a
 * control character, so one that does is not an ARN.
 */
public record AlarmArn(String partition, String region, String account, String name) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public static Optional<AlarmArn> parse(String arn) {
        if (arn == null || arn.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String[] parts = arn.trim().split(":", 7);
        if (parts.length != 7 || !"arn".equals(parts[0]) || !"cloudwatch".equals(parts[2])
                || !"alarm".equals(parts[5]) || parts[6].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlarmArn(parts[1], parts[3], parts[4], parts[6]));
    }

    /**
     * The ARN of an alarm named in a notification that carries none (CloudWatch's older SNS format): an alarm
     * publishes only to a topic of its own Region, so the topic ARN gives partition and Region, and the message
     * gives the account and name. Empty when any part is missing or the topic ARN is not one.
     */
    static Optional<String> derive(String name, String account, String topicArn) {
        if (name == null || name.isBlank() || account == null || !ACCOUNT.matcher(account).matches()
                || topicArn == null) {
            return Optional.empty();
        }
        String[] topic = topicArn.trim().split(":", 6);
        if (topic.length != 6 || !"arn".equals(topic[0]) || topic[1].isEmpty() || !"sns".equals(topic[2])
                || !REGION.matcher(topic[3]).matches()) {
            return Optional.empty();
        }
        String arn = "arn:" + topic[1] + ":cloudwatch:" + topic[3] + ":" + account + ":alarm:" + name;
        return parse(arn).map(parsed -> arn);
    }
}
