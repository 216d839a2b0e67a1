package dev.statuspagesync.published;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.fake.FlashdutyRules;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.support.Fixtures;

/**
 * Every rule of the create API, checked before anything is sent: each broken rule gives one problem naming the
 * field and the rule. Where the rule is Flashduty's own (not a rule of the message format), the fake's rules
 * must refuse the same body sent straight to Flashduty, so local checks and the server agree.
 */
class PageEventRulesTest {

    static final Optional<Long> DEFAULT_PAGE = Optional.of(FakeFlashdutyResource.PAGE_ID);
    static final Set<String> COMPONENTS = Set.of(FakeFlashdutyResource.API_COMPONENT,
            FakeFlashdutyResource.DB_COMPONENT);

    @Test
    void buildsTheMaintenanceWindowFieldForField() {
        var checked = PageEventRules.check(published("maintenance-window.json"), DEFAULT_PAGE);

        assertEquals(List.of(), checked.problems());
        assertEquals("release-2026.12.03-db-upgrade", checked.clientKey());
        assertEquals(Fixtures.json("""
                {"page_id": 5750613685214, "type": "maintenance", "title": "Database upgrade",
                 "description": "We are upgrading the primary database to a new major version. Writes pause for up to 10 minutes.",
                 "status": "scheduled", "start_at_seconds": 1796277600, "close_at_seconds": 1796284800,
                 "notify_subscribers": true, "auto_update_by_schedule": true, "linked_changes": ["deploy-8841"],
                 "updates": [{"status": "scheduled", "description": "Scheduled for 3 December, 06:00 to 08:00 UTC.",
                   "component_changes": [{"component_id": "01KC3GB1M2N3P4Q5R6S7T8V9WX", "status": "under_maintenance"}]}]}
                """), Fixtures.asSent(checked.request()));
    }

    @Test
    void buildsTheRetrospectiveIncidentWithItsWholeTimeline() {
        var checked = PageEventRules.check(published("retrospective-incident.json"), DEFAULT_PAGE);

        assertEquals(List.of(), checked.problems());
        JsonNode body = Fixtures.asSent(checked.request());
        assertEquals(Fixtures.json("""
                [{"at_seconds": 1795615320, "status": "investigating", "description": "Checkouts fail for some customers.",
                  "component_changes": [{"component_id": "01KC3GAZ6ZJE40H55GM31RPWZE", "status": "partial_outage"}]},
                 {"at_seconds": 1795617660, "status": "resolved",
                  "description": "A faulty payment-provider certificate was replaced; checkouts work again.",
                  "component_changes": [{"component_id": "01KC3GAZ6ZJE40H55GM31RPWZE", "status": "operational"}]}]
                """), body.get("updates"));
        assertEquals(true, body.get("is_retrospective").asBoolean());
        assertEquals(Fixtures.json("[2476301]"), body.get("responders"));
        assertEquals(1795617660L, body.get("close_at_seconds").asLong());
        assertNull(FlashdutyRules.createProblem(body, COMPONENTS), "the fake accepts what the rules accept");
    }

    @Test
    void takesTheConfiguredPageWhenTheEventNamesNoneAndItsOwnWhenItDoes() {
        ObjectNode event = published("maintenance-window.json");
        event.put("page_id", 42);

        assertEquals(42L, PageEventRules.check(event, DEFAULT_PAGE).request().pageId());
        event.remove("page_id");
        assertEquals(List.of("page_id: is required: no default page is configured (STATUSPAGE_PAGE_ID)"),
                PageEventRules.check(event, Optional.empty()).problems());
    }

