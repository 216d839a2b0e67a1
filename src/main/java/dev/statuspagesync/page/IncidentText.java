package dev.statuspagesync.page;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.flashduty.Responses;

/**
 * The one codec of the text the function keeps on the page as its only store, and reads back:
 * <ul>
 * <li>the key line that names the alarm an incident was opened for, the description's last line: on a public
 * page by its opaque reference ({@link References}), {@code Reference: `cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg`}; on an
 * internal page, and in incidents the released function wrote, by its ARN,
 * {@code Alarm ARN: `arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-errors`};</li>
 * <li>the list of the incident's alarms, at the end of its opening update:
 * <pre>
 * Alarms in this incident:
 * - `arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-errors`: ALARM since 2026-03-14 09:26:53 UTC
 * - `arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-latency`: OK since 2026-03-14 09:40:00 UTC
 * - `arn:aws:cloudwatch:us-east-1:111122223333:alarm:host-cpu` contributor `4cd2a1e07f3b9e51` `InstanceId=i-0a1b`:
 *   ALARM since 2026-03-14 09:41:00 UTC (on one line)
 * - `arn:aws:cloudwatch:us-east-1:111122223333:alarm:old-check`: DELETED since 2026-03-14 09:45:00 UTC
 * </pre>
 * A contributor is one time series of a multi-time-series alarm; DELETED marks an alarm CloudWatch no longer
 * has. A public page lists references instead, and no contributor's attributes:
 * {@code - `cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg-sqcqcvcvnmvsvcnt`: ALARM since 2026-03-14 09:41:00 UTC}.</li>
 * <li>the key line of a published event, its description's last line: {@code Event key: `deploy-4711`}.</li>
 * </ul>
 * Incidents the released function wrote are live on users' pages: whatever this writes, it keeps reading these.
 */
public final class IncidentText {

    public static final String KEY_PREFIX = "Alarm ARN: ";
    public static final String REFERENCE_PREFIX = "Reference: ";
    public static final String EVENT_KEY_PREFIX = "Event key: ";
    /** What the event key of the function's own maintenance of an AWS Health scheduled change starts with. */
    public static final String HEALTH_KEY_PREFIX = "health/";
    public static final String ALARM_LIST_HEADER = "Alarms in this incident:";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** A member named by its reference: fixed-length parts, read in one pass. */
    private static final String LETTER = "[bcdfghjkmnpqrstv]";
    private static final Pattern REFERENCE_LINE = Pattern.compile("^- `(cw-" + LETTER + "{10}-" + LETTER + "{20}"
            + "(?:-" + LETTER + "{16})?)`: (ALARM|OK|DELETED) since (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) UTC$");

    private IncidentText() {
    }

    /** The key line of an incident opened for the alarm {@code key}: its reference, or its ARN. */
    public static String keyLine(String key) {
        return (References.isReference(key) ? REFERENCE_PREFIX : KEY_PREFIX) + Markdown.code(key);
    }

    /**
     * The alarm an incident this function opened stands for, its ARN or its reference; empty for every other
     * event. It is read from the description's key line, or, where Flashduty shows the latest update as the
     * description, from the first alarm of the list in the opening update: the function wrote the opening alarm
     * there first, and its edits keep that order.
     */
    public static Optional<String> key(Responses.Change incident) {
        if (codeAfter(incident.description(), EVENT_KEY_PREFIX).isPresent()) {
            return Optional.empty();
        }
        return codeAfter(incident.description(), KEY_PREFIX)
                .or(() -> codeAfter(incident.description(), REFERENCE_PREFIX).filter(References::isReference))
                .or(() -> openingUpdate(incident).map(Responses.TimelineEntry::description)
                        .filter(text -> text.contains(ALARM_LIST_HEADER))
                        .flatMap(text -> readAlarmList(text).members().keySet().stream().findFirst())
                        .map(first -> References.isReference(first) ? References.alarmOf(first)
                                : MemberKey.parse(first).arn()));
    }

    /** Whether the incident was opened for the alarm of ARN {@code arn}: its key line names it. */
    public static boolean isKeyedTo(Responses.Change incident, String arn) {
        return key(incident).filter(key -> References.current().sameAlarm(key, arn)).isPresent();
    }

