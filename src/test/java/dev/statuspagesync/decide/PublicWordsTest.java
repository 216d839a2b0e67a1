package dev.statuspagesync.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.KnownIncident;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.References;
import dev.statuspagesync.routing.Audience;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Wording;
import dev.statuspagesync.support.Fixtures;

/**
 * A public page's words come from templates, never from the alarm: for every fixture, the title and every update
 * are the same as for an alarm that carries nothing, and none holds an account id, an ARN, a console link or a
 * Markdown link. The key line and the alarm list, the function's own bookkeeping, name the alarm by its opaque
 * reference alone.
 */
public class PublicWordsTest {

    static final String API = "01KC3GAZ6ZJE40H55GM31RPWZE";
    static final String DB = "01KC3GB1TQ2W7N7A4ZJ9X0Y8CD";
    static final Wording PUBLIC = Wording.defaults(Audience.PUBLIC).withNames(Map.of(API, "Checkout API",
            DB, "Orders database"));
    static final Route ROUTE = new Route("checkout", 5750613685214L, List.of(API, DB),
            Map.of(AlarmState.ALARM, ComponentStatus.DEGRADED, AlarmState.INSUFFICIENT_DATA,
                    ComponentStatus.PARTIAL_OUTAGE), PUBLIC, true);
    static final long AT = Instant.parse("2026-03-14T09:30:00Z").getEpochSecond();
    static final Pattern ACCOUNT_ID = Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

    @Test
    void opensWithCustomerSentencesAndTheComponentsNames() {
        AlarmChange alarm = alarms("sns-single-metric-alarm.json").get(0);

        Requests.CreateChange create = IncidentMapper.openIncident(alarm, ROUTE, AT);

        assertEquals("Checkout API and Orders database: degraded performance", create.title());
        assertEquals("We are investigating an issue affecting Checkout API and Orders database (degraded"
                + " performance).", bodyOf(create.description()));
        assertEquals("We are investigating an issue affecting Checkout API and Orders database (degraded"
                + " performance).", listHead(create.updates().get(0).description()));
    }

    @Test
    void namesNoComponentItHasNoNameFor() {
        Route unnamed = new Route("checkout", 1L, List.of(API), Map.of(AlarmState.ALARM,
                ComponentStatus.FULL_OUTAGE), Wording.defaults(Audience.PUBLIC), true);

        Requests.CreateChange create = IncidentMapper.openIncident(alarms("sns-single-metric-alarm.json").get(0),
                unnamed, AT);

        assertEquals("Our services: major outage", create.title());
    }

