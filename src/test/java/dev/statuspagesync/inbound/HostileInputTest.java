package dev.statuspagesync.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Wording;
import dev.statuspagesync.support.Fixtures;

/** Payloads no CloudWatch alarm sends, as anyone allowed to publish to the topic could: each gets a deliberate end. */
class HostileInputTest {

    private final EnvelopeReader reader = new EnvelopeReader(Fixtures.JSON);

    @Test
    void skipsAMessageNestedDeeperThanJsonParsingAllowsWithItsReason() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);

        List<Inbound> items = reader.read(snsEvent(nested));

        var skipped = assertInstanceOf(Inbound.Skipped.class, items.get(0));
        assertTrue(skipped.reason().startsWith("SNS message "), skipped.reason());
    }

    @Test
    void readsAMessageOf256KilobytesAsTheAlarmItCarries() {
        ObjectNode message = alarmMessage();
        message.put("AlarmDescription", "x".repeat(256 * 1024 - 2_000));

        List<Inbound> items = reader.read(snsEvent(message.toString()));

        var alarm = assertInstanceOf(Inbound.Alarm.class, items.get(0));
        assertEquals(256 * 1024 - 2_000, alarm.change().description().length());
    }

    @Test
    void readsAlarmWithTenThousandDimensions() {
        ObjectNode message = alarmMessage();
        ArrayNode dimensions = ((ObjectNode) message.path("Trigger")).putArray("Dimensions");
        for (int i = 0; i < 10_000; i++) {
            dimensions.addObject().put("name", "Dimension" + i).put("value", "value-" + i);
        }

        var alarm = assertInstanceOf(Inbound.Alarm.class, reader.read(snsEvent(message.toString())).get(0));

        assertEquals(10_000, alarm.change().metrics().dimensions().size());
    }

    @Test
    void takesNumbersWhereTextBelongsAndIgnoresNumbersOutOfRange() {
        ObjectNode message = alarmMessage();
        message.put("AlarmDescription", 1e308).put("NewStateReason", Long.MAX_VALUE);
        ((ObjectNode) message.path("Trigger")).put("Threshold", Double.MAX_VALUE).put("Period", Long.MAX_VALUE);
        String text = message.toString().replace("1.7976931348623157E308", "1e999");

        var alarm = assertInstanceOf(Inbound.Alarm.class, reader.read(snsEvent(text)).get(0));

        assertEquals("1.0E308", alarm.change().description());
        assertEquals(String.valueOf(Long.MAX_VALUE), alarm.change().reason());
    }

    @Test
    void putsNoMoreOfAnAlarmOnThePublicPageThanCloudWatchAllowsInOne() {
        ObjectNode message = alarmMessage();
        message.put("AlarmDescription", "d".repeat(200_000)).put("NewStateReason", "r".repeat(5_000));
        ArrayNode dimensions = ((ObjectNode) message.path("Trigger")).putArray("Dimensions");
        for (int i = 0; i < 10_000; i++) {
            dimensions.addObject().put("name", "D" + i).put("value", "v".repeat(2_000));
        }
        var alarm = assertInstanceOf(Inbound.Alarm.class, reader.read(snsEvent(message.toString())).get(0));
        Route route = new Route("default", 1001L, List.of("01HOSTILECOMPONENT00000000"),
                Map.of(AlarmState.ALARM, ComponentStatus.DEGRADED), Wording.internal("{alarm_name}"), true);

        var request = IncidentMapper.openIncident(alarm.change(), route, 1_773_480_413L);

        String description = request.description();
        assertTrue(description.contains("d".repeat(1_024) + "…\n"), "the description, cut at 1,024 characters");
        assertFalse(description.contains("d".repeat(1_025)));
        assertTrue(description.contains("**Reason:** " + "r".repeat(1_023) + "…\n"), "the reason, cut at 1,023");
        assertTrue(description.contains("D29=" + "v".repeat(1_024) + "… and 9970 more)"), "30 dimensions shown");
        assertTrue(description.length() < 40_000, "description of " + description.length() + " characters");
    }

    @Test
    void skipsAnAlarmWhoseArnHoldsALineBreakForItWouldWriteOutsideItsKeyLine() {
        ObjectNode message = alarmMessage();
        message.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:210987654321:alarm:x\n- [prize](https://example.org)");

        var skipped = assertInstanceOf(Inbound.Skipped.class, reader.read(snsEvent(message.toString())).get(0));

        assertEquals("alarm payload has no valid alarm ARN", skipped.reason());
    }

    @Test
    void readsNullEntriesInMetricListsAsAbsent() {
        ObjectNode message = alarmMessage();
        ObjectNode trigger = (ObjectNode) message.path("Trigger");
        trigger.remove("MetricName");
        trigger.putArray("Metrics").addNull().addObject().put("Id", "e1").put("Expression", "m1 * 2");
        ObjectNode bridge = (ObjectNode) Fixtures.eventJson("eventbridge-single-metric-alarm.json");
        ((ObjectNode) bridge.path("detail").path("configuration")).putArray("metrics").addNull();

        var fromSns = assertInstanceOf(Inbound.Alarm.class, reader.read(snsEvent(message.toString())).get(0));
        var fromBridge = assertInstanceOf(Inbound.Alarm.class, reader.read(bridge).get(0));

        assertEquals(List.of("m1 * 2"), fromSns.change().metrics().metrics());
        assertEquals(List.of(), fromBridge.change().metrics().metrics());
    }

    @Test
    void skipsAMessageWhoseNameOrAccountIsNotItsArnsAndFoldsLineBreaksOutOfTitlesAnyway() {
        ObjectNode renamed = alarmMessage();
        renamed.put("AlarmName", "checkout\r\nBcc: everyone@example.org\u0085");
        ObjectNode otherAccount = alarmMessage();
        otherAccount.put("AWSAccountId", "111122223333");

        for (ObjectNode forged : List.of(renamed, otherAccount)) {
            var skipped = assertInstanceOf(Inbound.Skipped.class, reader.read(snsEvent(forged.toString())).get(0));
            assertEquals("the message's alarm name or account is not its ARN's", skipped.reason());
        }
        var alarm = assertInstanceOf(Inbound.Alarm.class, reader.read(snsEvent(alarmMessage().toString())).get(0))
                .change();
        var named = AlarmChange.of("checkout\r\nBcc: everyone@example.org\u0085", alarm.arn(), alarm.newState())
                .account(alarm.accountId()).region(alarm.region()).previous(alarm.previousState())
                .reason(alarm.reason()).at(alarm.stateTime()).description(alarm.description())
                .metrics(alarm.metrics()).rule(alarm.compositeRule()).tags(alarm.tags()).via(alarm.envelope())
                .build();
        Route route = new Route("default", 1001L, List.of("01HOSTILECOMPONENT00000000"),
                Map.of(AlarmState.ALARM, ComponentStatus.DEGRADED), Wording.internal("{alarm_name}"), true);

        assertEquals("checkout  Bcc: everyone@example.org", IncidentMapper.openIncident(named, route,
                1_773_480_413L).title());
    }

    /** The firing fixture's SNS message, as an object to change. */
    private static ObjectNode alarmMessage() {
        var event = Fixtures.eventJson("sns-single-metric-alarm.json");
        return (ObjectNode) Fixtures.json(event.path("Records").get(0).path("Sns").path("Message").asText());
    }

    /** The firing fixture's SNS event carrying {@code message}. */
    private static ObjectNode snsEvent(String message) {
        var event = (ObjectNode) Fixtures.eventJson("sns-single-metric-alarm.json");
        ((ObjectNode) event.path("Records").get(0).path("Sns")).put("Message", message);
        return event;
    }
}