    /**
     * Whether the incident names its alarms by reference: it was opened on a public page, and its list keeps
     * doing so whatever joins it. Incidents opened before references existed keep their ARNs.
     */
    public static boolean isOpaque(Responses.Change incident) {
        return key(incident).filter(References::isReference).isPresent();
    }

    /** Whether this function opened the incident: only those carry a key line. */
    public static boolean isOurs(Responses.Change incident) {
        return key(incident).isPresent();
    }

    /** The update the alarm list lives in: the first of the timeline. */
    public static Optional<Responses.TimelineEntry> openingUpdate(Responses.Change incident) {
        return incident.updates() == null ? Optional.empty()
                : incident.updates().stream().min(Comparator.comparing(
                        (Responses.TimelineEntry update) -> update.atSeconds() == null ? Long.MAX_VALUE
                                : update.atSeconds()));
    }

    /**
     * The alarms of an incident, read from its opening update; an incident whose timeline is not known, or that
     * carries no list, stands for the alarm of its key line, firing since its start.
     */
    public static Membership members(Responses.Change incident) {
        Membership listed = openingUpdate(incident).map(Responses.TimelineEntry::description)
                .map(IncidentText::readAlarmList).orElse(new Membership(Map.of()));
        if (!listed.members().isEmpty()) {
            return listed;
        }
        return key(incident).map(key -> new Membership(Map.of(key, new Membership.Member(Membership.State.ALARM,
                incident.startAtSeconds() == null ? 0 : incident.startAtSeconds())))).orElse(listed);
    }

    /**
     * The alarm list as it is written; {@code opaque} (a public page) names every member by its reference and
     * leaves out contributors' attributes.
     */
    public static String alarmList(Membership members, boolean opaque) {
        StringBuilder text = new StringBuilder(ALARM_LIST_HEADER);
        members.members().forEach((key, member) -> text.append("\n- ").append(memberName(key, member, opaque))
                .append(": ").append(member.state()).append(" since ")
                .append(TIME.format(LocalDateTime.ofEpochSecond(member.atSeconds(), 0, ZoneOffset.UTC)))
                .append(" UTC"));
        return text.toString();
    }

    /**
     * How a member is named in the list: by its reference, or by the alarm's ARN and a contributor's id and
     * attributes.
     */
    private static String memberName(String key, Membership.Member member, boolean opaque) {
        if (References.isReference(key)) {
            return Markdown.code(key);
        }
        MemberKey parsed = MemberKey.parse(key);
        if (opaque) {
            return Markdown.code(References.current().member(parsed));
        }
        if (!parsed.isContributor()) {
            return Markdown.code(key);
        }
        String label = member.label() == null || member.label().isBlank() ? ""
                : " " + Markdown.code(member.label().replaceAll("[\\r\\n]+", " "));
        return Markdown.code(parsed.arn()) + " contributor " + Markdown.code(parsed.contributorId()) + label;
    }

    /**
     * The alarms listed in {@code text} under its list header, each by its member key (an ARN, and a contributor's
     * id) or by its reference; lines that do not read as members are passed over.
     */
    public static Membership readAlarmList(String text) {
        Map<String, Membership.Member> members = new LinkedHashMap<>();
        int header = text == null ? -1 : text.indexOf(ALARM_LIST_HEADER);
        if (header >= 0) {
            // Only the lines under the list's header are members: a line elsewhere is no one's bookkeeping.
            text.substring(header + ALARM_LIST_HEADER.length()).lines().forEach(line -> {
                if (line.length() > MemberLine.MAX_LINE) {
                    return;
                }
                Matcher reference = REFERENCE_LINE.matcher(line);
                if (reference.matches()) {
                    at(reference.group(3)).ifPresent(at -> members.put(reference.group(1),
                            new Membership.Member(Membership.State.valueOf(reference.group(2)), at)));
                    return;
                }
                MemberLine.read(line).ifPresent(named -> at(named.time()).ifPresent(at -> members.put(
                        MemberKey.of(named.arn(), named.contributor()).wire(),
                        new Membership.Member(named.state(), at, named.label()))));
            });
        }
        return new Membership(members);
    }

