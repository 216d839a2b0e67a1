package dev.statuspagesync.page;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The alarms an incident stands for, each with the state and time it last reported; {@link IncidentText} writes it
 * into the incident's opening update, so Flashduty itself remembers who joined and who recovered.
 */
public record Membership(Map<String, Member> members) {

    /** What the list records of an alarm: firing, recovered, or deleted from CloudWatch (which counts as recovered). */
    public enum State {
        ALARM, OK, DELETED
    }

    /**
     * One member's last recorded change and when it happened (epoch seconds); {@code label} names a contributor's
     * time series ({@code InstanceId=i-0abc}), null for a whole alarm.
     */
    public record Member(State state, long atSeconds, String label) {

        public Member(State state, long atSeconds) {
            this(state, atSeconds, null);
        }
    }

    public Membership {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** The list of a new incident: its one alarm, firing since {@code atSeconds}. */
    public static Membership opening(String arn, long atSeconds) {
        return opening(arn, atSeconds, null);
    }

    public static Membership opening(String key, long atSeconds, String label) {
        return new Membership(Map.of(key, new Member(State.ALARM, atSeconds, label)));
    }

    public Optional<Member> get(String arn) {
        return Optional.ofNullable(members.get(arn));
    }

    public boolean contains(String arn) {
        return members.containsKey(arn);
    }

    /**
     * This list with {@code key} recorded in {@code state} since {@code atSeconds}, added at the end if new; a
     * member keeps its label unless a new one is given.
     */
    public Membership with(String key, State state, long atSeconds, String label) {
        Map<String, Member> next = new LinkedHashMap<>(members);
        String kept = label != null || !members.containsKey(key) ? label : members.get(key).label();
        next.put(key, new Member(state, atSeconds, kept));
        return new Membership(next);
    }

    public Membership with(String key, State state, long atSeconds) {
        return with(key, state, atSeconds, null);
    }

    /** How many of the alarms are firing. */
    public long firing() {
        return members.values().stream().filter(member -> member.state() == State.ALARM).count();
    }
}
