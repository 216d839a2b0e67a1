package dev.statuspagesync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.local.LocalRun.Step;
import dev.statuspagesync.support.Fixtures;

/** The bundled stories tell each step from the settings the function runs with. */
class StoriesTest {

    @Test
    void tellsTheFlappingStoryWithoutAQuietPeriodAsTwoIncidents() {
        List<Step> steps = Stories.flapping(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "0")));

        assertEquals(List.of("created", "resolved", "created", "resolved", "ignored", "ignored"), expected(steps));
        assertEquals("It recovers at 09:01: without a quiet period (STATUSPAGE_RESOLVE_AFTER=0) the incident resolves"
                + " at once (subscribers hear of it).", steps.get(1).meaning());
    }

    @Test
    void tellsTheAwsHealthStoryWithAMaintenanceStillToCome() throws Exception {
        List<Step> immediate = Stories.awsHealth(told(Map.of()));
        List<Step> quiet = Stories.awsHealth(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "5m")));

        assertEquals(List.of("created", "ignored", "resolved", "created", "updated", "ignored"), expected(immediate));
        assertEquals(List.of("created", "ignored", "updated", "created", "updated", "ignored"), expected(quiet));
        JsonNode scheduled = Fixtures.json(Files.readString(Path.of(immediate.get(3).file())));
        Instant start = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(scheduled.path("detail")
                .path("startTime").asText()));
        Instant updated = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(scheduled.path("detail")
                .path("lastUpdatedTime").asText()));
        assertTrue(start.isAfter(Instant.now().plus(Duration.ofDays(2))), "still to come whenever the story runs");
        assertTrue(updated.isBefore(Instant.now()), "a version the function takes as it is, not one from the future");
    }

    @Test
    void tellsTheFlappingStoryWithTheCallersQuietPeriod() {
        List<Step> twoMinutes = Stories.flapping(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "2m")));
        List<Step> fiveMinutes = Stories.flapping(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "5m")));
        List<Step> aDay = Stories.flapping(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "1d")));

        assertEquals("It recovers at 09:01: the recovery is recorded silently; the quiet period of 2 minutes starts.",
                twoMinutes.get(1).meaning());
        assertEquals(List.of("created", "updated", "updated", "updated", "resolved", "ignored"), expected(twoMinutes));
        assertEquals("The sweep of 09:06 finds the quiet period over (09:05) and resolves the incident at 09:03, when"
                + " the alarm last recovered. Flapping cost subscribers two updates: the opening and the resolution.",
                twoMinutes.get(4).meaning());
        assertEquals(List.of("created", "updated", "updated", "updated", "ignored", "resolved"),
                expected(fiveMinutes));
        assertEquals("The sweep of 09:06 finds the quiet period not over (09:08): nothing is written.",
                fiveMinutes.get(4).meaning());
        assertEquals(List.of("created", "updated", "updated", "updated", "ignored", "ignored"), expected(aDay));
        assertEquals("The sweep of 09:08 finds the quiet period still not over (2026-03-15 09:03): a later sweep"
                + " resolves the incident.", aDay.get(5).meaning());
    }

    @Test
    void countsTheMonitoringUpdatesSubscribersHearOf() {
        List<Step> steps = Stories.flapping(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "5m",
                "STATUSPAGE_MONITORING_UPDATE", "true")));

        assertEquals("It recovers at 09:01: the recovery is recorded, and a monitoring update tells subscribers it"
                + " recovered; the quiet period of 5 minutes starts.", steps.get(1).meaning());
        assertEquals("The sweep of 09:08 resolves the incident at 09:03, when the alarm last recovered. Flapping cost"
                + " subscribers five updates: the opening, two monitoring updates, one back to identified, and the"
                + " resolution.", steps.get(5).meaning());
    }

    @Test
    void tellsTheOtherStoriesFromJoiningDeferenceAndReconciliation() {
        assertEquals(List.of("created", "ignored", "created", "resolved", "resolved"),
                expected(Stories.incident(told(Map.of("STATUSPAGE_JOIN_OPEN_INCIDENTS", "false")))));
        assertEquals(List.of("created", "ignored", "updated", "updated", "updated"),
                expected(Stories.incident(told(Map.of("STATUSPAGE_RESOLVE_AFTER", "90s")))));
        assertEquals("checkout-api-high-cpu fires on Public API and Database: STATUSPAGE_DEFER_TO (people) does not"
                + " list published events, so the incident opens on both.",
                Stories.maintenance(told(Map.of("STATUSPAGE_DEFER_TO", "people"))).get(1).meaning());
        assertEquals("The sweep of 09:07 does not read CloudWatch (STATUSPAGE_RECONCILE=false): the page still shows"
                + " the first alarm firing, and the second stays off it.",
                Stories.lost(told(Map.of())).get(3).meaning());
        assertEquals("The sweep of 09:07 reads CloudWatch (DescribeAlarms): the lost recovery is recorded at 09:05 (the"
                + " quiet period of 5 minutes ends at 09:10), and the lost alarm joins that incident, still open.",
                Stories.lost(told(Map.of("STATUSPAGE_RECONCILE", "true", "STATUSPAGE_RESOLVE_AFTER", "5m")))
                        .get(3).meaning());
    }

    @Test
    void saysWhenTheFunctionAnsweredOtherwiseThanTheStoryTells() {
        Step step = Step.expecting("e.json", "updated", "It joins the open incident.");

        assertEquals("It joins the open incident.", LocalRun.toldAs(step, "updated"));
        assertEquals("Your settings change this step: the story tells of 'updated', the function answered 'created'.",
                LocalRun.toldAs(step, "created"));
        assertEquals("Your own event.", LocalRun.toldAs(new Step("e.json", "Your own event."), "created"));
    }

    private static Stories.Told told(Map<String, String> settings) {
        return Stories.Told.from(settings);
    }

    private static List<String> expected(List<Step> steps) {
        return steps.stream().map(Step::expected).toList();
    }
}
