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

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.cloudwatch.CloudWatchAlarms;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.reconcile.DeliveryCheck;
import dev.statuspagesync.reconcile.Reconciliation;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * A tag route and delivered changes: a change of the function's own account, which CloudWatch confirms, is routed
 * by the tags CloudWatch answers, whatever its payload says (its publisher wrote those); another account's is
 * routed by the tags its payload carries whole, with no ListTagsForResource call. When a tag rule cannot take a
 * change because its payload's tags were set aside, the miss says so.
 */
class DeliveryCheckTagsTest {

    static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu";
    static final String ELSEWHERE = "arn:aws:cloudwatch:us-east-1:109876543210:alarm:checkout-api-high-cpu";
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
    void aConfirmedChangeIsRoutedByCloudWatchsTagsNotItsPayloads() {
        cloudWatch.metricAlarm(ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch.tag("checkout-api-high-cpu", Map.of("team", "search"));

        DeliveryCheck.Checked checked = only(delivered(ARN, Map.of("team", "checkout")));

        assertNull(checked.answer(), "confirmed: " + checked.answer());
        assertEquals(Map.of("team", "search"), checked.change().tags());
        assertEquals(1, tagReads.get(), "one ListTagsForResource");
    }

    @Test
    void anotherAccountsChangeIsRoutedByTheTagsItsPayloadCarriesWithoutARead() {
        DeliveryCheck.Checked checked = only(delivered(ELSEWHERE, Map.of("team", "checkout")));

        assertNull(checked.answer());
        assertEquals(Map.of("team", "checkout"), checked.change().tags());
        assertEquals(0, tagReads.get(), "no ListTagsForResource");
    }

    @Test
    void aMissSaysThePayloadsTagsWereSetAsideWhenTheyWereNotPropagatedWhole() {
        AlarmChange change = notification("FAILED");

        assertEquals("checkout", TAG_ROUTES.routeFor(notification("SUCCESS")).orElseThrow().name(),
                "propagated whole, the tags would take the rule");
        assertEquals("no route matches alarm checkout-api-high-cpu; its payload's tags were set aside (tags not"
                + " propagated whole: AlarmTagsStatus FAILED)", executor(TAG_ROUTES).apply(change, 0, invocation())
                        .reason());
    }

    @Test
    void aMissSaysThePayloadsTagsWereSetAsideForCloudWatchsOnAConfirmedChange() {
        cloudWatch.metricAlarm(ARN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch.tag("checkout-api-high-cpu", Map.of("team", "search"));

        AlarmChange checked = only(delivered(ARN, Map.of("team", "checkout"))).change();

        assertEquals("no route matches alarm checkout-api-high-cpu; its payload's tags were set aside (a confirmed"
                + " change of the function's own account is routed by CloudWatch's tags)",
                executor(TAG_ROUTES).apply(checked, 0, invocation()).reason());
    }

    @Test
    void aMissWithoutTagRulesKeepsItsPlainReason() {
        Router byNamespace = new Router(StatusPageSettings.document("""
                routes:
                  - {name: databases, match: {namespace: AWS/RDS}, page_id: 5750613685214, components: [db]}
                """));
        AlarmChange change = notification("FAILED");

        assertEquals("no route matches alarm checkout-api-high-cpu",
                executor(byNamespace).apply(change, 0, invocation()).reason());
    }

    /** The notification of an alarm tagged team=checkout, its tags propagated with {@code tagsStatus}. */
    private static AlarmChange notification(String tagsStatus) {
        String event = Fixtures.event("sns-alarm-tags.json").replace("\\\"AlarmTagsStatus\\\":\\\"SUCCESS\\\"",
                "\\\"AlarmTagsStatus\\\":\\\"" + tagsStatus + "\\\"");
        List<Inbound> items = new EnvelopeReader(Fixtures.JSON).read(Fixtures.json(event));
        assertEquals(1, items.size());
        return ((Inbound.Alarm) items.get(0)).change();
    }

    private static PlanExecutor executor(Router router) {
        return new PlanExecutor(router, null, null, Clock.fixed(FIRED, ZoneOffset.UTC),
                new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true));
    }

    private static Invocation invocation() {
        return new Invocation(Deadline.in(Duration.ofMinutes(1)), new PageViews(Clock.fixed(FIRED, ZoneOffset.UTC)));
    }

    private DeliveryCheck.Checked only(AlarmChange change) {
        List<DeliveryCheck.Checked> checked = check.check(List.of(change), invocation());
        assertEquals(1, checked.size());
        return checked.get(0);
    }

    private static AlarmChange delivered(String arn, Map<String, String> tags) {
        return AlarmChange.of("checkout-api-high-cpu", arn, AlarmState.ALARM).account(arn.split(":")[4])
                .region("us-east-1").previous(AlarmState.OK).reason("Threshold Crossed").at(FIRED).tags(tags)
                .via(Envelope.SNS).build();
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
