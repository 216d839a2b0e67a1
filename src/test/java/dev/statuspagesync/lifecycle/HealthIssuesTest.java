package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.inbound.HealthEventsTest;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.ByHand;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An AWS Health issue through the handler, as an alarm goes: it opens an incident on the components its health
 * rule names, a repeat finds it, its close is a recovery that the quiet period resolves, a reordered open is stale,
 * and a person's incident on its components is deferred to. An issue no health rule takes stays off the page.
 */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class HealthIssuesTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final String SUBJECT = "AWS Health event AWS_EC2_OPERATIONAL_ISSUE (EC2, us-east-1)";

    @Test
    void anOpenIssueOpensAnIncidentOnItsRulesComponents() {
        JsonNode answer = Lambda.answer(Fixtures.event("health-issue-open.json"));

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals("incident opened for " + SUBJECT, answer.path("reason").asText());
        JsonNode create = fake().requests(CREATE).get(0).body();
        assertEquals(Fixtures.json("[{\"component_id\":\"" + API_COMPONENT + "\",\"status\":\"degraded\"}]"),
                create.path("updates").get(0).path("component_changes"));
        assertEquals("AWS_EC2_OPERATIONAL_ISSUE", create.path("title").asText(), "the internal page's title");
        assertTrue(create.path("description").asText().startsWith("AWS Health event **AWS\\_EC2\\_OPERATIONAL\\_ISSUE**"
                + " (EC2) is open since 2026-12-01 09:52:00 UTC."), create.path("description").asText());
        assertEquals(1796118720L, create.path("start_at_seconds").asLong());
    }

    @Test
    void aRepeatedOpenFindsItsIncident() {
        long id = Lambda.answer(Fixtures.event("health-issue-open.json")).path("change_id").asLong();

        JsonNode again = Lambda.answer(Fixtures.event("health-issue-open.json"));

        assertEquals("ignored", again.path("outcome").asText());
        assertEquals("incident " + id + " is already open for this AWS Health event", again.path("reason").asText());
        assertEquals(1, fake().requests(CREATE).size());
    }

    @Test
    void theClosedIssueRecoversAndTheSweepResolvesAfterTheQuietPeriod() {
        long id = Lambda.answer(Fixtures.event("health-issue-open.json")).path("change_id").asLong();

        JsonNode closed = Lambda.answer(Fixtures.event("health-issue-closed.json"));
        JsonNode early = Lambda.answer(AlarmEvents.sweep("2026-12-01T11:11:59Z"));
        JsonNode due = Lambda.answer(AlarmEvents.sweep("2026-12-01T11:12:00Z"));

        assertEquals("updated", closed.path("outcome").asText());
        assertEquals(SUBJECT + " closed; incident " + id + " resolves at 2026-12-01T11:12:00Z unless an alarm"
                + " fires again", closed.path("reason").asText());
        assertEquals("ignored", early.path("outcome").asText());
        assertEquals("resolved", due.path("outcome").asText());
        var incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(Map.of(API_COMPONENT, "operational"), incident.components());
        String resolution = incident.updates().get(incident.updates().size() - 1).description();
        assertTrue(resolution.startsWith("Resolved: AWS Health event AWS\\_EC2\\_OPERATIONAL\\_ISSUE closed at"
                + " 2026-12-01 11:07:00 UTC, and every alarm has stayed recovered for 5 minutes."), resolution);
    }

    @Test
    void anOpenDeliveredAfterTheCloseIsStale() {
        long id = Lambda.answer(Fixtures.event("health-issue-open.json")).path("change_id").asLong();
        Lambda.answer(Fixtures.event("health-issue-closed.json"));
        ObjectNode update = (ObjectNode) Fixtures.eventJson("health-issue-open.json");
        ((ObjectNode) update.path("detail")).put("lastUpdatedTime", "Tue, 1 Dec 2026 10:30:00 GMT");

        JsonNode late = Lambda.answer(update.toString());

        assertEquals("ignored", late.path("outcome").asText());
        assertEquals("stale: incident " + id + " already records a change of this alarm at 2026-12-01T11:07:00Z,"
                + " newer than this one", late.path("reason").asText());
    }

    @Test
    void theMembersIssueTakesTheOrganizationsRule() {
        JsonNode answer = Lambda.answer(Fixtures.event("health-organizational-issue.json"));

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals(Fixtures.json("[{\"component_id\":\"" + API_COMPONENT + "\",\"status\":\"partial_outage\"},"
                + "{\"component_id\":\"" + DB_COMPONENT + "\",\"status\":\"partial_outage\"}]"),
                fake().requests(CREATE).get(0).body().path("updates").get(0).path("component_changes"));
        assertTrue(fake().requests(CREATE).get(0).body().path("description").asText()
                .contains("**Account:** 321098765432"), "the affected account, not the one that received it");
    }

    @Test
    void anIssueNoHealthRuleTakesStaysOffThePage() {
        ObjectNode other = (ObjectNode) Fixtures.eventJson("health-organizational-issue.json");
        ((ObjectNode) other.path("detail")).put("affectedAccount", "210987654321");

        JsonNode answer = Lambda.answer(other.toString());

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("no health rule of the routing document matches AWS Health event"
                + " AWS_ELASTICLOADBALANCING_OPERATIONAL_ISSUE", answer.path("reason").asText());
        assertEquals(List.of(), fake().requests(CREATE));
    }

    @Test
    void anIssueDefersToAPersonsIncidentOnItsComponents() {
        long theirs = ByHand.open("published/incident-by-a-person.json");

        JsonNode answer = Lambda.answer(Fixtures.event("health-issue-open.json"));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals("deferred: every component of " + SUBJECT + " is covered by incident " + theirs
                + " (\"Checkout is slow\")", answer.path("reason").asText());
        assertEquals(1, fake().requests(CREATE).size(), "the person's incident alone");
    }

    @Test
    void aHealthEventPublishedToTheAlarmTopicOpensNothing() {
        JsonNode answer = Lambda.answer(AlarmEvents.onTheAlarmTopic(Fixtures.event("health-issue-open.json")));

        assertEquals("ignored", answer.path("outcome").asText());
        assertEquals(HealthEventsTest.REFUSED, answer.path("reason").asText());
        assertEquals(List.of(), fake().requests(CREATE));
    }
}