    /**
     * One broken rule per row: the fixture it starts from, the field set (a JSON value) or removed ({@code -}),
     * the exact problem, and whether Flashduty's own rules (the fake's) refuse the same body too.
     */
    @ParameterizedTest(name = "{1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            incident    | titel                                   | '"x"'          | titel: is not a field of a status-page event (see the README) | false
            incident    | client_key                              | '""'           | client_key: must be 1 to 128 characters without control or invisible format characters | false
            incident    | page_id                                 | '-3'           | page_id: must be a page id (a positive integer), was -3 | false
            incident    | page_id                                 | '"5750613685214"' | page_id: must be a page id (a positive integer), was "5750613685214" | false
            incident    | type                                    | -              | type: is required | true
            incident    | type                                    | '"outage"'     | type: "outage" is not incident or maintenance | true
            incident    | title                                   | -              | title: is required | true
            incident    | title                                   | '"   "'        | title: must not be blank | true
            incident    | title                                   | LONG_TITLE     | title: is 256 characters; at most 255 | true
            incident    | title                                   | '"a\\nb"'      | title: must be one line without control characters | false
            incident    | title                                   | '7'            | title: must be text, was number | true
            incident    | description                             | -              | description: is required | true
            incident    | status                                  | -              | status: is required | true
            incident    | status                                  | '"scheduled"'  | status: "scheduled" is not a status of an incident (use investigating, identified, monitoring, resolved) | true
            maintenance | status                                  | '"monitoring"' | status: "monitoring" is not a status of a maintenance (use scheduled, ongoing, completed) | true
            incident    | start_at_seconds                        | '"yesterday"'  | start_at_seconds: must be a time in unix seconds (a non-negative integer), was "yesterday" | false
            incident    | close_at_seconds                        | '1795615320'   | close_at_seconds: must be after start_at_seconds (1795615320 <= 1795615320) | true
            incident    | notify_subscribers                      | '"yes"'        | notify_subscribers: must be true or false, was "yes" | false
            incident    | responders                              | '[0]'          | responders[0]: must be a member id (a positive integer), was 0 | true
            incident    | responders                              | '"2476301"'    | responders: must be a list of member ids | true
            incident    | linked_changes                          | '[""]'         | linked_changes[0]: must be a change id (non-empty text), was "" | false
            incident    | linked_changes                          | '[7]'          | linked_changes[0]: must be a change id (non-empty text), was 7 | true
            incident    | updates                                 | -              | updates: is required: at least one update, the first with component_changes | true
            incident    | updates                                 | '[]'           | updates: must be a list of at least one update, the first with component_changes | true
            incident    | updates/0/component_changes             | -              | updates[0].component_changes: is required in the first update: the components the event affects | true
            incident    | updates/0/component_changes             | '[]'           | updates[0].component_changes: must list at least one component change in the first update | true
            incident    | updates/0/status                        | '"ongoing"'    | updates[0].status: "ongoing" is not a status of an incident (use investigating, identified, monitoring, resolved) | true
            incident    | updates/0/at_seconds                    | '1795615000'   | updates[0].at_seconds: is before start_at_seconds (1795615000 < 1795615320) | true
            incident    | updates/0/colour                        | '"red"'        | updates[0].colour: is not a field of a status-page event (see the README) | false
            incident    | updates/0/component_changes/0/status    | '"major_outage"' | updates[0].component_changes[0].status: "major_outage" is not a component status of an incident (use operational, degraded, partial_outage, full_outage) | true
            incident    | updates/0/component_changes/0/status    | '"under_maintenance"' | updates[0].component_changes[0].status: "under_maintenance" is not a component status of an incident (use operational, degraded, partial_outage, full_outage) | true
            maintenance | updates/0/component_changes/0/status    | '"degraded"'   | updates[0].component_changes[0].status: "degraded" is not a component status of a maintenance (use operational, under_maintenance) | true
            incident    | updates/0/component_changes/0/component_id | -           | updates[0].component_changes[0].component_id: is required | true
            incident    | updates/1/component_changes/0/status    | '"degraded"'   | updates[1].component_changes[0].status: must be operational in an update that moves the event to resolved | true
            incident    | is_retrospective                        | '"true"'       | is_retrospective: must be true or false, was "true" | false
            maintenance | auto_update_by_schedule                 | '"on"'         | auto_update_by_schedule: must be true or false, was "on" | false
            maintenance | close_at_seconds                        | '1798869601'   | close_at_seconds: a maintenance window that advances by its schedule lasts at most 30 days; this one lasts 2592001 s | true
            maintenance | close_at_seconds                        | -              | auto_update_by_schedule: needs start_at_seconds and close_at_seconds (the window) | true
            incident    | client_key                              | '"key\u202e"'  | client_key: must be 1 to 128 characters without control or invisible format characters | false
            maintenance | client_key                              | '"health/cw-x@1"' | client_key: must not start with 'health/', which names the function's own maintenances of AWS Health | false
            incident    | responders                              | MANY_IDS       | responders: has 21 items; at most 20 | false
            incident    | client_key                              | LONG_KEY       | client_key: must be 1 to 128 characters without control or invisible format characters | false
            incident    | linked_changes                          | '"CHG-1"'      | linked_changes: must be a list of change ids | true
            incident    | updates/0                               | '"x"'          | updates[0]: must be an object | true
            incident    | updates/0/update_id                     | '7'            | updates[0].update_id: must be text, was number | false
            incident    | updates/0/description                   | 'true'         | updates[0].description: must be text, was boolean | false
            incident    | updates/1/component_changes             | '{}'           | updates[1].component_changes: must be a list of component changes | true
            incident    | updates/0/component_changes/0           | '5'            | updates[0].component_changes[0]: must be an object with component_id and status | true
            incident    | updates/0/component_changes/0/component_id | '"  "'      | updates[0].component_changes[0].component_id: must not be blank | true
            """)
    void namesTheFieldAndTheRuleOfEveryBrokenRule(String fixture, String path, String value, String problem,
            boolean flashdutyRefusesItToo) {
        ObjectNode event = published(fixture.equals("incident") ? "retrospective-incident.json"
                : "maintenance-window.json");
        set(event, path, switch (value) {
            case "LONG_TITLE" -> "\"" + "t".repeat(256) + "\"";
            case "LONG_KEY" -> "\"" + "k".repeat(129) + "\"";
            case "MANY_IDS" -> "[" + "7,".repeat(20) + "7]";
            default -> value;
        });

        var checked = PageEventRules.check(event, DEFAULT_PAGE);

        assertEquals(List.of(problem), checked.problems());
        if (flashdutyRefusesItToo) {
            assertNotNull(FlashdutyRules.createProblem(asSent(event), COMPONENTS),
                    "the fake refuses the same body: " + asSent(event));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            two components in one update | updates/0/component_changes/1 | {"component_id": "01KC3GAZ6ZJE40H55GM31RPWZE", "status": "degraded"} | updates[0].component_changes[1].component_id: "01KC3GAZ6ZJE40H55GM31RPWZE" appears twice in one update
            a retrospective of one update | updates/1                    | DELETE | updates: a retrospective event (is_retrospective) needs at least two updates, has 1
            """)
    void refusesRulesThatSpanEntries(String name, String path, String value, String problem) {
        ObjectNode event = published("retrospective-incident.json");
        if (value.equals("DELETE")) {
            ((ArrayNode) event.path("updates")).remove(1);
            event.put("status", "investigating");
        } else {
            ((ArrayNode) event.path("updates").path(0).path("component_changes")).add(Fixtures.json(value));
        }

        var checked = PageEventRules.check(event, DEFAULT_PAGE);

        assertEquals(List.of(problem), checked.problems(), path);
        assertNotNull(FlashdutyRules.createProblem(asSent(event), COMPONENTS));
    }

