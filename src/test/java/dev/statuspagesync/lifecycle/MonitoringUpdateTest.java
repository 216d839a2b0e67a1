package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.lifecycle.InProcessFunction.change;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.outcome.Outcome;

/**
 * STATUSPAGE_MONITORING_UPDATE=true with a five-minute quiet period: subscribers hear that the service is being
 * watched, and hear again if an alarm fires before the sweep resolves.
 */
class MonitoringUpdateTest {

    static final String EDGE = "edge-5xx";
    static final Instant AT = Instant.parse("2026-03-14T09:00:00Z");

    final InProcessFunction function = new InProcessFunction(new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE,
            true, new CalmPage(Duration.ofMinutes(5), true, Set.of())));

    @Test
    void tellsSubscribersOfTheRecoveryAndOfTheReFireThenResolves() {
        function.deliver(AT, change(EDGE, AlarmState.ALARM, AT));
        function.deliver(AT.plusSeconds(60), change(EDGE, AlarmState.OK, AT.plusSeconds(60)));

        var monitoring = function.fake.incidents().get(0);
        assertEquals("monitoring", monitoring.status());
        assertEquals(Map.of(API_COMPONENT, "operational", DB_COMPONENT, "operational"), monitoring.components());

        Outcome again = function.deliver(AT.plusSeconds(120), change(EDGE, AlarmState.ALARM, AT.plusSeconds(120)))
                .get(0);

        assertEquals("alarm " + EDGE + " fires again in incident " + monitoring.changeId()
                + ", which is identified again", again.reason());
        var identified = function.fake.incidents().get(0);
        assertEquals("identified", identified.status());
        assertEquals(Map.of(API_COMPONENT, "partial_outage", DB_COMPONENT, "partial_outage"), identified.components());

        function.deliver(AT.plusSeconds(180), change(EDGE, AlarmState.OK, AT.plusSeconds(180)));
        Outcome swept = function.sweep(AT.plusSeconds(480));

        assertEquals(Outcome.Kind.RESOLVED, swept.outcome(), swept.reason());
        assertEquals(List.of("investigating", "monitoring", "identified", "monitoring", "resolved"),
                function.fake.incidents().get(0).updates().stream().map(FakeFlashduty.Update::status).toList());
    }

    @Test
    void aBatchWithARecoveryAndItsReFireNotifiesNoOne() {
        function.deliver(AT, change(EDGE, AlarmState.ALARM, AT));
        int before = function.fake.requests(FlashdutyPaths.TIMELINE_PATH).size();

        List<Outcome> answers = function.deliver(AT.plusSeconds(120), change(EDGE, AlarmState.OK, AT.plusSeconds(60)),
                change(EDGE, AlarmState.ALARM, AT.plusSeconds(120)));

        assertEquals(List.of(false, false), answers.stream().map(Outcome::mustRetry).toList(), answers.toString());
        assertEquals(before, function.fake.requests(FlashdutyPaths.TIMELINE_PATH).size(), "no update posted");
        assertEquals(1, function.fake.incidents().get(0).updates().size());
    }
}
