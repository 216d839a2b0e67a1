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

    /** What the list records of an alarm: firing or recovered. */
    public enum State {
        ALARM, OK
    }

    /** One alarm's last recorded change and when it happened (epoch seconds). */
    public record Member(State state, long atSeconds) {
    }

    public Membership {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** The list of a new incident: its one alarm, firing since {@code atSeconds}. */
    public static Membership opening(String arn, long atSeconds) {
        return new Membership(Map.of(arn, new Member(State.ALARM, atSeconds)));
    }

    public Optional<Member> get(String arn) {
        return Optional.ofNullable(members.get(arn));
    }

    public boolean contains(String arn) {
        return members.containsKey(arn);
    }

    /** This list with {@code arn} recorded in {@code state} since {@code atSeconds}, added at the end if new. */
    public Membership with(String arn, State state, long atSeconds) {
        Map<String, Member> next = new LinkedHashMap<>(members);
        next.put(arn, new Member(state, atSeconds));
        return new Membership(next);
    }

    /** How many of the alarms are firing. */
    public long firing() {
        return members.values().stream().filter(member -> member.state() == State.ALARM).count();
    }
}
