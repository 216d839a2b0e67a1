package dev.statuspagesync.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.decide.UpdateText;
import dev.statuspagesync.fake.FlashdutyRules;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.TechnicalText;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Wording;
import dev.statuspagesync.support.Fixtures;

/** The pure mapping from a firing alarm to Flashduty's create request. */
class IncidentMapperTest {

    static final Route ROUTE = new Route("orders", 42L,
            List.of("01AAAAAAAAAAAAAAAAAAAAAAAA", "01BBBBBBBBBBBBBBBBBBBBBBBB"),
            Map.of(AlarmState.ALARM, ComponentStatus.FULL_OUTAGE), Wording.internal("{alarm_name}"), false);

    static final long AT = 1_773_480_413L;

    @Test
    void opensIncidentWithComponentsAtTheRouteImpact() {
        AlarmChange alarm = alarm("orders-api-errors", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-errors");

        Requests.CreateChange request = IncidentMapper.openIncident(alarm, ROUTE, AT);

        assertEquals(42L, request.pageId());
        assertEquals(EventType.INCIDENT, request.type());
        assertEquals("orders-api-errors", request.title());
        assertEquals(ChangeStatus.INVESTIGATING, request.status());
        assertEquals(1_773_480_413L, request.startAtSeconds());
        assertEquals(false, request.notifySubscribers());
        assertEquals(1, request.updates().size());
        assertEquals(ChangeStatus.INVESTIGATING, request.updates().get(0).status());
        assertEquals(List.of(new Requests.ComponentChange("01AAAAAAAAAAAAAAAAAAAAAAAA", ComponentStatus.FULL_OUTAGE),
                new Requests.ComponentChange("01BBBBBBBBBBBBBBBBBBBBBBBB", ComponentStatus.FULL_OUTAGE)),
                request.updates().get(0).componentChanges());
    }

    @Test
    void rendersTheRoutesTitleTemplate() {
        Route route = new Route("orders", 42L, List.of("01AAAAAAAAAAAAAAAAAAAAAAAA"),
                Map.of(AlarmState.ALARM, ComponentStatus.DEGRADED), Wording.internal("Orders: {alarm_name} ({state}, {region})"), true);
        AlarmChange alarm = alarm("orders-api-errors", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-errors");

        assertEquals("Orders: orders-api-errors (ALARM, eu-west-1)", IncidentMapper.openIncident(alarm, route, AT).title());
    }

    @Test
    void setsTheRoutesRespondersAndLinkedChangesAndLeavesThemOutWhenItHasNone() {
        Route route = new Route("orders", 42L, List.of("01AAAAAAAAAAAAAAAAAAAAAAAA"),
                Map.of(AlarmState.ALARM, ComponentStatus.DEGRADED), Wording.internal("{alarm_name}"), true, List.of(2476301L),
                List.of("CHG-1042"));
        AlarmChange alarm = alarm("orders-api-errors", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-errors");

        var body = Fixtures.asSent(IncidentMapper.openIncident(alarm, route, AT));
        var plain = Fixtures.asSent(IncidentMapper.openIncident(alarm, ROUTE, AT));

        assertEquals(Fixtures.json("[2476301]"), body.get("responders"));
        assertEquals(Fixtures.json("[\"CHG-1042\"]"), body.get("linked_changes"));
        assertFalse(plain.has("responders") || plain.has("linked_changes"), plain.toString());
        assertNull(FlashdutyRules.createProblem(body, Set.of("01AAAAAAAAAAAAAAAAAAAAAAAA")));
    }

    @Test
    void leavesStartTimeToFlashdutyWhenTheAlarmHasNone() {
        AlarmChange alarm = withStateTime(alarm("a", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:a"), null);

        assertNull(IncidentMapper.openIncident(alarm, ROUTE, AT).startAtSeconds());
    }

    @Test
    void keepsTitleOf255CharactersWhole() {
        String name = "a".repeat(Requests.MAX_TITLE_LENGTH);

        assertEquals(name, UpdateText.title(name));
    }

    @Test
    void cutsLongTitleOnCodePointBoundary() {
        String name = "x".repeat(254) + "🚨🚨🚨";

        String title = UpdateText.title(name);

        assertEquals(Requests.MAX_TITLE_LENGTH, title.codePointCount(0, title.length()));
        assertEquals("x".repeat(254) + "🚨", title);
    }

    @Test
    void writesDescriptionWithReasonMetricAccountRegionLinkAndKey() {
        AlarmChange alarm = alarm("orders-api-errors", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-errors");

        assertEquals("""
                CloudWatch alarm **orders\\_api\\_errors** is in ALARM (was OK) since 2026-03-14 09:26:53 UTC.

                Orders API fails.

                **Reason:** Threshold Crossed \\[1 datapoint\\]

                - **Metric:** AWS/ApiGateway 5XXError (ApiName=orders)
                - **Account:** 111122223333, **Region:** eu-west-1
                - [Open the alarm in the CloudWatch console](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/orders_api_errors)

                Alarm ARN: `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-errors`""",
                TechnicalText.description(withName(alarm, "orders_api_errors")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:cloudwatch:us-east-1:111122223333:alarm:a b       | https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/a%20b
            arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:a b   | https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:alarm/a%20b
            arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:a b | https://us-gov-west-1.console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#alarmsV2:alarm/a%20b
            """)
    void linksToTheConsoleOfTheAlarmsPartition(String arn, String link) {
        String[] parts = arn.split(":");
        AlarmChange alarm = withRegion(alarm("a b", arn), parts[3]);

        assertEquals(link, TechnicalText.consoleLink(alarm));
    }

    @Test
    void recognisesOnlyIncidentsCarryingTheAlarmsKeyLine() {
        AlarmChange alarm = alarm("a", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:a");
        String own = TechnicalText.description(alarm);

        assertTrue(IncidentMapper.isOpenedFor(incident(own), alarm));
        assertFalse(IncidentMapper.isOpenedFor(incident(own.replace(":alarm:a`", ":alarm:ab`")), alarm));
        assertFalse(IncidentMapper.isOpenedFor(incident("Written by a person about alarm a"), alarm));
        assertFalse(IncidentMapper.isOpenedFor(incident(null), alarm));
    }

    private static Responses.Change incident(String description) {
        return new Responses.Change(1L, 42L, EventType.INCIDENT, "t", description, ChangeStatus.INVESTIGATING, List.of(), 0L,
                null, List.of(), true);
    }

    static AlarmChange alarm(String name, String arn) {
        return AlarmChange.of(name, arn, AlarmState.ALARM).account("111122223333").region(arn.split(":")[3])
                .previous(AlarmState.OK).reason("Threshold Crossed [1 datapoint]")
                .at(Instant.parse("2026-03-14T09:26:53.304Z")).description("Orders API fails.")
                .metrics(new MetricSummary("AWS/ApiGateway", List.of("5XXError"), Map.of("ApiName", "orders")))
                .via(Envelope.SNS).build();
    }

    private static AlarmChange withName(AlarmChange a, String name) {
        return AlarmChange.of(name, a.arn(), a.newState()).account(a.accountId()).region(a.region())
                .previous(a.previousState()).reason(a.reason()).at(a.stateTime()).description(a.description())
                .metrics(a.metrics()).rule(a.compositeRule()).suppressed(a.actionsSuppressed()).tags(a.tags())
                .via(a.envelope()).build();
    }

    private static AlarmChange withRegion(AlarmChange a, String region) {
        return a.toBuilder().region(region).build();
    }

    private static AlarmChange withStateTime(AlarmChange a, Instant time) {
        return a.at(time);
    }
}
