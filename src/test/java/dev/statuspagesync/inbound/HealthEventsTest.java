package dev.statuspagesync.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.HealthEvent;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;

/**
 * AWS Health events read as changes keyed by their event ARN and affected account; every category and status the
 * page does not use, and every event it cannot trust or read, skipped with its reason.
 */
public class HealthEventsTest {

    private static final String EC2_EVENT = "arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/"
            + "AWS_EC2_OPERATIONAL_ISSUE_5e1d2c3b-7a8f-4b6e-9c0d-1f2a3b4c5d6e";

    public static final String REFUSED = "an AWS Health event in an SNS or SQS message is refused: only the Health rule's"
            + " own invocation brings one, and anyone who may publish to a topic or send to a queue could write it";

    private final EnvelopeReader reader = new EnvelopeReader(Fixtures.JSON);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            health-issue-open.json                   | ALARM | issue           | open     | 210987654321 | us-east-1 | 2026-12-01T09:52:00Z
            health-issue-closed.json                 | OK    | issue           | closed   | 210987654321 | us-east-1 | 2026-12-01T11:07:00Z
            health-scheduled-change-upcoming.json    | ALARM | scheduledChange | upcoming | 210987654321 | us-east-1 | 2026-12-02T08:00:00Z
            health-scheduled-change-rescheduled.json | ALARM | scheduledChange | upcoming | 210987654321 | us-east-1 | 2026-12-03T15:30:00Z
            health-scheduled-change-closed.json      | OK    | scheduledChange | closed   | 210987654321 | us-east-1 | 2026-12-13T07:40:00Z
            health-organizational-issue.json         | ALARM | issue           | open     | 321098765432 | eu-west-1 | 2026-12-04T14:11:00Z
            """)
    void readsEachSampleAsAChangeOfItsEventInTheAffectedAccount(String fixture, AlarmState state, String category,
            String status, String account, String region, String version) {
        AlarmChange change = onlyChange(Fixtures.eventJson(fixture));

        assertEquals(Envelope.HEALTH, change.envelope());
        assertEquals(state, change.newState());
        assertEquals(category, change.health().category());
        assertEquals(status, change.health().status());
        assertEquals(account, change.accountId());
        assertEquals(region, change.region());
        assertEquals(Instant.parse(version), change.stateTime(), "lastUpdatedTime orders the event's versions");
        String eventArn = Fixtures.eventJson(fixture).path("detail").path("eventArn").asText();
        assertEquals(eventArn.replace("::event/", ":" + account + ":event/"), change.arn());
        assertEquals(eventArn, change.health().eventArn());
    }

    @Test
    void readsTheOpenIssuesFacts() {
        AlarmChange change = onlyChange(Fixtures.eventJson("health-issue-open.json"));

        assertEquals(new HealthEvent(EC2_EVENT, "EC2", "AWS_EC2_OPERATIONAL_ISSUE", "issue", "open",
                Instant.parse("2026-12-01T09:41:00Z"), null, List.of()), change.health());
        assertEquals("AWS_EC2_OPERATIONAL_ISSUE", change.name());
        assertEquals("We are investigating increased API error rates and latencies for the RunInstances API in the"
                + " US-EAST-1 Region. Existing instances are not affected.", change.reason());
    }

    @Test
    void readsTheScheduledChangesWindowAndItsResourcesOnce() {
        HealthEvent event = onlyChange(Fixtures.eventJson("health-scheduled-change-rescheduled.json")).health();

        assertEquals(Instant.parse("2026-12-13T06:00:00Z"), event.start());
        assertEquals(Instant.parse("2026-12-13T08:00:00Z"), event.end());
        assertEquals(List.of("arn:aws:rds:us-east-1:210987654321:db:orders-primary"), event.resources());
    }

    @Test
    void readsTheOrganizationalEventsMemberResources() {
        HealthEvent event = onlyChange(Fixtures.eventJson("health-organizational-issue.json")).health();

        assertEquals(List.of("arn:aws:elasticloadbalancing:eu-west-1:321098765432:loadbalancer/app/checkout-edge/"
                + "50dc6c495c0c9188"), event.resources());
    }

    @Test
    void readsTheTagsHealthSendsWithAnAffectedEntity() {
        // With Health's tags feature on (EnableTags, ConfigureTags with enabledForEventBridge), an affected entity
        // carries its configured tags as the Health API's AffectedEntity does: an object of strings.
        ObjectNode event = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).putObject("tags")
                .put("statuspage", "orders").put("team", "payments");

        AlarmChange change = onlyChange(event);

        assertEquals(Map.of("arn:aws:rds:us-east-1:210987654321:db:orders-primary",
                Map.of("statuspage", "orders", "team", "payments")), change.health().tags());
        assertNull(change.tagsSetAside());
    }

    @Test
    void setsAsideTagsThatAreNotAnObjectOfStringsRatherThanReadingPartOfThem() {
        ObjectNode event = (ObjectNode) Fixtures.eventJson("health-scheduled-change-upcoming.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).putObject("tags")
                .put("statuspage", "orders").put("size", 3);

        AlarmChange change = onlyChange(event);

        assertEquals(Map.of(), change.health().tags());
        assertEquals("the tags of 1 affected entity are not an object of at most 50 strings", change.tagsSetAside());
    }

    @Test
    void readsNoTimeOutsideTheYearsAHealthEventCouldDateItself() {
        assertNull(HealthEvents.time("Thu, 1 Jan 1970 00:00:00 GMT"));
        assertNull(HealthEvents.time("1969-12-31T23:59:59Z"));
        assertNull(HealthEvents.time("+999999999-12-31T23:59:59Z"));
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), HealthEvents.time("Thu, 31 Dec 2099 23:59:59 GMT"));
    }

    @Test
    void readsATimeWhoseWeekdayIsWrongAndAnUnpaddedDay() {
        assertEquals(Instant.parse("2026-01-27T06:02:51Z"), HealthEvents.time("Thu, 27 Jan 2026 06:02:51 GMT"));
        assertEquals(Instant.parse("2022-06-03T05:01:10Z"), HealthEvents.time("Fri, 3 Jun 2022 05:01:10 GMT"));
        assertEquals(Instant.parse("2026-12-01T09:52:00Z"), HealthEvents.time("2026-12-01T09:52:00Z"));
        assertNull(HealthEvents.time("soon"));
    }

    @Test
    void aHealthEventInAQueuesBodyIsRefused() {
        ObjectNode record = Fixtures.JSON.createObjectNode().put("messageId", "m-1").put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:210987654321:buffer")
                .put("body", Fixtures.event("health-issue-open.json"));
        ObjectNode event = Fixtures.JSON.createObjectNode();
        event.putArray("Records").add(record);

        var read = reader.read(event);

        assertEquals("m-1", read.get(0).messageId());
        assertEquals(REFUSED, assertInstanceOf(Inbound.Skipped.class, read.get(0)).reason());
    }

    @Test
    void aHealthEventInAnSnsMessageIsRefused() {
        JsonNode event = Fixtures.json(AlarmEvents.onTheAlarmTopic(Fixtures.event("health-issue-open.json")));

        assertEquals(REFUSED, skipped(event));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            accountNotification | open     | AWS Health accountNotification events tell an account's operators, not the page's subscribers: ignored
            investigation       | open     | AWS Health investigation events tell an account's operators, not the page's subscribers: ignored
            issue               | upcoming | AWS Health event of category 'issue' and status 'upcoming' has no meaning for the page
            scheduledChange     | gone     | AWS Health event of category 'scheduledChange' and status 'gone' has no meaning for the page
            somethingNew        | open     | AWS Health event of category 'somethingNew' and status 'open' has no meaning for the page
            """)
    void skipsWhatThePageDoesNotUseWithItsReason(String category, String status, String reason) {
        ObjectNode event = open();
        detail(event).put("eventTypeCategory", category).put("statusCode", status);

        assertEquals(reason, skipped(event));
    }

    @Test
    void skipsAnAbuseEvent() {
        ObjectNode event = open().put("detail-type", "AWS Health Abuse Event");

        assertEquals("AWS Health detail-type 'AWS Health Abuse Event' is not an AWS Health Event for the page",
                skipped(event));
    }

    @Test
    void skipsWhatNoHealthEventCouldSay() {
        ObjectNode otherAccount = open();
        detail(otherAccount).put("eventArn", EC2_EVENT.replace("::event/", ":999999999999:event/"));
        ObjectNode notHealth = open();
        detail(notHealth).put("eventArn", "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout");
        ObjectNode spacedCode = open();
        detail(spacedCode).put("eventTypeCode", "AWS EC2 ISSUE");
        ObjectNode longRegion = open();
        detail(longRegion).put("eventRegion", "us-east-1" + "x".repeat(5000));
        ObjectNode noAccount = open();
        detail(noAccount).remove("affectedAccount");
        noAccount.put("account", "not-an-account");

        assertEquals("AWS Health eventArn is not a Health event's ARN of the affected account", skipped(otherAccount));
        assertEquals("AWS Health eventArn is not a Health event's ARN of the affected account", skipped(notHealth));
        assertEquals("AWS Health event has no readable eventArn, service or eventTypeCode", skipped(spacedCode));
        assertEquals("AWS Health event names no affected account of 12 digits", skipped(noAccount));
        assertEquals("AWS Health event's Region 'us-east-1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is no Region code nor"
                + " 'global'", skipped(longRegion));
    }

    @Test
    void skipsMoreResourcesThanItReadsRatherThanRoutingOnPartOfThem() {
        ObjectNode event = open();
        ArrayNode resources = event.putArray("resources");
        for (int i = 0; i <= HealthEvents.MAX_RESOURCES; i++) {
            resources.add("arn:aws:ec2:us-east-1:210987654321:instance/i-" + i);
        }

        assertEquals("AWS Health event names more than 1000 affected resources, or one longer than 1600 characters:"
                + " not routed on part of them", skipped(event));
    }

    @Test
    void keepsOneThousandCharactersOfAwssDescription() {
        ObjectNode event = open();
        ((ObjectNode) detail(event).path("eventDescription").get(0)).put("latestDescription", "x".repeat(5000));

        assertEquals("x".repeat(1000) + "...", onlyChange(event).reason());
    }

    private static ObjectNode open() {
        return (ObjectNode) Fixtures.eventJson("health-issue-open.json");
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.path("detail");
    }

    private AlarmChange onlyChange(JsonNode event) {
        var read = reader.read(event);
        assertEquals(1, read.size());
        return assertInstanceOf(Inbound.Alarm.class, read.get(0), () -> read.get(0).toString()).change();
    }

    private String skipped(JsonNode event) {
        var read = reader.read(event);
        assertEquals(1, read.size());
        return assertInstanceOf(Inbound.Skipped.class, read.get(0), () -> read.get(0).toString()).reason();
    }
}
