package dev.statuspagesync.inbound;

import java.util.Optional;

/**
 * The parts of {@code arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME}; names may contain colons. No ARN holds a
 * control character, so one that does is not an ARN.
 */
record AlarmArn(String partition, String region, String account, String name) {

    static Optional<AlarmArn> parse(String arn) {
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
}
