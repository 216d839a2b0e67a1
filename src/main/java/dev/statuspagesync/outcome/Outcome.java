package dev.statuspagesync.outcome;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.statuspagesync.flashduty.FlashdutyException;
import dev.statuspagesync.flashduty.FlashdutyRejectedException;
import dev.statuspagesync.flashduty.PlannedWrite;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the function did with one message (an alarm change or a published event): the JSON it answers with. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Outcome(Kind outcome, String reason, @JsonProperty("change_id") Long changeId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PlannedWrite> planned, @JsonIgnore Why why) {

    private static final Logger LOG = Logger.getLogger(Outcome.class);

    /**
     * Why a change was left alone, where that is more than its reason's words: counted in metrics and sums, never
     * part of the answer.
     */
    public enum Why {
        /** Someone else's event covers the components (STATUSPAGE_DEFER_TO). */
        DEFERRED,
        /** An alarm mute rule holds the alarm's actions: planned work. */
        MUTED,
        /** CloudWatch suppressed a composite alarm's actions. */
        SUPPRESSED,
        /** Older than what the page already records. */
        STALE,
        /** A repair the sweep waits with, for a read that failed. */
        HELD_BACK
    }

    public Outcome(Kind outcome, String reason, Long changeId) {
        this(outcome, reason, changeId, null, null);
    }

    public Outcome(Kind outcome, String reason, Long changeId, List<PlannedWrite> planned) {
        this(outcome, reason, changeId, planned, null);
    }

    /** What a dry run would have done: the outcome, and the write calls it did not make. */
    public static Outcome dryRun(Kind outcome, String reason, Long changeId, List<PlannedWrite> calls) {
        return new Outcome(outcome, "dry run: " + reason, changeId, List.copyOf(calls));
    }

    /** This outcome with the writes a dry run held back after it was answered (an alarm list written at the end). */
    public Outcome withLaterWrites(List<PlannedWrite> later) {
        if (later.isEmpty()) {
            return this;
        }
        return new Outcome(outcome, reason, changeId,
                Stream.concat(planned == null ? Stream.empty() : planned.stream(), later.stream()).toList(), why);
    }

    public static Outcome updated(long changeId, String reason) {
        return new Outcome(Kind.UPDATED, reason, changeId);
    }

    /** Every possible result; rejected and failed make the invocation (or the SQS message) fail. */
    @RegisterForReflection
    public enum Kind {
        CREATED, UPDATED, RESOLVED, IGNORED, REJECTED, FAILED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Outcome created(long changeId, String reason) {
        return new Outcome(Kind.CREATED, reason, changeId);
    }

    public static Outcome resolved(long changeId, String reason) {
        return new Outcome(Kind.RESOLVED, reason, changeId);
    }

    public static Outcome ignored(String reason) {
        return new Outcome(Kind.IGNORED, reason, null);
    }

    public static Outcome ignored(String reason, long changeId) {
        return new Outcome(Kind.IGNORED, reason, changeId);
    }

    /** Left alone for {@code why}; {@code changeId} names the incident the reason is about, if any. */
    public static Outcome ignored(Why why, String reason, Long changeId) {
        return new Outcome(Kind.IGNORED, reason, changeId, null, why);
    }

    public static Outcome rejected(String reason) {
        return new Outcome(Kind.REJECTED, reason, null);
    }

    public static Outcome failed(String reason) {
        return new Outcome(Kind.FAILED, reason, null);
    }

    /**
     * One answer for two steps of one item (the sweep's reconciliation, then its resolutions): it fails when either
     * failed; else it is the second's kind unless that ignored what the first did. Both reasons are kept.
     */
    public static Outcome both(Outcome first, Outcome second) {
        Kind kind = first.mustRetry() ? first.outcome
                : second.mustRetry() || second.outcome != Kind.IGNORED ? second.outcome : first.outcome;
        List<PlannedWrite> calls = first.planned == null && second.planned == null ? null
                : Stream.of(first.planned, second.planned).filter(Objects::nonNull)
                        .flatMap(List::stream).toList();
        return new Outcome(kind, first.reason + "; " + second.reason,
                second.changeId != null ? second.changeId : first.changeId, calls);
    }

    /**
     * The outcome of a change whose handling threw: rejected when Flashduty refused it, failed otherwise.
     * Unexpected failures are logged by type only: a library's message may quote the request URL, which carries
     * the app key.
     */
    public static Outcome of(RuntimeException failure, String subject) {
        if (failure instanceof FlashdutyRejectedException rejected) {
            return rejected(rejected.getMessage());
        }
        if (failure instanceof FlashdutyException || failure instanceof FaultToleranceException) {
            return failed(failure.getMessage());
        }
        StringBuilder types = new StringBuilder(failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            types.append(" <- ").append(cause.getClass().getName());
        }
        LOG.errorf("unexpected failure for %s: %s", subject, types);
        return failed("unexpected " + failure.getClass().getSimpleName());
    }

    /** Whether the change must be delivered again (Lambda retry, DLQ, or SQS redelivery). */
    public boolean mustRetry() {
        return outcome == Kind.REJECTED || outcome == Kind.FAILED;
    }
}
