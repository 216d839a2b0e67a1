package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.PAGE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.InProcessStatusPage;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.Refusals;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.outcome.Outcome;

/**
 * The repair of a duplicate ends by what the page shows, whatever a delete answers: Flashduty documents no answer
 * for deleting an event that is gone.
 */
class DeleteRepairTest {

    static final Instant AT = Instant.parse("2026-03-14T09:00:00Z");

    final FakeFlashduty fake = FakeFlashduty.inMemory(APP_KEY, PAGE_ID, Map.of(API_COMPONENT, "API", DB_COMPONENT,
            "Database"));

    @Test
    void countsADeleteRefusedAsDeletedWhenThePageNoLongerListsTheIncident() {
        long kept = openIncident();
        long duplicate = openIncident();

        Outcome outcome = apply(new DeletesThenRefuses(new InProcessStatusPage(fake, APP_KEY), true));

        assertEquals(new Outcome(Outcome.Kind.IGNORED, "incident " + kept + " is already open for this alarm", kept),
                outcome);
        assertEquals(List.of(kept), fake.incidents().stream().map(FakeFlashduty.Incident::changeId).toList());
        assertEquals(true, duplicate > kept);
    }

    @Test
    void failsWhenTheRefusedDeleteLeftTheIncidentOnThePage() {
        openIncident();
        openIncident();

        Outcome outcome = apply(new DeletesThenRefuses(new InProcessStatusPage(fake, APP_KEY), false));

        assertEquals(Outcome.Kind.REJECTED, outcome.outcome());
        assertEquals(2, fake.incidents().size());
    }

    private long openIncident() {
        var alarm = DeliveryOrderModelTest.change("api-errors", AlarmState.ALARM, AlarmState.OK, AT, Envelope.SNS);
        var request = IncidentMapper.openIncident(alarm, DeliveryOrderModelTest.ROUTER.routeFor(alarm).orElseThrow(),
                AT.getEpochSecond());
        return fake.handle("POST", FlashdutyPaths.CREATE_PATH, Map.of("app_key", APP_KEY),
                new ObjectMapper().valueToTree(request)).path("data").path("change_id").asLong();
    }

    private Outcome apply(StatusPageApi api) {
        Clock clock = Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC);
        var executor = new PlanExecutor(DeliveryOrderModelTest.ROUTER, api, new ReadCache(0, clock), clock,
                new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true));
        Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
        Outcome outcome = executor.apply(DeliveryOrderModelTest.change("api-errors", AlarmState.ALARM, AlarmState.OK,
                AT, Envelope.EVENTBRIDGE), 0, invocation);
        return executor.finish(invocation, List.of(outcome)).get(0);
    }

    /** Flashduty as a lost answer leaves it: the delete is done (or not), and its retry is refused. */
    record DeletesThenRefuses(InProcessStatusPage page, boolean deletes) implements StatusPageApi {

        @Override
        public void deleteChange(long pageId, long changeId, Deadline deadline) {
            if (deletes) {
                page.deleteChange(pageId, changeId, deadline);
            }
            throw Refusals.rejected("InvalidParameter", "change_id is not a change of this page");
        }

        @Override
        public long createChange(Requests.CreateChange request, Predicate<Responses.Change> isOurs,
                Deadline deadline) {
            return page.createChange(request, isOurs, deadline);
        }

        @Override
        public String addUpdate(Requests.CreateTimeline request, Deadline deadline) {
            return page.addUpdate(request, deadline);
        }

        @Override
        public void editUpdate(Requests.UpdateTimeline request, Deadline deadline) {
            page.editUpdate(request, deadline);
        }

        @Override
        public List<Responses.Change> activeEvents(long pageId, EventType type, Deadline deadline) {
            return page.activeEvents(pageId, type, deadline);
        }

        @Override
        public List<Responses.Change> events(long pageId, EventType type, ChangeStatus status, long sinceSeconds,
                Deadline deadline) {
            return page.events(pageId, type, status, sinceSeconds, deadline);
        }

        @Override
        public Responses.Change change(long pageId, long changeId, Deadline deadline) {
            return page.change(pageId, changeId, deadline);
        }
    }
}