    /** {@code text} with its alarm list replaced by {@code members}, or with it appended. */
    public static String withAlarmList(String text, Membership members, boolean opaque) {
        String current = text == null ? "" : text;
        int header = current.indexOf(ALARM_LIST_HEADER);
        String head = (header < 0 ? current : current.substring(0, header)).stripTrailing();
        return head.isEmpty() ? alarmList(members, opaque) : head + "\n\n" + alarmList(members, opaque);
    }

    /**
     * Whether {@code text} holds a line this codec reads as bookkeeping: a key line, an event key or an alarm
     * list. Published events may not carry one.
     */
    public static boolean holdsBookkeeping(String text) {
        return text.contains(ALARM_LIST_HEADER) || text.lines().map(String::stripLeading)
                .anyMatch(line -> line.startsWith(KEY_PREFIX + "`") || line.startsWith(REFERENCE_PREFIX + "`")
                        || line.startsWith(EVENT_KEY_PREFIX + "`"));
    }

    /** The key line of a published event. */
    public static String eventKeyLine(String key) {
        return EVENT_KEY_PREFIX + Markdown.code(key);
    }

    /**
     * The key a published event was created with; empty for every other event. Read from the description, or from
     * its first update, which carries the key line too where Flashduty shows the latest update as the description.
     */
    public static Optional<String> eventKey(Responses.Change event) {
        return codeAfter(event.description(), EVENT_KEY_PREFIX).or(() -> updates(event)
                .map(update -> codeAfter(update.description(), EVENT_KEY_PREFIX))
                .flatMap(Optional::stream).findFirst());
    }

    /** Every event key the event's description and updates carry, in that order. */
    public static List<String> eventKeys(Responses.Change event) {
        return Stream.concat(Stream.of(event.description()), updates(event).map(Responses.TimelineEntry::description))
                .filter(Objects::nonNull).flatMap(String::lines)
                .filter(line -> line.length() <= MemberLine.MAX_LINE && line.startsWith(EVENT_KEY_PREFIX + "`"))
                .map(line -> unfenced(line.substring(EVENT_KEY_PREFIX.length()))).toList();
    }

    /** Whether the event was created for the published event with this key. */
    public static boolean hasEventKey(Responses.Change event, String key) {
        String line = eventKeyLine(key);
        return hasLine(event.description(), line) || updates(event).anyMatch(update -> hasLine(update.description(), line));
    }

    private static Stream<Responses.TimelineEntry> updates(Responses.Change event) {
        return event.updates() == null ? Stream.empty() : event.updates().stream();
    }

    private static boolean hasLine(String text, String line) {
        return text != null && text.lines().anyMatch(line::equals);
    }

    /** {@code text} with the key line as its last paragraph. */
    public static String withKeyLine(String text, String keyLine) {
        return text == null || text.isBlank() ? keyLine : text.stripTrailing() + "\n\n" + keyLine;
    }

    /** The code span of the first line that starts with {@code prefix} and a backtick. */
    private static Optional<String> codeAfter(String text, String prefix) {
        if (text == null) {
            return Optional.empty();
        }
        // Read as the released function read it: the fence and one space inside it stripped from either end.
        return text.lines().filter(line -> line.length() <= MemberLine.MAX_LINE && line.startsWith(prefix + "`"))
                .map(line -> unfenced(line.substring(prefix.length()))).findFirst();
    }

    /** {@code span} without its backticks and one space inside them at either end, in one pass. */
    private static String unfenced(String span) {
        int start = 0;
        while (start < span.length() && span.charAt(start) == '`') {
            start++;
        }
        if (start < span.length() && span.charAt(start) == ' ') {
            start++;
        }
        int end = span.length();
        while (end > start && span.charAt(end - 1) == '`') {
            end--;
        }
        if (end > start && span.charAt(end - 1) == ' ') {
            end--;
        }
        return span.substring(start, end);
    }

    private static Optional<Long> at(String time) {
        try {
            return Optional.of(LocalDateTime.parse(time, TIME).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
