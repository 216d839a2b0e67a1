package dev.statuspagesync.lifecycle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.KnownIncident;
import dev.statuspagesync.decide.PublicWordsTest;
import dev.statuspagesync.fake.FlashdutyRules;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.invocation.Admission;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Markdown;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.published.EventPolicy;
import dev.statuspagesync.published.PageEventRules;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.routing.Wording;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.MetricsSettings;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * Coverage-guided fuzzing of the payload reader and the mapping: whatever arrives, every message ends as an
 * alarm, a published event or a skip with its reason; every request built from an alarm keeps Flashduty's rules,
 * finds its incident again by the key line, and puts no markup on the page that the function did not write; a
 * public page's words are those of an alarm that says nothing, so no field of the message reaches them; and every
 * published event the function accepts, Flashduty's rules accept too.
 *
 * <p>In the suite the fuzz test replays its inputs directory and the suite's short fuzzing run
 * ({@code JAZZER_FUZZ=1}) searches for new ones; {@code scripts/fuzz.sh} runs longer. An input either is a
 * raw payload, a raw SNS message or SQS body, or edits one of the event or published-event fixtures field by
 * field.
 */
class AnyPayloadFuzzTest {

    private static final Set<String> COMPONENTS = Set.of("01KFUZZCOMPONENTA0000000000", "01KFUZZCOMPONENTB0000000000");
    private static final Route ROUTE = new Route("fuzz", 4_242L, List.copyOf(COMPONENTS),
            Map.of(AlarmState.ALARM, ComponentStatus.PARTIAL_OUTAGE,
                    AlarmState.INSUFFICIENT_DATA, ComponentStatus.DEGRADED),
            Wording.internal("{alarm_name} in {region} ({state}, {namespace})"), false);
    private static final List<String> FIXTURES = List.of("events/sns-single-metric-alarm.json",
            "events/sns-metric-math-alarm.json", "events/sns-composite-alarm.json",
            "events/eventbridge-single-metric-alarm.json", "events/eventbridge-composite-suppressed.json",
            "events/alarm-action-metric-alarm.json", "events/alarm-action-composite-alarm.json",
            "events/sqs-raw-delivery.json", "events/sqs-sns-envelope-batch.json", "published/maintenance-window.json",
            "published/retrospective-incident.json", "events/eventbridge-scheduled-event.json");
    /** Characters with a meaning in Markdown or HTML; the mapper escapes every one that comes from an alarm. */
    private static final String SPECIALS = "\\`*_[]<|~&";
    private static final long NOW = 1_790_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String SCHEDULE_RULE = "arn:aws:events:us-east-1:210987654321:rule/statuspage-sync-sweep";
    /** What a delivery may claim, as the template configures the function: its schedule, account and Region. */
    private static final Admission ADMISSION = new Admission(Optional.of("statuspage-sync-sweep"),
            Optional.of("210987654321"), Optional.of("us-east-1"), Optional.empty(), Optional.of("statuspage-sync-"),
            MetricsSettings.off(CLOCK), CLOCK);
    /** What a publisher may do on the route's page. */
    private static final EventPolicy POLICY = new EventPolicy(new Router(StatusPageSettings.environment(
            ROUTE.pageId(), List.copyOf(COMPONENTS), "partial_outage")), Set.of(), Set.of(), Duration.ofDays(30));

    private final EnvelopeReader reader = new EnvelopeReader(Fixtures.JSON);

