package dev.statuspagesync.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Responses;

/** The incident text the function keeps on the page: what it writes, it reads back; what it wrote before, it still reads. */
class IncidentTextTest {

    static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu";
    static final String OTHER = "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-5xx-error-rate";

    /** A description and opening update exactly as the released function writes them (expected/ fixtures). */
    static final String RELEASED_DESCRIPTION = """
            CloudWatch alarm **checkout-api-high-cpu** is in ALARM (was OK) since 2026-03-14 09:26:53 UTC.

            CPU of the checkout API hosts is above 80 %.

            - **Metric:** AWS/EC2 CPUUtilization (InstanceId=i-0a1b2c3d4e5f60718)
            - **Account:** 210987654321, **Region:** us-east-1

            Alarm ARN: `arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu`""";
    static final String RELEASED_OPENING = """
            CloudWatch alarm checkout-api-high-cpu is in ALARM. We are investigating.

            Alarms in this incident:
            - `arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu`: OK since 2026-03-14 09:46:53 UTC
            - `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-5xx-error-rate`: ALARM since 2026-03-14 10:03:12 UTC""";

    @Test
    void recognisesAnIncidentTheReleasedFunctionOpened() {
        Responses.Change live = incident(RELEASED_DESCRIPTION, RELEASED_OPENING);

        assertEquals(Optional.of(ARN), IncidentText.key(live));
        assertTrue(IncidentText.isOurs(live));
        Membership members = IncidentText.members(live);
        assertEquals(List.of(ARN, OTHER), List.copyOf(members.members().keySet()));
        assertEquals(new Membership.Member(Membership.State.OK, 1_773_481_613L), members.get(key(ARN)).orElseThrow());
        assertEquals(new Membership.Member(Membership.State.ALARM, 1_773_482_592L), members.get(key(OTHER)).orElseThrow());
    }

    @Test
    void writesTheKeyLineAndListAsTheReleasedFunctionDid() {
        Membership members = Membership.opening(key(ARN), 1_773_481_613L).with(key(ARN), Membership.State.OK, 1_773_481_613L)
                .with(key(OTHER), Membership.State.ALARM, 1_773_482_592L);

        assertEquals(RELEASED_DESCRIPTION.lines().reduce((first, last) -> last).orElseThrow(), IncidentText.keyLine(ARN));
        assertEquals(RELEASED_OPENING, IncidentText.withAlarmList(
                "CloudWatch alarm checkout-api-high-cpu is in ALARM. We are investigating.", members, false));
    }

    @ParameterizedTest
    @ValueSource(strings = { ARN, "arn:aws:cloudwatch:us-east-1:210987654321:alarm:team:api:latency",
            "arn:aws:cloudwatch:us-east-1:210987654321:alarm:a`b", "arn:aws:cloudwatch:us-east-1:210987654321:alarm:``x`",
            "arn:aws:cloudwatch:us-east-1:210987654321:alarm:名前 with spaces", "arn:aws:cloudwatch:us-east-1:1:alarm:`" })
    void readsBackEveryArnItWritesInTheKeyLineAndTheList(String arn) {
        Membership members = Membership.opening(key(arn), 1_773_481_613L).with(key(OTHER), Membership.State.OK, 1_773_482_592L);
        Responses.Change written = incident("Alarm.\n\n" + IncidentText.keyLine(arn),
                IncidentText.withAlarmList("Opening.", members, false));

        assertEquals(Optional.of(arn), IncidentText.key(written));
        assertEquals(members, IncidentText.members(written));
    }

