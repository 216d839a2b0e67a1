package dev.statuspagesync.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.cloudwatch.CloudWatchAlarms;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.inbound.AlarmChange;
import dev.statuspagesync.inbound.AlarmState;
import dev.statuspagesync.inbound.Envelope;
import dev.statuspagesync.inbound.MetricSummary;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * A tag route and a delivered change of the function's own account: tags that the payload carries whole (tag
 * propagation) decide the route with no ListTagsForResource call; without them, CloudWatch's tags do.
 */
class DeliveryCheckTagsTest {

    static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu";
    static final Instant FIRED = Instant.parse("2026-03-14T09:00:00Z");
    static final Router TAG_ROUTES = new Router(StatusPageSettings.document("""
            routes:
              - {name: checkout, match: {tags: {team: checkout}}, page_id: 5750613685214, components: [api]}
            """));

    final FakeCloudWatch cloudWatch = FakeCloudWatch.inMemory();
    final AtomicInteger tagReads = new AtomicInteger();
    final DeliveryCheck check = new DeliveryCheck(TAG_ROUTES, (region, remaining) -> counting(cloudWatch.inProcess()),
            true, InsufficientDataPolicy.IGNORE, new Reconciliation.Scope("210987654321", "us-east-1"));

    @Test
    void tagsThePayloadCarriesWholeNeedNoRead() {
        cloudWatch.metricAlarm(ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch.tag("checkout-api-high-cpu", Map.of("team", "search"));

        DeliveryCheck.Checked checked = only(delivered(Map.of("team", "checkout")));

        assertNull(checked.answer(), "confirmed: " + checked.answer());
        assertEquals(Map.of("team", "checkout"), checked.change().tags());
        assertEquals(0, tagReads.get(), "no ListTagsForResource");
    }

    @Test
    void withoutTagsInThePayloadCloudWatchsTagsDecide() {
        cloudWatch.metricAlarm(ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch.tag("checkout-api-high-cpu", Map.of("team", "checkout"));

        DeliveryCheck.Checked checked = only(delivered(Map.of()));

        assertNull(checked.answer(), "confirmed: " + checked.answer());
        assertEquals(Map.of("team", "checkout"), checked.change().tags());
        assertEquals(1, tagReads.get(), "one ListTagsForResource");
    }

    private DeliveryCheck.Checked only(AlarmChange change) {
        var invocation = new Invocation(Deadline.in(Duration.ofMinutes(1)),
                new PageViews(Clock.fixed(FIRED, ZoneOffset.UTC)));
        List<DeliveryCheck.Checked> checked = check.check(List.of(change), invocation);
        assertEquals(1, checked.size());
        return checked.get(0);
    }

    private static AlarmChange delivered(Map<String, String> tags) {
        return new AlarmChange("checkout-api-high-cpu", ARN, "210987654321", "us-east-1", AlarmState.ALARM,
                AlarmState.OK, "Threshold Crossed", FIRED, null, MetricSummary.NONE, null, false, tags, Envelope.SNS);
    }

    private CloudWatchAlarms counting(CloudWatchAlarms alarms) {
        return new CloudWatchAlarms() {
            @Override
            public List<AlarmChange> inState(AlarmState state, String actionPrefix, String namePrefix) {
                return alarms.inState(state, actionPrefix, namePrefix);
            }

            @Override
            public List<AlarmChange> named(Collection<String> names) {
                return alarms.named(names);
            }

            @Override
            public Map<String, String> tags(String arn) {
                tagReads.incrementAndGet();
                return alarms.tags(arn);
            }

            @Override
            public Map<String, String> mutedAlarms() {
                return alarms.mutedAlarms();
            }

            @Override
            public List<AlarmChange> contributorsInAlarm(AlarmChange alarm) {
                return alarms.contributorsInAlarm(alarm);
            }
        };
    }
}
