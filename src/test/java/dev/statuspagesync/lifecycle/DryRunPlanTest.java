package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.PAGE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.InProcessStatusPage;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.DryRunStatusPage;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.PlannedWrite;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.outcome.Outcome;

/**
 * A dry run takes the real run's path on a page that holds the writes back: on the same page, it answers with
 * exactly the writes a real run makes, body for body and in order, and writes nothing.
 */
class DryRunPlanTest {

    static final Instant AT = Instant.parse("2026-03-14T09:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> WRITES = Set.of(FlashdutyPaths.CREATE_PATH, FlashdutyPaths.TIMELINE_PATH,
            FlashdutyPaths.TIMELINE_UPDATE_PATH, FlashdutyPaths.DELETE_PATH);

    /** What the page holds, the change delivered, and the words the dry run answers with. */
    enum Story {
        OPENS(0, 0, "edge-5xx", AlarmState.ALARM, "dry run: would open an incident for alarm edge-5xx"),
        DELETES_A_DUPLICATE(2, 0, "api-errors", AlarmState.ALARM,
                "dry run: would record that alarm api-errors fires again"),
        RESOLVES(1, 0, "api-errors", AlarmState.OK, "dry run: would resolve: alarm api-errors is OK"),
        RECORDS_A_RECOVERY_IN_THE_QUIET_PERIOD(1, 300, "api-errors", AlarmState.OK, "dry run: would record that"),
        JOINS_AND_RAISES(1, 0, "edge-5xx", AlarmState.ALARM, "dry run: would record that");

        final int incidents;
        final long quietSeconds;
        final String alarm;
        final AlarmState state;
        final String answer;

        Story(int incidents, long quietSeconds, String alarm, AlarmState state, String answer) {
            this.incidents = incidents;
            this.quietSeconds = quietSeconds;
            this.alarm = alarm;
            this.state = state;
            this.answer = answer;
        }

        /** The page with {@link #incidents} incidents opened for api-errors, as the function opens them. */
        FakeFlashduty page() {
            var fake = FakeFlashduty.inMemory(APP_KEY, PAGE_ID, Map.of(API_COMPONENT, "API", DB_COMPONENT,
                    "Database"));
            var firing = DeliveryOrderModelTest.change("api-errors", AlarmState.ALARM, AlarmState.OK, AT,
                    Envelope.SNS);
            var request = IncidentMapper.openIncident(firing,
                    DeliveryOrderModelTest.ROUTER.routeFor(firing).orElseThrow(), AT.getEpochSecond());
            for (int i = 0; i < incidents; i++) {
                fake.handle("POST", FlashdutyPaths.CREATE_PATH, Map.of("app_key", APP_KEY), JSON.valueToTree(request));
            }
            return fake;
        }

        AlarmChange change() {
            return DeliveryOrderModelTest.change(alarm, state, state == AlarmState.OK ? AlarmState.ALARM
                    : AlarmState.OK, AT.plusSeconds(120), Envelope.EVENTBRIDGE);
        }
    }

    @ParameterizedTest
    @EnumSource(Story.class)
    void plansExactlyTheWritesARealRunMakesAndWritesNothing(Story story) {
        FakeFlashduty real = story.page();
        FakeFlashduty dry = story.page();
        int realBefore = real.requests().size();
        int dryBefore = dry.requests().size();

        run(new InProcessStatusPage(real, APP_KEY), story);
        Outcome answer = run(new DryRunStatusPage(new InProcessStatusPage(dry, APP_KEY)), story);

        List<JsonNode> made = writesSince(real, realBefore);
        assertTrue(!made.isEmpty(), "the story writes");
        assertEquals(made, answer.planned().stream().map(call -> {
            assertEquals("POST", call.method());
            return (JsonNode) JSON.createObjectNode().put("path", call.path()).set("body", JSON.valueToTree(call.body()));
        }).toList());
        assertEquals(List.of(), writesSince(dry, dryBefore), "nothing written");
        assertTrue(answer.reason().startsWith(story.answer), answer.reason());
        assertEquals(null, answer.changeId() != null && answer.changeId() < 0 ? answer.changeId() : null,
                "no change id the dry run made up");
    }

    private static Outcome run(StatusPageApi api, Story story) {
        Clock clock = Clock.fixed(AT.plusSeconds(180), ZoneOffset.UTC);
        var executor = new PlanExecutor(DeliveryOrderModelTest.ROUTER, api, new ReadCache(0, clock), clock,
                new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true,
                        new CalmPage(Duration.ofSeconds(story.quietSeconds), false, Set.of())));
        Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
        Outcome answered = executor.apply(story.change(), 0, invocation);
        return executor.finish(invocation, List.of(answered)).get(0);
    }

    private static List<JsonNode> writesSince(FakeFlashduty fake, int index) {
        List<JsonNode> writes = new ArrayList<>();
        for (FakeFlashduty.Recorded request : fake.requests().subList(index, fake.requests().size())) {
            if (WRITES.contains(request.path())) {
                writes.add(JSON.createObjectNode().put("path", request.path()).set("body", request.body()));
            }
        }
        return writes;
    }

    @Test
    void aBatchJoinsTheIncidentItWouldOpenAsOnThePageAndReadsNothingItInvented() {
        FakeFlashduty dry = Story.OPENS.page();
        StatusPageApi page = new DryRunStatusPage(new InProcessStatusPage(dry, APP_KEY));
        Clock clock = Clock.fixed(AT.plusSeconds(180), ZoneOffset.UTC);
        var executor = new PlanExecutor(DeliveryOrderModelTest.ROUTER, page, new ReadCache(0, clock), clock,
                new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true, CalmPage.immediate()));
        Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
        List<Outcome> answered = List.of(
                executor.apply(Story.OPENS.change(), 0, invocation),
                executor.apply(DeliveryOrderModelTest.change("api-errors", AlarmState.ALARM, AlarmState.OK,
                        AT.plusSeconds(150), Envelope.EVENTBRIDGE), 1, invocation));
        List<Outcome> answers = executor.finish(invocation, answered);

        assertEquals("dry run: would open an incident for alarm edge-5xx", answers.get(0).reason());
        assertTrue(answers.get(1).reason().startsWith("dry run: would record that alarm api-errors"),
                answers.get(1).reason());
        assertEquals(null, answers.get(1).changeId(), "no change id the dry run made up");
        assertEquals(List.of(FlashdutyPaths.TIMELINE_UPDATE_PATH), answers.get(1).planned().stream()
                .map(PlannedWrite::path).toList(), "the join is one edit of the incident it would open");
        assertEquals(List.of(), writesSince(dry, 0), "nothing written");
        assertTrue(dry.requests().stream().noneMatch(request -> request.path().equals(FlashdutyPaths.INFO_PATH)),
                "no read of an incident that is not on the page");

        executor.begin(Deadline.in(Duration.ofMinutes(1)));
        assertEquals(List.of(), page.activeIncidents(PAGE_ID, Deadline.in(Duration.ofMinutes(1))),
                "the next invocation plans from the page as it is");
    }
}