    @Test
    void refusesAResolvedEventThatLeavesAComponentDown() {
        ObjectNode event = published("retrospective-incident.json");
        ((ArrayNode) event.path("updates")).remove(1);
        event.put("is_retrospective", false);

        var checked = PageEventRules.check(event, DEFAULT_PAGE);

        assertEquals(List.of("status: a resolved event must leave every component operational; "
                + "01KC3GAZ6ZJE40H55GM31RPWZE ends partial_outage"), checked.problems());
        assertNotNull(FlashdutyRules.createProblem(asSent(event), COMPONENTS));
    }

    @Test
    void refusesAScheduledIncidentAndARetrospectiveWithoutItsWindow() {
        ObjectNode incident = published("retrospective-incident.json");
        incident.put("auto_update_by_schedule", true);
        ObjectNode retrospective = published("retrospective-incident.json");
        retrospective.remove("close_at_seconds");

        assertEquals(List.of("auto_update_by_schedule: applies to maintenance only, not to an incident"),
                PageEventRules.check(incident, DEFAULT_PAGE).problems());
        assertEquals(List.of("is_retrospective: needs start_at_seconds and close_at_seconds"),
                PageEventRules.check(retrospective, DEFAULT_PAGE).problems());
        assertNotNull(FlashdutyRules.createProblem(asSent(incident), COMPONENTS));
        assertNotNull(FlashdutyRules.createProblem(asSent(retrospective), COMPONENTS));
    }