    @Test
    void writesAndReadsBackContributorsWithTheirAttributesAndDeletedAlarms() {
        MemberKey contributor = MemberKey.of(ARN, "9f2c07a4e1b35d68");
        Membership members = new Membership(Map.of()).with(contributor, Membership.State.ALARM, 1_773_480_612L,
                "TableName=checkout-orders, Region=us-east-1").with(key(OTHER), Membership.State.DELETED, 1_773_481_000L);

        String list = IncidentText.alarmList(members, false);

        assertEquals("Alarms in this incident:\n"
                + "- `arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu` contributor"
                + " `9f2c07a4e1b35d68` `TableName=checkout-orders, Region=us-east-1`: ALARM since 2026-03-14 09:30:12 UTC\n"
                + "- `arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-5xx-error-rate`: DELETED since"
                + " 2026-03-14 09:36:40 UTC", list);
        assertEquals(members, IncidentText.readAlarmList(list));
        assertEquals(1, IncidentText.readAlarmList(list).firing(), "a deleted alarm does not fire");
    }

    @Test
    void anIncidentOpenedForAContributorIsKeyedByTheAlarmsArn() {
        MemberKey contributor = MemberKey.of(ARN, "9f2c07a4e1b35d68");
        String opening = IncidentText.alarmList(Membership.opening(contributor, 1_773_480_612L, "TableName=orders"), false);

        assertEquals(Optional.of(ARN), IncidentText.key(incident(null, opening)));
    }

    @Test
    void replacesTheListInPlaceAndKeepsTheTextBeforeIt() {
        String once = IncidentText.withAlarmList("Opening.", Membership.opening(key(ARN), 0), false);
        Membership two = Membership.opening(key(ARN), 0).with(key(OTHER), Membership.State.ALARM, 60);

        String twice = IncidentText.withAlarmList(once, two, false);

        assertEquals("Opening.\n\n" + IncidentText.alarmList(two, false), twice);
        assertEquals(two, IncidentText.readAlarmList(twice));
    }

    @Test
    void findsTheKeyInTheOpeningUpdateWhereFlashdutyShowsTheLatestUpdateAsTheDescription() {
        Responses.Change shown = new Responses.Change(7L, 42L, EventType.INCIDENT, "t",
                "CloudWatch alarm orders-5xx-error-rate is in ALARM too; more of the service is affected.",
                ChangeStatus.INVESTIGATING, List.of(), 1_773_480_413L, null, List.of(
                        new Responses.TimelineEntry("u1", 1_773_480_413L, ChangeStatus.INVESTIGATING,
                                RELEASED_OPENING, List.of()),
                        new Responses.TimelineEntry("u2", 1_773_482_592L, null, "more of the service", List.of())),
                true);

        assertEquals(Optional.of(ARN), IncidentText.key(shown));
        assertTrue(IncidentText.isOurs(shown));
    }

    @Test
    void findsAPublishedEventsKeyInItsFirstUpdateWhereTheDescriptionIsAnother() {
        Responses.Change shown = incident("Upgrade finished.", IncidentText.withKeyLine("Upgrade starts.",
                IncidentText.eventKeyLine("release-2026.12.03-db-upgrade")));

        assertEquals(Optional.of("release-2026.12.03-db-upgrade"), IncidentText.eventKey(shown));
        assertTrue(IncidentText.hasEventKey(shown, "release-2026.12.03-db-upgrade"));
    }

    @Test
    void anIncidentWithoutItsTimelineStandsForTheAlarmOfItsKeyLine() {
        Responses.Change withoutTimeline = new Responses.Change(7L, 42L, EventType.INCIDENT, "t",
                RELEASED_DESCRIPTION, ChangeStatus.INVESTIGATING, List.of(), 1_773_480_413L, null, null, true);

        assertEquals(Membership.opening(key(ARN), 1_773_480_413L), IncidentText.members(withoutTimeline));
    }

    @Test
    void anEventSomeoneElseWroteIsNotOurs() {
        Responses.Change byPerson = incident("Checkout is slow. We are on it.\n\nAlarm ARN: none", "Investigating.");

        assertFalse(IncidentText.isOurs(byPerson));
        assertEquals(new Membership(Map.of()), IncidentText.members(byPerson));
    }

