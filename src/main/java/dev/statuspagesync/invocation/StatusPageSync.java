package dev.statuspagesync.invocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.HealthEvent;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.lifecycle.HealthMaintenances;
import dev.statuspagesync.lifecycle.Invocation;
import dev.statuspagesync.lifecycle.PlanExecutor;
import dev.statuspagesync.metrics.Metrics;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.outcome.OutcomeLog;
import dev.statuspagesync.published.PublishedEvents;
import dev.statuspagesync.reconcile.DeliveryCheck;
import dev.statuspagesync.reconcile.Reconciler;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The use case behind the handler: one invocation payload in, one answer out. Alarm changes (and AWS Health
 * issues) and the scheduled sweep go to {@link PlanExecutor}, AWS Health scheduled changes to
 * {@link HealthMaintenances}, published status-page events to {@link PublishedEvents}. SQS batches answer
 * with the messages to redeliver; every other payload fails the invocation when a change was rejected or not
 * delivered.
 * The changes of one invocation share what it read and write each incident's alarm list once.
 */
@ApplicationScoped
public class StatusPageSync {

    private static final Logger LOG = Logger.getLogger(StatusPageSync.class);
    private final EnvelopeReader reader;
    private final PlanExecutor lifecycle;
    private final PublishedEvents published;
    private final HealthMaintenances maintenances;
    private final Reconciler reconciler;
    private final DeliveryCheck deliveryCheck;
    private final Admission admission;
    private final Metrics metrics;

    public StatusPageSync(EnvelopeReader reader, PlanExecutor lifecycle, PublishedEvents published,
            HealthMaintenances maintenances, Reconciler reconciler, DeliveryCheck deliveryCheck, Admission admission,
            Metrics metrics) {
        this.maintenances = maintenances;
        this.reader = reader;
        this.lifecycle = lifecycle;
        this.reconciler = reconciler;
        this.deliveryCheck = deliveryCheck;
        this.published = published;
        this.admission = admission;
        this.metrics = metrics;
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

    /** The answer to one invocation; its metrics are written as it ends, also when it fails. */
    public Object handle(JsonNode event, Deadline deadline) {
        try {
            return answer(event, deadline);
        } finally {
            metrics.publish();
        }
    }

    private Object answer(JsonNode event, Deadline deadline) {
        List<Inbound> items = reader.read(event).stream().map(admission::admit).toList();
        List<Outcome> outcomes = process(items, deadline);
        if (EnvelopeReader.isSqsEvent(event)) {
            List<ItemFailure> failures = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (outcomes.get(i).mustRetry()) {
                    failures.add(new ItemFailure(items.get(i).messageId()));
                }
            }
            metrics.count(Metrics.REDELIVERED, failures.size());
            return new BatchResponse(failures);
        }
        outcomes.stream().filter(Outcome::mustRetry).findFirst().ifPresent(failure -> {
            throw new InvocationFailedException(failure);
        });
        return outcomes.size() == 1 ? outcomes.get(0) : new Results(outcomes);
    }

    /** Applies every item in order, then writes what the items deferred; an item whose write failed fails. */
    private List<Outcome> process(List<Inbound> items, Deadline deadline) {
        Invocation invocation = lifecycle.begin(deadline);
        List<Outcome> answered = new ArrayList<>(items.size());
        var checked = deliveryCheck.check(items.stream().filter(Inbound.Alarm.class::isInstance)
                .map(item -> ((Inbound.Alarm) item).change()).toList(), invocation).iterator();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            answered.add(switch (items.get(i)) {
                case Inbound.Alarm alarm -> {
                    countChange(alarm);
                    var change = checked.next();
                    yield change.answer() != null ? change.answer()
                            : isScheduledChange(change.change()) ? maintenances.apply(change.change(), deadline)
                            : lifecycle.apply(change.change(), index, invocation);
                }
                case Inbound.Published event -> published.apply(event, deadline);
                case Inbound.Sweep sweep -> sweep(sweep, index, invocation);
                case Inbound.Skipped skipped -> Outcome.ignored(skipped.reason());
            });
        }
        List<Outcome> outcomes = lifecycle.finish(invocation, answered);
        for (int i = 0; i < items.size(); i++) {
            log(items.get(i), outcomes.get(i));
            metrics.count(outcomeMetric(outcomes.get(i).outcome()));
            if (outcomes.get(i).why() == Outcome.Why.DEFERRED) {
                metrics.count(Metrics.DEFERRED);
            }
        }
        return outcomes;
    }

    /** An AWS Health scheduled change: a maintenance, not an incident. */
    private static boolean isScheduledChange(AlarmChange change) {
        return change.isHealth() && HealthEvent.SCHEDULED_CHANGE.equals(change.health().category());
    }

    /**
     * The scheduled sweep: reconciliation with CloudWatch first, when it is on, so that the quiet period then counts
     * the recoveries it recorded; then the resolution of the incidents whose quiet period has passed.
     */
    private Outcome sweep(Inbound.Sweep sweep, int item, Invocation invocation) {
        Outcome reconciled = reconciler.enabled()
                ? reconciler.reconcile(sweep.time(), sweep.account(), sweep.region(), item, invocation)
                : null;
        PlanExecutor.Swept swept = lifecycle.sweep(sweep.time(), invocation);
        metrics.count(Metrics.SWEEPS);
        metrics.count(Metrics.SWEEP_RESOLVED, swept.resolved());
        metrics.count(Metrics.SWEEP_WAITING, swept.waiting());
        return reconciled == null ? swept.outcome() : Outcome.both(reconciled, swept.outcome());
    }

    /** A change received, by the path that delivered it (and through SQS when a queue was in front). */
    private void countChange(Inbound.Alarm alarm) {
        metrics.count(Metrics.CHANGES);
        metrics.count(switch (alarm.change().envelope()) {
            case SNS -> Metrics.CHANGES_VIA_SNS;
            case EVENTBRIDGE, HEALTH -> Metrics.CHANGES_VIA_EVENTBRIDGE;
            case ALARM_ACTION -> Metrics.CHANGES_VIA_ALARM_ACTION;
            case CLOUDWATCH -> throw new IllegalArgumentException("a change read by the sweep is not delivered");
        });
        if (alarm.messageId() != null) {
            metrics.count(Metrics.CHANGES_VIA_SQS);
        }
    }

    /** The metric that counts answers of a kind: "Created", "Ignored", ... */
    public static String outcomeMetric(Outcome.Kind kind) {
        return switch (kind) {
            case CREATED -> "Created";
            case UPDATED -> "Updated";
            case RESOLVED -> "Resolved";
            case IGNORED -> "Ignored";
            case REJECTED -> "Rejected";
            case FAILED -> "Failed";
        };
    }

    /** One line per item, its facts also as fields of the JSON line. */
    private static void log(Inbound item, Outcome outcome) {
        Map<String, String> sqs = item.messageId() == null ? Map.of() : Map.of("sqs_message_id", item.messageId());
        Map<String, String> subject = new LinkedHashMap<>();
        String text;
        switch (item) {
            case Inbound.Alarm alarm -> {
                OutcomeLog.write(LOG, alarm.change(), sqs, outcome);
                return;
            }
            case Inbound.Sweep sweep -> {
                subject.put("sweep", sweep.time().toString());
                text = "sweep time=" + sweep.time();
            }
            case Inbound.Published event -> text = "status-page event";
            case Inbound.Skipped skipped -> text = "message";
        }
        subject.putAll(sqs);
        text += item.messageId() == null ? "" : " sqs_message_id=" + item.messageId();
        OutcomeLog.write(LOG, text, subject, outcome);
    }
}
