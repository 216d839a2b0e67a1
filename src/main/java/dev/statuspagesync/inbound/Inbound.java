package dev.statuspagesync.inbound;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmChange;

/**
 * What one message in an invocation turned out to be: an alarm change, a published status-page event, the
 * scheduled sweep, or something skipped on purpose.
 */
public sealed interface Inbound {

    /** The SQS message id the item came from, null outside SQS; used for partial batch responses. */
    String messageId();

    /** A recognised alarm state change. */
    record Alarm(AlarmChange change, String messageId) implements Inbound {
    }

    /**
     * A status-page event that a person or a pipeline published ({@code "kind": "status-page-event"}), not yet
     * checked; {@code deliveryId} is the SNS MessageId when SNS carried it, else null; {@code channel} is the ARN of
     * the topic or queue Lambda received it from (the event source Lambda names, never a field of the message),
     * null when the function was invoked directly.
     */
    record Published(JsonNode message, String deliveryId, String messageId, String channel)
            implements Inbound {

        /** The value of {@code kind} that marks a message as a status-page event. */
        public static final String KIND = "status-page-event";
    }

    /**
     * The scheduled sweep: an EventBridge "Scheduled Event" whose {@code time} is the sweep's "now"
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html); its {@code account}
     * and {@code region}, the function's own, are where reconciliation reads CloudWatch (null when absent);
     * {@code resources}, the ARNs of the rules that sent it.
     */
    record Sweep(Instant time, String account, String region, List<String> resources, String messageId)
            implements Inbound {
    }

    /** A message that is not an alarm state change; {@code reason} says why it is skipped. */
    record Skipped(String reason, String messageId) implements Inbound {
    }
}
