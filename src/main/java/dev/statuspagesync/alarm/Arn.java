package dev.statuspagesync.alarm;

import java.util.Optional;

/**
 * The parts of an ARN, {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}; the resource keeps its colons. The
 * project's one reader of ARNs: alarms, topics, rules and secrets all go through it. No ARN holds a control
 * character, so text that does is none.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    public static Optional<Arn> parse(String text) {
        if (text == null || text.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String[] parts = text.trim().split(":", 6);
        if (parts.length != 6 || !"arn".equals(parts[0])) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** Whether this is an ARN of {@code service}. */
    public boolean of(String service) {
        return this.service.equals(service);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
