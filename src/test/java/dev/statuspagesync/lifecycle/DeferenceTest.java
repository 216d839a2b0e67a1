package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.ByHand;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * STATUSPAGE_DEFER_TO's default (people, maintenance): an alarm opens no incident beside a person's incident or a
 * maintenance in progress on its components, and opens one on the components they leave uncovered; an event
 * published through the function is no person's and hides no alarm.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class DeferenceTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;

    @Test
    void opensNothingBesideAPersonsIncidentOnEveryComponent() {
        long theirs = ByHand.open("published/incident-by-a-person.json");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:10:00.000+0000"));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("deferred: every component of alarm " + AlarmEvents.NAME + " is covered by incident " + theirs
                + " (\"Checkout is slow\")", answer.path("reason").asText());
        assertEquals(1, fake().requests(CREATE).size(), "the person's incident alone");
    }

    @Test
    void opensOnTheComponentsAMaintenanceInProgressLeavesUncovered() {
        long maintenance = ByHand.open("published/maintenance-in-progress.json");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:10:00.000+0000"));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals("incident opened for alarm " + AlarmEvents.NAME + "; components "
                + FakeFlashdutyResource.DB_COMPONENT + " deferred to maintenance " + maintenance
                + " (\"Database failover test\")", answer.path("reason").asText());
        JsonNode create = fake().requests(CREATE).get(1).body();
        assertEquals(Fixtures.json("[{\"component_id\":\"" + API_COMPONENT + "\",\"status\":\"partial_outage\"}]"),
                create.path("updates").get(0).path("component_changes"));
    }

    @Test
    void theRecoveryOfADeferredAlarmIsIgnored() {
        ByHand.open("published/incident-by-a-person.json");
        Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:10:00.000+0000"));

        JsonNode answer = Lambda.answer(AlarmEvents.sns("OK", "ALARM", "2026-03-14T09:20:00.000+0000"));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("no open incident for this alarm", answer.path("reason").asText());
        assertEquals("investigating", fake().incidents().get(0).status(), "the person's incident is theirs to close");
    }

    @Test
    void anAlarmJoinsAnIncidentOfOursThatAPersonsIncidentCameAfter() {
        long ours = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:10:00.000+0000"))
                .path("change_id").asLong();
        ByHand.open("published/incident-by-a-person.json");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("orders-5xx", "ALARM", "OK", "2026-03-14T09:12:00.000+0000"));

        assertEquals("updated", answer.path("outcome").asText());
        assertEquals(ours, answer.path("change_id").asLong());
        assertEquals(2, fake().requests(CREATE).size(), "ours and the person's");
    }

    @Test
    void anIncidentPublishedThroughTheFunctionHidesNoAlarm() {
        long published = publish("published/incident-by-a-person.json");

        JsonNode answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:10:00.000+0000"));

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertNotEquals(published, answer.path("change_id").asLong());
        assertEquals(2, fake().requests(CREATE).size(), "the published incident and the alarm's");
    }

    private static long publish(String resource) {
        JsonNode answer = Lambda.answer(Fixtures.read(resource));
        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        return answer.path("change_id").asLong();
    }
}
