package dev.statuspagesync.lifecycle;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The use case behind the handler: one invocation payload in, one answer out. SQS batches answer with the
 * messages to redeliver; every other payload fails the invocation when a change was rejected or not delivered.
 */
@ApplicationScoped
public class StatusPageSync {

    private static final Logger LOG = Logger.getLogger(StatusPageSync.class);

    private final EnvelopeReader reader;
    private final AlarmLifecycle lifecycle;

    public StatusPageSync(EnvelopeReader reader, AlarmLifecycle lifecycle) {
        this.reader = reader;
        this.lifecycle = lifecycle;
    }

    /** SQS partial batch response (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). */
    @RegisterForReflection
    public record BatchResponse(@JsonProperty("batchItemFailures") List<ItemFailure> batchItemFailures) {
    }

    @RegisterForReflection
    public record ItemFailure(@JsonProperty("itemIdentifier") String itemIdentifier) {
    }

    /** Several SNS records in one event (AWS sends one; a hand-made event may hold more). */
    @RegisterForReflection
    public record Results(List<Outcome> results) {
    }

    public Object handle(JsonNode event, Deadline deadline) {
        List<Inbound> items = reader.read(event);
        if (EnvelopeReader.isSqsEvent(event)) {
            List<ItemFailure> failures = new ArrayList<>();
            for (Inbound item : items) {
                if (process(item, deadline).mustRetry()) {
                    failures.add(new ItemFailure(item.messageId()));
                }
            }
            return new BatchResponse(failures);
        }
        List<Outcome> outcomes = items.stream().map(item -> process(item, deadline)).toList();
        outcomes.stream().filter(Outcome::mustRetry).findFirst().ifPresent(failure -> {
            throw new InvocationFailedException(failure);
        });
        return outcomes.size() == 1 ? outcomes.get(0) : new Results(outcomes);
    }

    private Outcome process(Inbound item, Deadline deadline) {
        Outcome outcome = item instanceof Inbound.Alarm alarm
                ? lifecycle.apply(alarm.change(), deadline)
                : Outcome.ignored(((Inbound.Skipped) item).reason());
        log(item, outcome);
        return outcome;
    }

    private static void log(Inbound item, Outcome outcome) {
        String subject = item instanceof Inbound.Alarm alarm
                ? "alarm=\"" + alarm.change().name() + "\" state=" + alarm.change().newState() + " via="
                        + alarm.change().envelope()
                : "message";
        String message = "%s%s outcome=%s change_id=%s reason=\"%s\"".formatted(subject,
                item.messageId() == null ? "" : " sqs_message_id=" + item.messageId(),
                outcome.outcome().wire(), outcome.changeId(), outcome.reason());
        if (outcome.mustRetry()) {
            LOG.warn(message);
        } else {
            LOG.info(message);
        }
    }
}
