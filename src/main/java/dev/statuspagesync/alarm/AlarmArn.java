package dev.statuspagesync.alarm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of {@code arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME}; names may contain colons. No ARN holds a
 * control character, so one that does is not an ARN.
 */
public record AlarmArn(String partition, String region, String account, String name) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private static final String ALARM = "alarm:";

    public static Optional<AlarmArn> parse(String arn) {
        return Arn.parse(arn).filter(parts -> parts.of("cloudwatch") && parts.resource().startsWith(ALARM)
                && parts.resource().length() > ALARM.length())
                .map(parts -> new AlarmArn(parts.partition(), parts.region(), parts.account(),
                        parts.resource().substring(ALARM.length())));
    }

    /**
     * The ARN of an alarm named in a notification that carries none (CloudWatch's older SNS format): an alarm
     * publishes only to a topic of its own Region, so the topic ARN gives partition and Region, and the message
     * gives the account and name. Empty when any part is missing or the topic ARN is not one.
     */
    public static Optional<String> derive(String name, String account, String topicArn) {
        if (name == null || name.isBlank() || account == null || !ACCOUNT.matcher(account).matches()
                || topicArn == null) {
            return Optional.empty();
        }
        var topic = Arn.parse(topicArn).filter(parts -> !parts.partition().isEmpty() && parts.of("sns")
                && REGION.matcher(parts.region()).matches());
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        String arn = new Arn(topic.get().partition(), "cloudwatch", topic.get().region(), account, ALARM + name)
                .toString();
        return parse(arn).map(parsed -> arn);
    }
}