    @Test
    void takesComponentNamesFlashdutyGivesWithTheIncident() {
        Route unnamed = ROUTE.withComponents(List.of(API));
        Route plain = new Route(unnamed.name(), unnamed.pageId(), unnamed.componentIds(), unnamed.impacts(),
                Wording.defaults(Audience.PUBLIC), true);
        AlarmChange alarm = alarms("sns-single-metric-alarm.json").get(0);
        Responses.Change opened = KnownIncident.opened(7L, IncidentMapper.openIncident(alarm, plain, AT));
        Responses.Change named = new Responses.Change(opened.changeId(), opened.pageId(), opened.type(),
                opened.title(), opened.description(), opened.status(), List.of(new Responses.AffectedComponent(API,
                        "Web Console", ComponentStatus.DEGRADED)), opened.startAtSeconds(), null, opened.updates(),
                true);

        Requests.CreateTimeline resolution = IncidentMapper.resolveIncident(recovered(alarm), named, plain, AT + 60);

        assertEquals("This incident has been resolved. Service is operating normally for Web Console.",
                resolution.description());
    }

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/events"))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixturesPublicTextIsThatOfAnAlarmThatSaysNothing(String fixture) {
        for (AlarmChange alarm : alarms(fixture)) {
            List<String> words = publicWords(alarm);

            assertEquals(publicWords(blank(alarm)), words, fixture + ": the alarm's own text reached the page");
            for (String text : words) {
                assertFalse(ACCOUNT_ID.matcher(text).find(), fixture + ": an account id in " + text);
                assertFalse(text.contains("arn:"), fixture + ": an ARN in " + text);
                assertFalse(text.contains("console.aws") || text.contains("console.amazonaws"),
                        fixture + ": a console link in " + text);
                assertFalse(text.contains("]("), fixture + ": a Markdown link in " + text);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixturesBookkeepingNamesItsAlarmByReferenceAlone(String fixture) {
        for (AlarmChange alarm : alarms(fixture)) {
            Requests.CreateChange create = IncidentMapper.openIncident(alarm, ROUTE, AT);

            checkBookkeeping(alarm, create);
            for (String text : List.of(create.description(), create.updates().get(0).description())) {
                assertFalse(ACCOUNT_ID.matcher(text).find(), fixture + ": an account id in " + text);
                assertFalse(text.contains("arn:") || text.contains(alarm.name()), fixture + ": the alarm in " + text);
            }
        }
    }

    @Test
    void theFixturesHoldAlarms() throws IOException {
        long alarms = fixtures().mapToLong(fixture -> alarms(fixture).size()).sum();
        assertTrue(alarms >= 15, "alarms read from the fixtures: " + alarms);
    }

    /**
     * Every text subscribers read of an incident of {@code alarm}: the title, the description and opening update
     * without the bookkeeping, a raised impact, the return of an alarm, the monitoring update, both resolutions.
     */
    public static List<String> publicWords(AlarmChange alarm) {
        List<String> words = new ArrayList<>();
        Requests.CreateChange create = IncidentMapper.openIncident(alarm, ROUTE, AT);
        words.add(create.title());
        words.add(bodyOf(create.description()));
        words.add(listHead(create.updates().get(0).description()));
        Responses.Change opened = KnownIncident.opened(7L, create);
        Responses.Change onApiOnly = new Responses.Change(7L, opened.pageId(), opened.type(), opened.title(),
                opened.description(), ChangeStatus.MONITORING, List.of(new Responses.AffectedComponent(API, null,
                        ComponentStatus.OPERATIONAL)), opened.startAtSeconds(), null, List.of(
                                new Responses.TimelineEntry("u1", AT, ChangeStatus.INVESTIGATING,
                                        create.updates().get(0).description(), List.of())), true);
        IncidentMapper.raiseImpact(alarm, onApiOnly, ROUTE, AT + 30)
                .ifPresent(raise -> words.add(raise.description()));
        words.add(IncidentMapper.reopenIncident(alarm, onApiOnly, ROUTE, AT + 40).description());
        words.add(IncidentMapper.resolveIncident(recovered(alarm), opened, ROUTE, AT + 60).description());
        Responses.Change listed = KnownIncident.withMembers(onApiOnly, new Membership(Map.of(alarm.memberKey().wire(),
                new Membership.Member(Membership.State.OK, AT + 50))), Audience.PUBLIC);
        words.add(IncidentMapper.monitorIncident(listed, ROUTE.pageId(), PUBLIC).description());
        words.add(IncidentMapper.resolveQuietIncident(listed, ROUTE.pageId(), PUBLIC, AT + 50, Duration.ofMinutes(5))
                .description());
        return words;
    }

    /** The same change of an alarm that carries no text: what a public page may show of any alarm. */
    public static AlarmChange blank(AlarmChange alarm) {
        return AlarmChange.of("x", "arn:aws:cloudwatch:us-east-1:000000000000:alarm:x", alarm.newState())
                .account("000000000000").region("us-east-1").at(alarm.stateTime()).via(Envelope.SNS).build();
    }

    private static AlarmChange recovered(AlarmChange alarm) {
        return alarm.toBuilder().state(AlarmState.OK).previous(alarm.newState()).suppressed(false).mutedBy(null)
                .deleted(false).build();
    }

    static List<AlarmChange> alarms(String fixture) {
        List<AlarmChange> alarms = new ArrayList<>();
        for (Inbound item : new EnvelopeReader(Fixtures.JSON).read(Fixtures.eventJson(fixture))) {
            if (item instanceof Inbound.Alarm alarm && alarm.change().newState() != AlarmState.OK) {
                alarms.add(alarm.change());
            }
        }
        return alarms;
    }

    /** The description without its last paragraph, the key line. */
    private static String bodyOf(String description) {
        int key = description.lastIndexOf("\n\n" + IncidentText.REFERENCE_PREFIX);
        return key < 0 ? description : description.substring(0, key);
    }

    /**
     * The bookkeeping of a public incident of {@code alarm}, as it is written: the key line and the alarm list,
     * each naming the member by its reference alone.
     */
    static void checkBookkeeping(AlarmChange alarm, Requests.CreateChange create) {
        String reference = References.current().member(alarm.memberKey());
        String description = create.description();
        assertEquals(IncidentText.REFERENCE_PREFIX + "`" + References.current().alarm(alarm.arn()) + "`",
                description.substring(description.lastIndexOf('\n') + 1), "the key line");
        String opening = create.updates().get(0).description();
        assertEquals(IncidentText.ALARM_LIST_HEADER + "\n- `" + reference + "`: ALARM"
                + " since 2026-03-14 09:30:00 UTC", opening.substring(opening.indexOf(IncidentText.ALARM_LIST_HEADER))
                        .replaceAll("since .* UTC", "since 2026-03-14 09:30:00 UTC"), "the alarm list");
        Responses.Change opened = KnownIncident.opened(7L, create);
        Responses.Change withTimeline = new Responses.Change(7L, opened.pageId(), opened.type(), opened.title(),
                opened.description(), opened.status(), opened.affectedComponents(), opened.startAtSeconds(), null,
                List.of(new Responses.TimelineEntry("u1", AT, ChangeStatus.INVESTIGATING, opening, List.of())), true);
        assertTrue(IncidentMapper.isOpenedFor(withTimeline, alarm), "the incident is found again by its reference");
        assertTrue(IncidentText.members(withTimeline).get(alarm.memberKey()).isPresent(), "the member is found");
    }

    /** The opening update without the alarm list. */
    private static String listHead(String update) {
        int list = update.indexOf(IncidentText.ALARM_LIST_HEADER);
        return (list < 0 ? update : update.substring(0, list)).strip();
    }
}
