package dev.statuspagesync.alarm;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an AWS Health event says, as far as routing and the page need it. Its change stands for one event in one
 * account: {@link #key()} is the event's ARN with the affected account in the account field, which Health leaves
 * empty.
 *
 * @param eventArn  Health's own event ARN ({@code arn:aws:health:REGION::event/SERVICE/TYPE/ID})
 * @param service   the affected service, such as {@code EC2}
 * @param typeCode  the event type, such as {@code AWS_EC2_OPERATIONAL_ISSUE}
 * @param category  {@code issue}, {@code scheduledChange}, {@code accountNotification} or {@code investigation}
 * @param status    {@code open}, {@code upcoming} or {@code closed}
 * @param start     when the event starts or started, null when the payload has no readable time
 * @param end       when it ends or ended, null when not known
 * @param resources the affected resources: the event's {@code resources} and each affected entity's value
 * @param tags      the resource tags Health sends with affected entities (its tags feature), by entity value
 */
public record HealthEvent(String eventArn, String service, String typeCode, String category, String status,
        Instant start, Instant end, List<String> resources, Map<String, Map<String, String>> tags) {

    public static final String ISSUE = "issue";
    /** How Health names an event's Region: a Region code ({@code us-east-1}), or {@code global}. */
    public static final Pattern REGION = Pattern.compile("global|[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    public static final String SCHEDULED_CHANGE = "scheduledChange";

    public HealthEvent {
        resources = List.copyOf(resources);
        Map<String, Map<String, String>> copied = new LinkedHashMap<>();
        tags.forEach((resource, entityTags) -> copied.put(resource, Map.copyOf(entityTags)));
        tags = Collections.unmodifiableMap(copied);
    }

    /** An event whose affected entities carry no tags. */
    public HealthEvent(String eventArn, String service, String typeCode, String category, String status,
            Instant start, Instant end, List<String> resources) {
        this(eventArn, service, typeCode, category, status, start, end, resources, Map.of());
    }

    /** The key of the event in {@code account}: its ARN with the account filled in, or null when it is not one. */
    public static String key(String eventArn, String account) {
        var parts = Arn.parse(eventArn).filter(arn -> arn.of("health") && arn.resource().startsWith("event/"));
        if (parts.isEmpty() || account == null || !parts.get().account().isEmpty()
                && !parts.get().account().equals(account)) {
            return null;
        }
        var arn = parts.get();
        return new Arn(arn.partition(), "health", arn.region(), account, arn.resource()).toString();
    }

    /** Whether a change's ARN is a Health event's key rather than an alarm's. */
    public static boolean isKey(String arn) {
        return arn != null && Arn.parse(arn).filter(parts -> parts.of("health")).isPresent();
    }
}
