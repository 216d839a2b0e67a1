package dev.statuspagesync.decide;

import java.util.List;
import java.util.Optional;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.Membership;

/**
 * What one alarm change means for its page, with every Flashduty write it takes. Each decision may also name
 * {@link #duplicates()}: later incidents that stand for the same alarm alone, left by a race whose loser could not
 * delete its own; they are deleted first.
 */
public sealed interface Decision extends Step {

    /** The kind of answer the change gets. */
    Outcome.Kind kind();

    /** Why, in the words of the answer and the log. */
    String reason();

    /** The incident the decision is about; null when there is none yet. */
    Long changeId();

    /** Incidents to delete first, each on its page; none unless the decision names them. */
    default List<Responses.Change> duplicates() {
        return List.of();
    }

    /**
     * Open an incident for a firing alarm that has none; {@code deferred} names the components left to other
     * events and whose they are, or is empty.
     */
    record Open(String subject, MemberKey member, Requests.CreateChange request, String deferred)
            implements Decision {

        public Open(String subject, MemberKey member, Requests.CreateChange request) {
            this(subject, member, request, "");
        }

        @Override
        public Outcome.Kind kind() {
            return Outcome.Kind.CREATED;
        }

        @Override
        public String reason() {
            return "incident opened for " + subject + (deferred.isEmpty() ? "" : "; " + deferred);
        }

        @Override
        public Long changeId() {
            return null;
        }
    }

    /**
     * A change of an open incident's alarm list (an edit, which notifies no one), written at the end of the
     * invocation, after {@link #announcement()}, when present: a timeline update subscribers hear of, posted at once.
     */
    sealed interface ListEdit extends Decision permits Join, Record {

        long pageId();

        Responses.Change incident();

        /** The incident's list of alarms after the change. */
        Membership members();

        /** The update to post before the edit, if any. */
        Optional<Requests.CreateTimeline> announcement();

        @Override
        default Outcome.Kind kind() {
            return Outcome.Kind.UPDATED;
        }

        @Override
        default Long changeId() {
            return incident().changeId();
        }
    }

    /**
     * A firing alarm joins an open incident of another alarm on the same components: the incident's list gains it,
     * and {@code raise}, when present, takes components to its impact.
     */
    record Join(long pageId, Responses.Change incident, Optional<Requests.CreateTimeline> raise, Membership members,
            String reason) implements ListEdit {

        @Override
        public Optional<Requests.CreateTimeline> announcement() {
            return raise;
        }
    }

    /**
     * The incident's list records a change of an alarm it already stands for: one that fires again while others
     * kept the incident open or during the quiet period, or one that recovered. {@code reopen}, when present, takes
     * an incident in {@code monitoring} back to {@code identified}, its components to their impact: an alarm fired
     * again after the {@code monitoring} update.
     */
    record Record(long pageId, Responses.Change incident, Membership members, String reason,
            List<Responses.Change> duplicates, Optional<Requests.CreateTimeline> reopen) implements ListEdit {

        public Record(long pageId, Responses.Change incident, Membership members, String reason,
                List<Responses.Change> duplicates) {
            this(pageId, incident, members, reason, duplicates, Optional.empty());
        }

        @Override
        public Optional<Requests.CreateTimeline> announcement() {
            return reopen;
        }
    }

    /**
     * The last firing alarm of the incident recovered, or every alarm stayed recovered for the quiet period: resolve
     * it, every component operational. {@code why} says which alarm and state, e.g. "alarm api-errors is OK".
     */
    record Resolve(long pageId, Responses.Change incident, Requests.CreateTimeline resolution, Membership members,
            String why, List<Responses.Change> duplicates) implements Decision {

        @Override
        public Outcome.Kind kind() {
            return Outcome.Kind.RESOLVED;
        }

        @Override
        public String reason() {
            return "incident resolved: " + why;
        }

        @Override
        public Long changeId() {
            return incident.changeId();
        }
    }

    /**
     * Nothing to write; {@code changeId} names the incident the reason is about, if any; {@code why} says what kind
     * of leaving alone it is, where that counts (null otherwise).
     */
    record Ignore(String reason, Long changeId, List<Responses.Change> duplicates, Outcome.Why why)
            implements Decision {

        public Ignore(String reason, Long changeId, List<Responses.Change> duplicates) {
            this(reason, changeId, duplicates, null);
        }

        public Ignore(String reason) {
            this(reason, null, List.of());
        }

        /** Older than what the page records. */
        static Ignore stale(String reason, Long changeId, List<Responses.Change> duplicates) {
            return new Ignore(reason, changeId, duplicates, Outcome.Why.STALE);
        }

        /** Someone else's event covers the alarm's components. */
        static Ignore deferred(String reason) {
            return new Ignore(reason, null, List.of(), Outcome.Why.DEFERRED);
        }

        /** A mute rule holds the alarm's actions. */
        static Ignore muted(String reason) {
            return new Ignore(reason, null, List.of(), Outcome.Why.MUTED);
        }

        /** CloudWatch suppressed the alarm's actions. */
        static Ignore suppressed(String reason) {
            return new Ignore(reason, null, List.of(), Outcome.Why.SUPPRESSED);
        }

        @Override
        public Outcome.Kind kind() {
            return Outcome.Kind.IGNORED;
        }
    }
}