    @Test
    void listsEveryProblemOfAMessageAtOnce() {
        ObjectNode event = published("maintenance-window.json");
        event.put("type", "incident").put("title", "").remove("description");

        var problems = PageEventRules.check(event, DEFAULT_PAGE).problems();

        assertEquals(List.of("title: must not be blank", "description: is required",
                "status: \"scheduled\" is not a status of an incident (use investigating, identified, monitoring, "
                        + "resolved)",
                "updates[0].status: \"scheduled\" is not a status of an incident (use investigating, identified, "
                        + "monitoring, resolved)",
                "updates[0].component_changes[0].status: \"under_maintenance\" is not a component status of an "
                        + "incident (use operational, degraded, partial_outage, full_outage)",
                "auto_update_by_schedule: applies to maintenance only, not to an incident"), problems);
    }

    @Test
    void dropsInvisibleCharactersBeforeLookingForBookkeepingLines() {
        ObjectNode hidden = published("maintenance-window.json");
        // A zero-width space would hide the key line from the check and vanish on the page.
        hidden.put("description", "Planned.\n\nEvent\u200B key: `someone-elses-key`");
        ObjectNode reversed = published("maintenance-window.json");
        reversed.put("title", "Database \u202Eedargpu\u202C").put("description", "Writes pause.\u2028Reads go on.");

        assertEquals(List.of("description: holds a line of the function's own bookkeeping (\"Alarm ARN:\", \"Reference:\","
                + " \"Event key:\" or \"" + IncidentText.ALARM_LIST_HEADER + "\"); reword it"),
                PageEventRules.check(hidden, DEFAULT_PAGE).problems());
        var checked = PageEventRules.check(reversed, DEFAULT_PAGE);
        assertEquals("Database edargpu", checked.request().title());
        assertEquals("Writes pause.\nReads go on.", checked.request().description());
    }

    @Test
    void recognisesOnlyMessagesOfItsKind() {
        assertTrue(PageEventRules.isPageEvent(published("maintenance-window.json")));
        assertEquals(false, PageEventRules.isPageEvent(Fixtures.json("{\"kind\": \"alarm\"}")));
        assertEquals(false, PageEventRules.isPageEvent(Fixtures.json("[]")));
    }

    static ObjectNode published(String name) {
        return (ObjectNode) Fixtures.json(Fixtures.read("published/" + name));
    }

    /** The body as it would reach Flashduty without the local checks: the format's own fields dropped. */
    private static JsonNode asSent(ObjectNode event) {
        ObjectNode body = event.deepCopy();
        body.remove(List.of("kind", "client_key"));
        if (!body.has("page_id")) {
            body.put("page_id", FakeFlashdutyResource.PAGE_ID);
        }
        return body;
    }

    /** Sets (or with {@code -} removes) the field at a slash-separated path. */
    private static void set(ObjectNode root, String path, String value) {
        String[] parts = path.split("/");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode object) {
            if (value.equals("-")) {
                object.remove(last);
            } else {
                object.set(last, Fixtures.json(value));
            }
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), Fixtures.json(value));
        }
    }
}
