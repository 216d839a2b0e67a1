package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.PAGE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.InProcessStatusPage;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.DryRunStatusPage;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.PlannedWrite;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.References;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * An AWS Health scheduled change on the page, from AWS's samples: announced once as a maintenance from its start to
 * its end that Flashduty advances by its schedule; moved when AWS moves it; completed, or withdrawn before it began,
 * when AWS closes it; deferred to a maintenance a person published on the same components. Time is the test's.
 */
class HealthMaintenancesTest {

    static final String ROUTES = """
            health:
              - name: orders-db
                match: {service: RDS, category: scheduledChange, resources: ["arn:aws:rds:*:db:orders-*"]}
                page_id: %1$d
                components: [%3$s]
                audience: public
            component_names: {%2$s: Public API, %3$s: Database}
            default: {page_id: %1$d, components: [%2$s], audience: public}
            """.formatted(PAGE_ID, API_COMPONENT, DB_COMPONENT);
    static final Router ROUTER = new Router(StatusPageSettings.document(ROUTES));
    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final Instant BEFORE = Instant.parse("2026-12-02T09:00:00Z");
    static final long START = Instant.parse("2026-12-06T06:00:00Z").getEpochSecond();
    static final long END = Instant.parse("2026-12-06T08:00:00Z").getEpochSecond();

    final FakeFlashduty fake = FakeFlashduty.inMemory(APP_KEY, PAGE_ID, Map.of(API_COMPONENT, "Public API",
            DB_COMPONENT, "Database"));

    @Test
    void announcesTheUpcomingChangeAsAMaintenanceThatAdvancesByItsSchedule() {
        Outcome outcome = apply("health-scheduled-change-upcoming.json", BEFORE);

        assertEquals(Outcome.Kind.CREATED, outcome.outcome());
        assertEquals("maintenance announced for AWS Health event AWS_RDS_MAINTENANCE_SCHEDULED (RDS, us-east-1)",
                outcome.reason());
        String key = "health/" + References.current().alarm("arn:aws:health:us-east-1:210987654321:event/RDS/"
                + "AWS_RDS_MAINTENANCE_SCHEDULED/AWS_RDS_MAINTENANCE_SCHEDULED_0c9b8a7d-6e5f-4d3c-b2a1-908f7e6d5c4b")
                + "@" + Instant.parse("2026-12-02T08:00:00Z").getEpochSecond();
        String text = "We will be performing scheduled maintenance on Database.\n\nWindow: 2026-12-06 06:00 UTC to"
                + " 2026-12-06 08:00 UTC.\n\nEvent key: `" + key + "`";
        assertEquals(Fixtures.json("""
                {"page_id": %d, "type": "maintenance", "title": "Scheduled maintenance: Database",
                 "description": %s, "status": "scheduled", "start_at_seconds": %d, "close_at_seconds": %d,
                 "notify_subscribers": true, "auto_update_by_schedule": true,
                 "updates": [{"status": "scheduled", "description": %s,
                              "component_changes": [{"component_id": "%s", "status": "under_maintenance"}]}]}
                """.formatted(PAGE_ID, quoted(text), START, END, quoted(text), DB_COMPONENT)),
                Fixtures.asSent(fake.requests(CREATE).get(0).body()));
    }

    @Test
    void aRepeatedOrOlderDeliveryAnnouncesNothingMore() {
        long id = apply("health-scheduled-change-upcoming.json", BEFORE).changeId();
        apply("health-scheduled-change-rescheduled.json", BEFORE);
        long moved = fake.incidents().get(0).changeId();

        Outcome again = apply("health-scheduled-change-rescheduled.json", BEFORE);
        Outcome older = apply("health-scheduled-change-upcoming.json", BEFORE);

        assertEquals(Outcome.Kind.IGNORED, again.outcome());
        assertEquals("maintenance " + moved + " already records this change of AWS Health event"
                + " AWS_RDS_MAINTENANCE_SCHEDULED (RDS, us-east-1) or a later one", again.reason());
        assertEquals(again.reason(), older.reason(), "the older window does not come back");
        assertTrue(moved != id);
        assertEquals(1, fake.incidents().size());
    }