    @FuzzTest(maxDuration = "30s")
    // Each input in well under a second; one that runs 10 s is a finding (Jazzer's per-input timeout).
    @Timeout(10)
    @DictionaryEntries({"Records", "aws:sns", "aws:sqs", "EventSource", "eventSource", "Sns", "Message", "body",
            "messageId", "AlarmName", "AlarmArn", "AlarmDescription", "NewStateValue", "OldStateValue",
            "NewStateReason", "StateChangeTime", "Region", "AWSAccountId", "Trigger", "Dimensions", "Metrics",
            "AlarmRule", "detail-type", "CloudWatch Alarm State Change", "aws.cloudwatch", "resources", "detail",
            "alarmName", "alarmArn", "accountId", "state", "previousState", "value", "reason", "timestamp",
            "configuration", "metrics", "alarmRule", "actionsSuppressedBy", "alarmTags", "ALARM", "OK",
            "INSUFFICIENT_DATA", "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:", "arn:aws-cn:cloudwatch:", "kind",
            "status-page-event", "maintenance", "incident", "under_maintenance", "operational", "resolved",
            "completed", "is_retrospective", "auto_update_by_schedule", "close_at_seconds", "start_at_seconds",
            "component_changes", "component_id", "responders", "linked_changes", "client_key", "Scheduled Event",
            "aws.events", "arn:aws:events:us-east-1:210987654321:rule/statuspage-sync-sweep", "2099-01-01T00:00:00Z"})
    void anyPayloadEndsAsAlarmsOrSkipsAndEveryRequestKeepsFlashdutysRules(FuzzedDataProvider data) {
        int shape = data.consumeInt(0, 3);
        if (shape == 3) {
            checkPayload(editedFixture(data));
            return;
        }
        String text = data.consumeRemainingAsString();
        switch (shape) {
            case 0 -> checkPayload(text.getBytes(UTF_8));
            case 1 -> checkOneMessage(reader.read(sns(text)));
            default -> checkOneMessage(reader.read(sqs(text)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sns-single-metric-alarm.json", "sns-single-metric-ok.json",
            "sns-metric-math-alarm.json", "sns-anomaly-detection-alarm.json", "sns-composite-alarm.json",
            "sns-insufficient-data.json", "sns-non-ascii-description.json", "sns-cdk-generated-name.json",
            "sns-null-description.json", "sns-plain-text-message.json", "sns-unrelated-json.json",
            "eventbridge-single-metric-alarm.json", "eventbridge-metric-math-ok.json",
            "eventbridge-composite-suppressed.json", "eventbridge-configuration-change.json",
            "alarm-action-metric-alarm.json", "alarm-action-composite-alarm.json", "sqs-raw-delivery.json",
            "sqs-sns-envelope-batch.json"})
    void everyEventFixtureKeepsTheFuzzTestsProperties(String fixture) {
        checkPayload(Fixtures.event(fixture).getBytes(UTF_8));
    }

    /** As the handler does: bytes that are not JSON are read as no payload. */
    private void checkPayload(byte[] payload) {
        JsonNode event;
        try {
            event = Fixtures.JSON.readTree(payload);
        } catch (IOException notJson) {
            event = null;
        }
        List<Inbound> items = reader.read(event);
        assertFalse(items.isEmpty(), "every payload ends as at least one alarm or skip");
        items.forEach(this::checkItem);
    }

    private void checkOneMessage(List<Inbound> items) {
        assertEquals(1, items.size(), "one record, one outcome");
        checkItem(items.get(0));
    }

    private void checkItem(Inbound item) {
        checkAdmission(item, ADMISSION.admit(item));
        if (item instanceof Inbound.Alarm alarm) {
            checkAlarm(alarm.change());
        } else if (item instanceof Inbound.Published published) {
            checkPublished(published);
        } else if (item instanceof Inbound.Skipped skipped) {
            assertFalse(skipped.reason() == null || skipped.reason().isBlank(), "a skip says why");
        } else if (item instanceof Inbound.Sweep sweep) {
            assertTrue(sweep.time() != null, "a sweep has its time");
        }
    }

    /**
     * A sweep runs only when it names the schedule rule, in the function's own account and Region, never ahead of the
     * clock; no alarm change is dated more than the clock's skew ahead.
     */
    private static void checkAdmission(Inbound item, Inbound admitted) {
        if (item instanceof Inbound.Sweep sweep) {
            if (admitted instanceof Inbound.Sweep runs) {
                assertTrue(sweep.resources().stream().anyMatch(resource -> resource.endsWith(
                        SCHEDULE_RULE.substring("arn:aws".length()))), () -> "a sweep without the rule runs: " + sweep);
                assertEquals(List.of("210987654321", "us-east-1"), List.of(runs.account(), runs.region()));
                assertFalse(runs.time().isAfter(CLOCK.instant()), "a sweep never runs ahead of the clock");
            } else {
                assertTrue(admitted instanceof Inbound.Skipped, "a refused sweep is skipped with its reason");
            }
        }
        if (admitted instanceof Inbound.Alarm alarm && alarm.change().stateTime() != null) {
            assertFalse(alarm.change().stateTime().isAfter(CLOCK.instant().plus(Duration.ofMinutes(5))),
                    "no change is dated far ahead of the clock");
        }
    }

    private static void checkAlarm(AlarmChange alarm) {
        assertEquals(PublicWordsTest.publicWords(PublicWordsTest.blank(alarm)), PublicWordsTest.publicWords(alarm),
                "nothing of the alarm reaches a public page's words");
        Requests.CreateChange create = IncidentMapper.openIncident(alarm, ROUTE, NOW);
        JsonNode body = Fixtures.JSON.valueToTree(create);
        assertNull(FlashdutyRules.createProblem(body, COMPONENTS), () -> "create breaks a rule: " + body);
        assertEquals(ROUTE.pageId(), body.path("page_id").asLong());
        assertFalse(create.title().chars().anyMatch(Character::isISOControl), "no control characters in titles");
        checkDescription(create.description(), alarm);

        Responses.Change opened = KnownIncident.opened(7L, create);
        assertEquals(Optional.of(alarm.arn()), IncidentText.key(opened),
                "the key line gives back the alarm's ARN, or the incident could not be found again");
        assertTrue(IncidentMapper.isOpenedFor(opened, alarm));

        Requests.CreateTimeline resolve = IncidentMapper.resolveIncident(alarm, opened, ROUTE, NOW + 60);
        JsonNode resolution = Fixtures.JSON.valueToTree(resolve);
        assertNull(FlashdutyRules.timelineProblem("incident", resolution, COMPONENTS),
                () -> "resolution breaks a rule: " + resolution);
        List<Character> active = activeMarkup(resolve.description().replace("INSUFFICIENT_DATA", "INSUFFICIENT"));
        assertTrue(active.stream().allMatch(c -> c == '*'), () -> "markup in the resolution: " + active);

        // The sweep's resolution names the alarm from the ARN the incident lists.
        Responses.TimelineEntry opening = new Responses.TimelineEntry("u7", NOW, null,
                IncidentText.withAlarmList(create.updates().get(0).description(), new Membership(Map.of(alarm.arn(),
                        new Membership.Member(Membership.State.OK, NOW + 30))), false), List.of());
        Responses.Change quiet = new Responses.Change(opened.changeId(), opened.pageId(), opened.type(),
                opened.title(), opened.description(), opened.status(), opened.affectedComponents(),
                opened.startAtSeconds(), null, List.of(opening), opened.notifySubscribers());
        Requests.CreateTimeline swept = IncidentMapper.resolveQuietIncident(quiet, ROUTE.pageId(), ROUTE.wording(),
                NOW + 30, Duration.ofMinutes(5));
        JsonNode sweptBody = Fixtures.JSON.valueToTree(swept);
        assertNull(FlashdutyRules.timelineProblem("incident", sweptBody, COMPONENTS),
                () -> "the sweep's resolution breaks a rule: " + sweptBody);
        assertEquals(List.of(), activeMarkup(swept.description()), "markup in the sweep's resolution");
    }

    /** A published event is refused with its reasons, or what the function accepts Flashduty's rules accept. */
    private static void checkPublished(Inbound.Published published) {
        var checked = PageEventRules.check(published.message(), Optional.of(ROUTE.pageId()));
        if (!checked.valid()) {
            assertTrue(checked.problems().stream().allMatch(problem -> problem.contains(": ")),
                    () -> "each problem names its field: " + checked.problems());
            return;
        }
        JsonNode body = Fixtures.JSON.valueToTree(checked.request());
        // Which components a page has only Flashduty knows: the check takes the event's own as the page's.
        Set<String> components = new HashSet<>();
        body.path("updates").forEach(update -> update.path("component_changes")
                .forEach(change -> components.add(change.path("component_id").asText())));
        assertNull(FlashdutyRules.createProblem(body, components),
                () -> "accepted an event Flashduty refuses: " + body);
        // What the operator's policy lets out names only the route's page and components, within its dates.
        var allowed = POLICY.check(checked.request(), NOW);
        if (allowed.problems().isEmpty()) {
            var request = allowed.request();
            assertEquals(ROUTE.pageId(), request.pageId());
            request.updates().forEach(update -> update.componentChanges().forEach(change -> assertTrue(
                    COMPONENTS.contains(change.componentId()), () -> "a component of no route: " + change)));
            for (Long seconds : new Long[] { request.startAtSeconds(), request.closeAtSeconds() }) {
                assertTrue(seconds == null || seconds >= NOW - Duration.ofDays(30).toSeconds(), "no rewritten history");
            }
        } else {
            assertTrue(allowed.problems().stream().allMatch(problem -> problem.contains(": ")),
                    () -> "each refusal names its field: " + allowed.problems());
        }
    }

    /**
     * The description holds alarm text only as escaped text: outside the key line, the one link and the bold
     * labels are the only markup, and no alarm text adds a line.
     */
    private static void checkDescription(String description, AlarmChange alarm) {
        List<String> lines = description.lines().toList();
        String keyLine = lines.get(lines.size() - 1);
        assertTrue(keyLine.startsWith(IncidentText.KEY_PREFIX + "`"), () -> "last line is the key line");
        assertTrue(lines.size() <= 12, () -> "alarm text added lines: " + lines.size());
        String rest = String.join("\n", lines.subList(0, lines.size() - 1));
        String link = lines.stream().filter(line -> line.startsWith("- [Open the alarm")).findFirst().orElse("");
        // State names are the function's own words; an underscore inside a word is no emphasis.
        List<Character> active = activeMarkup(rest.replace(link, "").replace("INSUFFICIENT_DATA", "INSUFFICIENT"));
        assertTrue(active.stream().allMatch(c -> c == '*'), () -> "markup from the alarm: " + active + " in:\n"
                + description);
        for (String line : lines) {
            assertTrue(line.isEmpty() || line.startsWith("CloudWatch alarm **") || line.startsWith("- **")
                    || line.startsWith("**Reason:** ") || line.equals(link) || line.equals(keyLine)
                    || !startsABlock(line), () -> "a line starts a list, quote or heading: " + line);
        }
    }

    /**
     * The Markdown and HTML punctuation not escaped by a backslash, outside code spans (a run of backticks up to the
     * next run of the same length, which shows its content literally); and any word outside them that a renderer
     * could make a link of is reported as its first character.
     */
    static List<Character> activeMarkup(String text) {
        List<Character> active = new ArrayList<>();
        StringBuilder outside = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                int run = 1;
                while (i + run < text.length() && text.charAt(i + run) == '`') {
                    run++;
                }
                int close = closingRun(text, i + run, run);
                if (close >= 0) {
                    outside.append(' ');
                    i = close + run - 1;
                    continue;
                }
                active.add(c);
                i += run - 1;
            } else if (c == '\\' && i + 1 < text.length()) {
                outside.append(c).append(text.charAt(i + 1));
                i++;
            } else {
                if (SPECIALS.indexOf(c) >= 0) {
                    active.add(c);
                }
                outside.append(c);
            }
        }
        for (String word : outside.toString().split("\\s+")) {
            if (!word.isEmpty() && Markdown.linkable(word)) {
                active.add(word.charAt(0));
            }
        }
        return active;
    }

