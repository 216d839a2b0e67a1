package dev.statuspagesync.outcome;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.page.References;

/**
 * The log line of one answer: readable text, and the same facts as fields of the JSON line (the MDC, which the JSON
 * formatter writes under {@code mdc}) for CloudWatch Logs Insights. WARN when the change must be delivered again.
 */
public final class OutcomeLog {

    private OutcomeLog() {
    }

    /**
     * Logs {@code outcome} of an alarm change: alarm, state, via, its contributor when it is one time series, its
     * ARN and its reference, then {@code more} (such as the SQS message id, or the sweep that read the change).
     */
    public static void write(Logger log, AlarmChange change, Map<String, String> more, Outcome outcome) {
        Map<String, String> subject = new LinkedHashMap<>();
        subject.put("alarm", change.name());
        subject.put("state", change.newState().name());
        subject.put("via", change.envelope().name());
        StringBuilder text = new StringBuilder("alarm=\"").append(change.name()).append("\" state=")
                .append(change.newState()).append(" via=").append(change.envelope());
        if (change.contributor() != null) {
            subject.put("contributor", change.contributor().id());
            text.append(" contributor=").append(change.contributor().id());
        }
        // The ARN and the reference a public page names the member by, side by side: how an operator maps one
        // to the other.
        String reference = References.current().member(change.memberKey());
        subject.put("alarm_arn", change.arn());
        subject.put("reference", reference);
        text.append(" alarm_arn=").append(change.arn()).append(" reference=").append(reference);
        more.forEach((key, value) -> {
            subject.put(key, value);
            text.append(' ').append(key).append('=').append(value);
        });
        write(log, text.toString(), subject, outcome);
    }

    /**
     * Logs {@code outcome} of what {@code subject} names (as text, then as fields: alarm, state, via,
     * sqs_message_id, sweep, ...).
     */
    public static void write(Logger log, String subjectText, Map<String, String> subject, Outcome outcome) {
        Map<String, String> fields = new LinkedHashMap<>(subject);
        fields.put("outcome", outcome.outcome().wire());
        if (outcome.changeId() != null) {
            fields.put("change_id", String.valueOf(outcome.changeId()));
        }
        fields.put("reason", outcome.reason());
        String message = "%s outcome=%s change_id=%s reason=\"%s\"".formatted(subjectText, outcome.outcome().wire(),
                outcome.changeId(), outcome.reason());
        fields.forEach(MDC::put);
        try {
            if (outcome.mustRetry()) {
                log.warn(message);
            } else {
                log.info(message);
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