    @Test
    void aNewerVersionOfTheSameWindowIsRecordedSoThatALateOlderOneChangesNothing() {
        apply("health-scheduled-change-upcoming.json", BEFORE);
        ObjectNode sameWindowLater = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ((ObjectNode) sameWindowLater.path("detail")).put("lastUpdatedTime", "Fri, 4 Dec 2026 10:00:00 GMT");
        ObjectNode movedBetween = (ObjectNode) Fixtures.eventJson("health-scheduled-change-rescheduled.json");

        Outcome recorded = apply(sameWindowLater, BEFORE.plusSeconds(200_000));
        Outcome late = apply(movedBetween, BEFORE.plusSeconds(200_100));

        assertEquals(Outcome.Kind.UPDATED, recorded.outcome());
        assertTrue(recorded.reason().endsWith("already announces the window of AWS Health event"
                + " AWS_RDS_MAINTENANCE_SCHEDULED (RDS, us-east-1); it records this newer version"), recorded.reason());
        assertEquals(List.of(), fake.requests(FlashdutyPaths.TIMELINE_PATH), "an edit, which notifies no one");
        assertEquals(Outcome.Kind.IGNORED, late.outcome(), "the window of 3 December is older than the one of 4");
        assertEquals(START, fake.requests(CREATE).get(fake.requests(CREATE).size() - 1).body()
                .path("start_at_seconds").asLong());
        assertEquals(1, fake.requests(CREATE).size());
    }

    @Test
    void movesAMaintenanceNotYetBegunToItsNewWindow() {
        long first = apply("health-scheduled-change-upcoming.json", BEFORE).changeId();

        Outcome moved = apply("health-scheduled-change-rescheduled.json", BEFORE);

        assertEquals(Outcome.Kind.UPDATED, moved.outcome());
        assertEquals("maintenance " + first + " moved to its new window: 2026-12-13 06:00 UTC to 2026-12-13 08:00"
                + " UTC", moved.reason());
        assertEquals(List.of(moved.changeId()), fake.incidents().stream().map(FakeFlashduty.Incident::changeId)
                .toList(), "the first announcement is deleted, a maintenance cannot change its times");
        JsonNode create = fake.requests(CREATE).get(1).body();
        assertEquals(Instant.parse("2026-12-13T06:00:00Z").getEpochSecond(), create.path("start_at_seconds").asLong());
        assertEquals(Instant.parse("2026-12-13T08:00:00Z").getEpochSecond(), create.path("close_at_seconds").asLong());
    }

    @Test
    void tellsAMaintenanceUnderWayItsNewEnd() {
        long id = apply("health-scheduled-change-upcoming.json", Instant.parse("2026-12-06T06:30:00Z")).changeId();
        ObjectNode later = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ((ObjectNode) later.path("detail")).put("endTime", "Sun, 6 Dec 2026 09:30:00 GMT")
                .put("lastUpdatedTime", "Sun, 6 Dec 2026 07:15:00 GMT");

        Outcome extended = apply(later, Instant.parse("2026-12-06T07:20:00Z"));

        assertEquals("ongoing", fake.requests(CREATE).get(0).body().path("status").asText(), "announced in its window");
        assertEquals(Outcome.Kind.UPDATED, extended.outcome());
        assertEquals("maintenance " + id + " under way: told its new end (2026-12-06 09:30 UTC)", extended.reason());
        var update = fake.incidents().get(0).updates().get(1);
        assertEquals("ongoing", update.status());
        assertTrue(update.description().startsWith("The maintenance of Database is now expected to end at 2026-12-06"
                + " 09:30 UTC.\n\nEvent key: `health/"), update.description());
    }

