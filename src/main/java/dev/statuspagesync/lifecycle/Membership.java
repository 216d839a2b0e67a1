package dev.statuspagesync.lifecycle;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.inbound.AlarmState;

/**
 * The alarms an incident stands for, and the state and time each last reported. It is written as a list in
 * the incident's opening update, so Flashduty itself remembers who joined and who recovered:
 * <pre>
 * Alarms in this incident:
 * - `arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-errors`: ALARM since 2026-03-14 09:26:53 UTC
 * - `arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-latency`: OK since 2026-03-14 09:40:00 UTC
 * </pre>
 */
record Membership(Map<String, Member> members) {

    /** One alarm's last recorded change: firing (ALARM) or recovered (OK), and when. */
    record Member(AlarmState state, long atSeconds) {
    }

    static final String HEADER = "Alarms in this incident:";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern LINE = Pattern.compile(
            "^- (`+) ?(.+?) ?\\1: (ALARM|OK) since (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) UTC$");

    Membership {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    static Membership opening(String arn, long atSeconds) {
        return new Membership(Map.of(arn, new Member(AlarmState.ALARM, atSeconds)));
    }

    /** Reads the list from the incident's opening update; an incident without one stands for its key line. */
    static Membership of(Responses.Change incident) {
        Map<String, Member> members = new LinkedHashMap<>();
        openingUpdate(incident).map(Responses.TimelineEntry::description).ifPresent(text -> text.lines()
                .map(LINE::matcher).filter(Matcher::matches).forEach(line -> parse(line)
                        .ifPresent(member -> members.put(line.group(2), member))));
        if (members.isEmpty()) {
            IncidentMapper.keyArn(incident).ifPresent(arn -> members.put(arn,
                    new Member(AlarmState.ALARM, incident.startAtSeconds() == null ? 0 : incident.startAtSeconds())));
        }
        return new Membership(members);
    }

    /** The update the list lives in: the first of the timeline. */
    static Optional<Responses.TimelineEntry> openingUpdate(Responses.Change incident) {
        return incident.updates() == null ? Optional.empty()
                : incident.updates().stream().min(Comparator.comparing(
                        (Responses.TimelineEntry update) -> update.atSeconds() == null ? Long.MAX_VALUE
                                : update.atSeconds()));
    }

    Optional<Member> get(String arn) {
        return Optional.ofNullable(members.get(arn));
    }

    Membership with(String arn, AlarmState state, long atSeconds) {
        Map<String, Member> next = new LinkedHashMap<>(members);
        next.put(arn, new Member(state, atSeconds));
        return new Membership(next);
    }

    long firing() {
        return members.values().stream().filter(member -> member.state() == AlarmState.ALARM).count();
    }

    String render() {
        StringBuilder text = new StringBuilder(HEADER);
        members.forEach((arn, member) -> text.append("\n- ").append(Markdown.code(arn)).append(": ")
                .append(member.state()).append(" since ")
                .append(TIME.format(LocalDateTime.ofEpochSecond(member.atSeconds(), 0, ZoneOffset.UTC)))
                .append(" UTC"));
        return text.toString();
    }

    /** {@code description} with its list replaced by this one, or this one appended. */
    String replaceIn(String description) {
        String text = description == null ? "" : description;
        int header = text.indexOf(HEADER);
        String head = (header < 0 ? text : text.substring(0, header)).stripTrailing();
        return head.isEmpty() ? render() : head + "\n\n" + render();
    }

    private static Optional<Member> parse(Matcher line) {
        try {
            long at = LocalDateTime.parse(line.group(4), TIME).toEpochSecond(ZoneOffset.UTC);
            return Optional.of(new Member(AlarmState.valueOf(line.group(3)), at));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
