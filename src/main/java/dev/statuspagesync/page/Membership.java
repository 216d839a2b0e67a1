package dev.statuspagesync.page;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.statuspagesync.alarm.MemberKey;

/**
 * The alarms an incident stands for, each with the state and time it last reported; {@link IncidentText} writes it
 * into the incident's opening update, so Flashduty itself remembers who joined and who recovered. Each is listed
 * by its member key, or by its reference where the list was read from a public page; lookups take a member key
 * and find either.
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
    public static Membership opening(MemberKey key, long atSeconds) {
        return opening(key, atSeconds, null);
    }

    public static Membership opening(MemberKey key, long atSeconds, String label) {
        return new Membership(Map.of(key.wire(), new Member(State.ALARM, atSeconds, label)));
    }

    /** The member {@code key} stands for, listed by its listed form or by its reference. */
    public Optional<Member> get(MemberKey key) {
        return listedKey(key).map(members::get);
    }

    public boolean contains(MemberKey key) {
        return listedKey(key).isPresent();
    }

    /** Whether the list holds nothing but the member {@code key}. */
    public boolean isOnly(MemberKey key) {
        return members.size() == 1 && contains(key);
    }

    /** Whether a member of the list is the alarm of ARN {@code arn}, or one of its contributors. */
    public boolean namesAlarm(String arn) {
        return members.keySet().stream().anyMatch(key -> References.current().sameAlarm(key, arn));
    }

    /** The key {@code key} is listed by: its listed form, or its reference. */
    private Optional<String> listedKey(MemberKey key) {
        if (members.containsKey(key.wire())) {
            return Optional.of(key.wire());
        }
        String reference = References.current().member(key);
        return members.containsKey(reference) ? Optional.of(reference) : Optional.empty();
    }

    /**
     * This list with {@code key} recorded in {@code state} since {@code atSeconds}, added at the end if new; a
     * member keeps its label unless a new one is given.
     */
    public Membership with(MemberKey key, State state, long atSeconds, String label) {
        Map<String, Member> next = new LinkedHashMap<>(members);
        String listed = listedKey(key).orElse(key.wire());
        String kept = label != null || !members.containsKey(listed) ? label : members.get(listed).label();
        next.put(listed, new Member(state, atSeconds, kept));
        return new Membership(next);
    }

    public Membership with(MemberKey key, State state, long atSeconds) {
        return with(key, state, atSeconds, null);
    }

    /** How many time series (contributors) of the alarm of ARN {@code arn} the list shows firing. */
    public long firingContributorsOf(String arn) {
        return members.entrySet().stream().filter(member -> member.getValue().state() == State.ALARM)
                .map(Map.Entry::getKey)
                .filter(key -> MemberKey.parse(key).contributorId() != null || References.isContributor(key))
                .filter(key -> References.current().sameAlarm(key, arn)).count();
    }

    /** How many of the alarms are firing. */
    public long firing() {
        return members.values().stream().filter(member -> member.state() == State.ALARM).count();
    }
}