    @Test
    void tellsAMaintenanceWhoseWindowBeganItsNewEndThoughItWasNeverAdvanced() {
        ObjectNode noEnd = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ((ObjectNode) noEnd.path("detail")).remove("endTime");
        long id = apply(noEnd, BEFORE).changeId();
        ObjectNode ending = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ((ObjectNode) ending.path("detail")).put("lastUpdatedTime", "Sun, 6 Dec 2026 07:00:00 GMT");

        Outcome told = apply(ending, Instant.parse("2026-12-06T07:01:00Z"));

        assertEquals(Outcome.Kind.UPDATED, told.outcome());
        assertEquals("maintenance " + id + " under way: told its new end (2026-12-06 08:00 UTC)", told.reason());
        assertEquals(List.of(id), fake.incidents().stream().map(FakeFlashduty.Incident::changeId).toList(),
                "not deleted: its window began");
        assertEquals("ongoing", fake.incidents().get(0).status());
    }

    @Test
    void completesTheMaintenanceUnderWayWhenAwsClosesTheChange() {
        apply("health-scheduled-change-rescheduled.json", Instant.parse("2026-12-13T06:05:00Z"));

        Outcome closed = apply("health-scheduled-change-closed.json", Instant.parse("2026-12-13T07:41:00Z"));

        assertEquals(Outcome.Kind.RESOLVED, closed.outcome());
        var maintenance = fake.incidents().get(0);
        assertEquals("completed", maintenance.status());
        assertEquals(Map.of(DB_COMPONENT, "operational"), maintenance.components());
        assertTrue(maintenance.updates().get(1).description().startsWith("The scheduled maintenance of Database has"
                + " been completed."), maintenance.updates().get(1).description());
    }

    @Test
    void withdrawsTheMaintenanceWhenAwsClosesTheChangeBeforeItsWindow() {
        long id = apply("health-scheduled-change-rescheduled.json", BEFORE).changeId();

        Outcome closed = apply("health-scheduled-change-closed.json", Instant.parse("2026-12-04T10:00:00Z"));

        assertEquals(Outcome.Kind.RESOLVED, closed.outcome());
        assertEquals("maintenance " + id + " withdrawn: AWS closed AWS Health event AWS_RDS_MAINTENANCE_SCHEDULED"
                + " (RDS, us-east-1) before its window began", closed.reason());
        assertEquals(List.of(), fake.incidents());
    }

    @Test
    void completesAMaintenanceWhoseWindowBeganThoughItWasNeverAdvanced() {
        ObjectNode noEnd = (ObjectNode) Fixtures.eventJson("health-scheduled-change-rescheduled.json");
        ((ObjectNode) noEnd.path("detail")).remove("endTime");
        apply(noEnd, BEFORE);

        Outcome closed = apply("health-scheduled-change-closed.json", Instant.parse("2026-12-13T07:41:00Z"));

        assertEquals(Outcome.Kind.RESOLVED, closed.outcome(), "without an end Flashduty never advanced it");
        assertEquals("completed", fake.incidents().get(0).status());
    }

    @Test
    void aClosedChangeWithoutItsMaintenanceChangesNothing() {
        Outcome closed = apply("health-scheduled-change-closed.json", Instant.parse("2026-12-13T07:41:00Z"));

        assertEquals(Outcome.Kind.IGNORED, closed.outcome());
        assertEquals("no maintenance of AWS Health event AWS_RDS_MAINTENANCE_SCHEDULED (RDS, us-east-1) is active on"
                + " the page", closed.reason());
        assertEquals(List.of(), fake.requests(CREATE));
    }

    @Test
    void defersToAMaintenanceAPersonPublishedOnTheSameComponents() {
        long theirs = ByHandInProcess.maintenance(fake, DB_COMPONENT, START - 3600, END + 3600);

        Outcome outcome = apply("health-scheduled-change-upcoming.json", BEFORE);

        assertEquals(Outcome.Kind.IGNORED, outcome.outcome());
        assertEquals("deferred: every component of AWS Health event AWS_RDS_MAINTENANCE_SCHEDULED (RDS, us-east-1)"
                + " is under maintenance " + theirs + " (\"Database upgrade\")", outcome.reason());
        assertEquals(1, fake.requests(CREATE).size(), "the person's maintenance alone");
    }