    /** Where the next run of exactly {@code length} backticks from {@code from} starts, or -1. */
    private static int closingRun(String text, int from, int length) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) != '`') {
                continue;
            }
            int run = 1;
            while (i + run < text.length() && text.charAt(i + run) == '`') {
                run++;
            }
            if (run == length) {
                return i;
            }
            i += run - 1;
        }
        return -1;
    }

    private static boolean startsABlock(String line) {
        return line.matches("^\\s{0,3}([-+>#]|\\d+[.)]).*");
    }

    /** One of the fixtures with a few fields, inside the JSON-in-a-string messages too, set to fuzzer values. */
    private static byte[] editedFixture(FuzzedDataProvider data) {
        JsonNode event = Fixtures.json(Fixtures.read(data.pickValue(FIXTURES)));
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits; i++) {
            edit(event, data);
        }
        return event.toString().getBytes(UTF_8);
    }

    private static void edit(JsonNode root, FuzzedDataProvider data) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        List<ObjectNode> holdingDocuments = new ArrayList<>();
        collect(root, containers, holdingDocuments);
        if (!holdingDocuments.isEmpty() && data.consumeBoolean()) {
            ObjectNode holder = data.pickValue(holdingDocuments);
            String field = holder.has("Message") ? "Message" : "body";
            JsonNode inner;
            try {
                inner = Fixtures.JSON.readTree(holder.get(field).asText());
            } catch (IOException notJsonAnyMore) {
                return;
            }
            edit(inner, data);
            holder.put(field, inner.toString());
            return;
        }
        ContainerNode<?> container = data.pickValue(containers);
        JsonNode value = value(data);
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || data.consumeBoolean() ? data.consumeString(24) : data.pickValue(names);
            object.set(name, value);
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty() || data.consumeBoolean()) {
                array.add(value);
            } else {
                array.set(data.consumeInt(0, array.size() - 1), value);
            }
        }
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> containers, List<ObjectNode> documents) {
        if (node instanceof ContainerNode<?> container) {
            containers.add(container);
        }
        if (node instanceof ObjectNode object) {
            for (String field : List.of("Message", "body")) {
                if (object.path(field).isTextual() && object.path(field).asText().startsWith("{")) {
                    documents.add(object);
                }
            }
        }
        node.forEach(child -> collect(child, containers, documents));
    }

    private static JsonNode value(FuzzedDataProvider data) {
        var nodes = Fixtures.JSON.getNodeFactory();
        return switch (data.consumeInt(0, 7)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(data.consumeBoolean());
            case 2 -> nodes.numberNode(data.consumeLong());
            case 3 -> nodes.numberNode(data.consumeDouble());
            case 4 -> nodes.arrayNode().add(data.consumeString(64));
            case 5 -> nodes.objectNode().put(data.consumeString(16), data.consumeString(64));
            case 6 -> nodes.textNode(data.consumeString(4_000));
            default -> nodes.textNode(data.consumeString(64));
        };
    }

    private static JsonNode sns(String message) {
        ObjectNode record = Fixtures.JSON.createObjectNode().put("EventSource", "aws:sns");
        record.putObject("Sns").put("Type", "Notification").put("Message", message);
        ObjectNode event = Fixtures.JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event;
    }

    private static JsonNode sqs(String body) {
        ObjectNode event = Fixtures.JSON.createObjectNode();
        event.putArray("Records").addObject().put("messageId", "fuzz-1").put("eventSource", "aws:sqs")
                .put("body", body);
        return event;
    }
}