    @Test
    void passesOverListLinesItCannotRead() {
        Map<String, Membership.Member> expected = new LinkedHashMap<>();
        expected.put(ARN, new Membership.Member(Membership.State.ALARM, 1_773_481_613L));

        assertEquals(new Membership(expected), IncidentText.readAlarmList("""
                Alarms in this incident:
                - `arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu`: ALARM since 2026-03-14 09:46:53 UTC
                - `arn:aws:cloudwatch:us-east-1:210987654321:alarm:x`: PENDING since 2026-03-14 09:46:53 UTC
                - `arn:aws:cloudwatch:us-east-1:210987654321:alarm:y`: OK since 2026-13-01 09:46:53 UTC
                - edited by hand"""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "release-2026.12.03-db-upgrade", "sns:6f1d2a4b-0c3e-5f7a-9b8d-1e2f3a4b5c6d",
            "sha256:0123456789abcdef01234567", "key with `backticks`" })
    void readsBackTheKeyOfAPublishedEvent(String key) {
        Responses.Change event = incident(IncidentText.withKeyLine("We upgrade the database.",
                IncidentText.eventKeyLine(key)), "Scheduled.");

        assertEquals(Optional.of(key), IncidentText.eventKey(event));
        assertTrue(IncidentText.hasEventKey(event, key));
        assertFalse(IncidentText.hasEventKey(event, key + "-other"));
    }

    @Test
    void recognisesAPublishedEventTheReleasedFunctionCreated() {
        Responses.Change live = incident("""
                The database is upgraded between 02:00 and 02:30 UTC; writes pause for up to two minutes.

                Event key: `release-2026.12.03-db-upgrade`""", "Scheduled.");

        assertTrue(IncidentText.hasEventKey(live, "release-2026.12.03-db-upgrade"));
        assertEquals("Event key: `k`", IncidentText.withKeyLine("  ", IncidentText.eventKeyLine("k")));
    }

    @Test
    void aPublicIncidentNamesItsAlarmsByReferenceAndReadsThemBack() {
        MemberKey contributor = MemberKey.of(ARN, "9f2c07a4e1b35d68");
        Membership members = Membership.opening(key(ARN), 1_773_480_413L).with(contributor, Membership.State.ALARM,
                1_773_480_612L, "TableName=checkout-orders").with(key(OTHER), Membership.State.OK, 1_773_481_000L);
        References references = References.current();

        String keyLine = IncidentText.keyLine(references.alarm(ARN));
        String list = IncidentText.alarmList(members, true);
        Responses.Change written = incident("We are investigating.\n\n" + keyLine, "Opening.\n\n" + list);

        assertEquals("Reference: `" + references.alarm(ARN) + "`", keyLine);
        assertEquals("Alarms in this incident:\n"
                + "- `" + references.alarm(ARN) + "`: ALARM since 2026-03-14 09:26:53 UTC\n"
                + "- `" + references.member(contributor) + "`: ALARM since 2026-03-14 09:30:12 UTC\n"
                + "- `" + references.alarm(OTHER) + "`: OK since 2026-03-14 09:36:40 UTC", list);
        assertFalse(list.contains("arn:") || list.contains("TableName"), list);
        assertEquals(Optional.of(references.alarm(ARN)), IncidentText.key(written));
        assertTrue(IncidentText.isOpaque(written));
        assertTrue(IncidentText.isKeyedTo(written, ARN));
        assertFalse(IncidentText.isKeyedTo(written, OTHER));
        Membership read = IncidentText.members(written);
        assertEquals(new Membership.Member(Membership.State.ALARM, 1_773_480_612L), read.get(contributor).orElseThrow());
        assertEquals(new Membership.Member(Membership.State.OK, 1_773_481_000L), read.get(key(OTHER)).orElseThrow());
        assertTrue(read.namesAlarm(OTHER));
        assertEquals(list, IncidentText.alarmList(read, true), "a list read back is written as it was");
    }

    @Test
    void anIncidentTheReleasedFunctionOpenedKeepsItsArnsWhenAReferenceJoins() {
        Responses.Change live = incident(RELEASED_DESCRIPTION, RELEASED_OPENING);
        String joining = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-latency";
        Membership after = IncidentText.members(live).with(key(joining), Membership.State.ALARM, 1_773_483_000L);

        assertFalse(IncidentText.isOpaque(live));
        assertEquals(RELEASED_OPENING + "\n- `" + joining + "`: ALARM since 2026-03-14 10:10:00 UTC",
                IncidentText.withAlarmList(RELEASED_OPENING, after, IncidentText.isOpaque(live)));
    }

    @Test
    void readsAListThatMixesArnsAndReferences() {
        String mixed = "Alarms in this incident:\n"
                + "- `" + ARN + "`: OK since 2026-03-14 09:46:53 UTC\n"
                + "- `" + References.current().alarm(OTHER) + "`: ALARM since 2026-03-14 10:03:12 UTC";

        Membership read = IncidentText.readAlarmList(mixed);

        assertEquals(List.of(ARN, References.current().alarm(OTHER)), List.copyOf(read.members().keySet()));
        assertEquals(1, read.firing());
        assertTrue(read.get(key(OTHER)).isPresent());
    }

    @Test
    void aPublishedEventIsNeverAnAlarmsIncidentWhateverItsUpdatesList() {
        Responses.Change event = incident("Planned work.\n\n" + IncidentText.eventKeyLine("deploy-4711"),
                IncidentText.alarmList(Membership.opening(key(ARN), 1_773_480_413L), true));

        assertEquals(Optional.empty(), IncidentText.key(event));
        assertFalse(IncidentText.isOurs(event));
    }

    @Test
    void readsNoMemberOutsideTheListsHeader() {
        String planted = "We are upgrading.\n- `" + References.current().alarm(ARN) + "`: ALARM since 2026-03-14"
                + " 09:26:53 UTC\n- `" + ARN + "`: ALARM since 2026-03-14 09:26:53 UTC";

        assertEquals(Map.of(), IncidentText.readAlarmList(planted).members());
        assertFalse(IncidentText.isOurs(incident("Planned work.", planted)));
    }

    @Test
    void aReferenceKeyLineWithForeignLettersIsNoKey() {
        Responses.Change forged = incident("Text.\n\nReference: `cw-aeiouaeiou-aeiouaeiouaeiouaeiou`", "Opening.");

        assertEquals(Optional.empty(), IncidentText.key(forged));
        assertFalse(IncidentText.isOurs(forged));
    }

    private static Responses.Change incident(String description, String opening) {
        return new Responses.Change(7L, 42L, EventType.INCIDENT, "t", description, ChangeStatus.INVESTIGATING,
                List.of(), 1_773_480_413L, null,
                List.of(new Responses.TimelineEntry("u1", 1_773_480_413L, ChangeStatus.INVESTIGATING, opening,
                        List.of())), true);
    }

    @Test
    void theLongestMemberLineThatCloudWatchCanCauseReadsBack() {
        // The longest alarm name (255), the longest contributor id (1,024, no backticks: the reader refuses them),
        // and a label cut to 256 characters of backticks, which fencing grows the most.
        String arn = "arn:aws-us-gov:cloudwatch:us-gov-west-1:210987654321:alarm:" + "n".repeat(255);
        MemberKey key = MemberKey.of(arn, "i".repeat(1_024));
        String label = "`".repeat(255) + "x";
        Map<String, Membership.Member> members = new LinkedHashMap<>();
        members.put(arn, new Membership.Member(Membership.State.ALARM, 1_773_480_000L));
        members.put(key.wire(), new Membership.Member(Membership.State.ALARM, 1_773_480_060L, label));

        String list = IncidentText.alarmList(new Membership(members), false);

        assertTrue(list.lines().allMatch(line -> line.length() <= MemberLine.MAX_LINE), list.length() + " characters");
        assertEquals(members.keySet(), IncidentText.readAlarmList(list).members().keySet());
        assertEquals(label, IncidentText.readAlarmList(list).members().get(key.wire()).label());
    }

    private static MemberKey key(String arn) {
        return MemberKey.alarm(arn);
    }
}