    @Test
    void announcesBesideAPersonsMaintenanceOfAnotherWindow() {
        ByHandInProcess.maintenance(fake, DB_COMPONENT, END + 86_400, END + 90_000);

        assertEquals(Outcome.Kind.CREATED, apply("health-scheduled-change-upcoming.json", BEFORE).outcome());
    }

    @Test
    void aChangeNoHealthRuleTakesStaysOffThePage() {
        ObjectNode ledger = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ledger.putArray("resources").add("arn:aws:rds:us-east-1:210987654321:db:ledger");
        ((ObjectNode) ledger.path("detail")).putArray("affectedEntities");

        Outcome outcome = apply(ledger, BEFORE);

        assertEquals(Outcome.Kind.IGNORED, outcome.outcome());
        assertEquals("no health rule of the routing document matches AWS Health event AWS_RDS_MAINTENANCE_SCHEDULED",
                outcome.reason());
    }

    @Test
    void aDryRunAnswersWithTheAnnouncementAndWritesNothing() {
        Outcome outcome = apply(Fixtures.eventJson("health-scheduled-change-upcoming.json"), BEFORE, true);

        assertEquals(Outcome.Kind.CREATED, outcome.outcome());
        assertEquals("dry run: would write: maintenance announced for AWS Health event AWS_RDS_MAINTENANCE_SCHEDULED"
                + " (RDS, us-east-1)", outcome.reason());
        assertEquals(List.of(FlashdutyPaths.CREATE_PATH), outcome.planned().stream().map(PlannedWrite::path).toList());
        assertEquals(List.of(), fake.requests(CREATE));
    }

    private Outcome apply(String fixture, Instant now) {
        return apply(Fixtures.eventJson(fixture), now);
    }

    private Outcome apply(JsonNode event, Instant now) {
        return apply(event, now, false);
    }

    private Outcome apply(JsonNode event, Instant now, boolean dryRun) {
        AlarmChange change = assertInstanceOf(Inbound.Alarm.class, new EnvelopeReader(Fixtures.JSON).read(event)
                .get(0)).change();
        fake.useClock(Clock.fixed(now, ZoneOffset.UTC));
        StatusPageApi page = new InProcessStatusPage(fake, APP_KEY);
        var maintenances = new HealthMaintenances(ROUTER, dryRun ? new DryRunStatusPage(page) : page,
                Clock.fixed(now, ZoneOffset.UTC), CalmPage.of(StatusPageSettings.document(ROUTES)
                        .withCalm("0", List.of("people", "maintenance"))));
        return maintenances.apply(change, Deadline.in(Duration.ofMinutes(1)));
    }

    private static String quoted(String text) {
        return Fixtures.JSON.getNodeFactory().textNode(text).toString();
    }

    /** A maintenance a person published on the page, as the create API takes it. */
    static final class ByHandInProcess {

        static long maintenance(FakeFlashduty fake, String component, long start, long close) {
            JsonNode answer = fake.handle("POST", FlashdutyPaths.CREATE_PATH, Map.of("app_key", APP_KEY),
                    Fixtures.json("""
                            {"page_id": %d, "type": "maintenance", "title": "Database upgrade",
                             "description": "Upgrading the database.", "status": "scheduled",
                             "start_at_seconds": %d, "close_at_seconds": %d,
                             "updates": [{"status": "scheduled", "description": "Upgrading the database.",
                               "component_changes": [{"component_id": "%s", "status": "under_maintenance"}]}]}
                            """.formatted(PAGE_ID, start, close, component)));
            return answer.path("data").path("change_id").asLong();
        }
    }
}
