package dev.statuspagesync.inbound;

/** What one message in an invocation turned out to be: an alarm change, or something skipped on purpose. */
public sealed interface Inbound {

    /** The SQS message id the item came from, null outside SQS; used for partial batch responses. */
    String messageId();

    /** A recognised alarm state change. */
    record Alarm(AlarmChange change, String messageId) implements Inbound {
    }

    /** A message that is not an alarm state change; {@code reason} says why it is skipped. */
    record Skipped(String reason, String messageId) implements Inbound {
    }
}
