package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.PAGE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.InProcessStatusPage;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.page.References;
import dev.statuspagesync.reconcile.Reconciler;
import dev.statuspagesync.reconcile.Wiring;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.MetricsSettings;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * Seeded random stories in which CloudWatch knows each alarm's true state and delivery may drop, duplicate, delay
 * and reorder any change, with reconciling sweeps every minute between deliveries. Whatever was lost, after the
 * last delivery and two more sweeps the page agrees with CloudWatch for every alarm: firing on the page exactly
 * when CloudWatch says ALARM, and in at most one open incident. Half the stories run on a public page, whose
 * lists name alarms by reference only. {@code -Dmodel.sequences=N} runs more stories;
 * {@code -Dmodel.seed=S} replays one.
 */
class ReconciliationModelTest {

    static final int SEQUENCES = Integer.getInteger("model.sequences", 1_000);
    static final long FIRST_SEED = Long.getLong("model.seed", 1L);
    static final Instant START = Instant.parse("2026-03-14T08:00:00Z");
    static final String ACCOUNT = "210987654321";
    static final String REGION = "us-east-1";
    /** The same routes to a public page, whose lists name alarms by reference. */
    static final Router PUBLIC_ROUTER = new Router(StatusPageSettings.document(DeliveryOrderModelTest.ROUTES)
            .forAudience("public", null));

    @Test
    void whateverDeliveryLosesThePageAgreesWithCloudWatchAfterTwoSweeps() {
        int deliveries = 0;
        int dropped = 0;
        int repairs = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEQUENCES; seed++) {
            Story story = new Story(seed);
            try {
                story.run();
            } catch (AssertionError broken) {
                throw new AssertionError("seed " + seed + " (replay with -Dmodel.seed=" + seed
                        + " -Dmodel.sequences=1): " + broken.getMessage() + "\n" + String.join("\n", story.trace),
                        broken);
            }
            deliveries += story.delivered;
            dropped += story.dropped;
            repairs += story.repairs;
        }
        assertTrue(dropped > SEQUENCES, "stories lose changes: " + dropped);
        System.out.printf("ReconciliationModelTest: %d sequences, %d deliveries, %d changes never delivered,"
                + " %d repairs by reconciliation%n", SEQUENCES, deliveries, dropped, repairs);
    }

    /** Something that happens at a moment of real time: CloudWatch changes, a delivery arrives, or a sweep runs. */
    private record Moment(Instant at, int order, AlarmChange change, boolean delivery) {
    }

    static final class Story {

        final Random random;
        final FakeFlashduty page = FakeFlashduty.inMemory(APP_KEY, PAGE_ID,
                Map.of(API_COMPONENT, "API", DB_COMPONENT, "Database"));
        final FakeCloudWatch cloudWatch = FakeCloudWatch.inMemory();
        final List<String> trace = new ArrayList<>();
        final Set<String> deleted = new HashSet<>();
        int delivered;
        int dropped;
        int repairs;

        Story(long seed) {
            this.random = new Random(seed);
        }

        void run() {
            long quiet = random.nextBoolean() ? 300 : 0;
            Router router = random.nextBoolean() ? DeliveryOrderModelTest.ROUTER : PUBLIC_ROUTER;
            trace.add("quiet period " + quiet + " s, " + (router == PUBLIC_ROUTER ? "public" : "internal") + " page");
            Clock clock = Clock.fixed(START, ZoneOffset.UTC);
            var executor = new PlanExecutor(router, new InProcessStatusPage(page, APP_KEY),
                    new ReadCache(0, clock), clock, new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true,
                            new CalmPage(Duration.ofSeconds(quiet), false, Set.of())));
            var reconciler = new Reconciler(executor, router,
                    (region, remaining) -> cloudWatch.inProcess(), MetricsSettings.off(clock), true,
                    InsufficientDataPolicy.IGNORE, null, new Wiring(List.of(FakeCloudWatch.ALARM_TOPIC), List.of(),
                            null));
            List<Moment> moments = moments();
            Instant last = moments.get(moments.size() - 1).at();
            Instant sweepAt = START.plusSeconds(60);
            for (Moment moment : moments) {
                while (sweepAt.isBefore(moment.at())) {
                    sweep(executor, reconciler, sweepAt, false);
                    sweepAt = sweepAt.plusSeconds(60 * (1 + random.nextInt(3)));
                }
                if (moment.delivery()) {
                    deliver(executor, moment.change());
                } else if (moment.change().deleted()) {
                    cloudWatch.delete(moment.change().name());
                    deleted.add(moment.change().arn());
                    trace.add("CloudWatch deletes " + moment.change().name());
                } else {
                    cloudWatch.follow(moment.change());
                }
            }
            Instant end = last.plusSeconds(quiet + 60);
            sweep(executor, reconciler, end, true);
            sweep(executor, reconciler, end.plusSeconds(60), true);
            checkAgreesWithCloudWatch();
        }

        /**
         * Each alarm's changes in CloudWatch, and their deliveries: none (lost), one, or two (a duplicate by the
         * other path), each delayed by up to ten minutes, so that they arrive out of order. Sometimes CloudWatch
         * deletes an alarm, which no delivery tells.
         */
        List<Moment> moments() {
            List<Moment> moments = new ArrayList<>();
            Map<String, AlarmState> state = new HashMap<>();
            DeliveryOrderModelTest.ALARMS.forEach(name -> state.put(name, AlarmState.OK));
            Instant at = START;
            int count = 6 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                String name = DeliveryOrderModelTest.ALARMS.get(random.nextInt(DeliveryOrderModelTest.ALARMS.size()));
                if (deleted.contains(name)) {
                    continue;
                }
                at = at.plusSeconds(1 + random.nextInt(300));
                if (random.nextInt(30) == 0) {
                    deleted.add(name);
                    moments.add(new Moment(at, moments.size(), DeliveryOrderModelTest.change(name, AlarmState.OK,
                            null, at, Envelope.SNS).now(AlarmState.OK, "deleted", at, Envelope.CLOUDWATCH, true),
                            false));
                    continue;
                }
                AlarmState from = state.get(name);
                AlarmState to = random.nextInt(6) == 0 ? AlarmState.INSUFFICIENT_DATA
                        : from == AlarmState.ALARM ? AlarmState.OK : AlarmState.ALARM;
                state.put(name, to);
                AlarmChange change = DeliveryOrderModelTest.change(name, to, from, at,
                        random.nextBoolean() ? Envelope.SNS : Envelope.EVENTBRIDGE);
                moments.add(new Moment(at, moments.size(), change, false));
                int copies = random.nextInt(5) == 0 ? 0 : random.nextInt(4) == 0 ? 2 : 1;
                if (copies == 0) {
                    dropped++;
                }
                for (int copy = 0; copy < copies; copy++) {
                    Instant arrives = at.plusSeconds(random.nextInt(3) == 0 ? random.nextInt(600) : random.nextInt(5));
                    moments.add(new Moment(arrives, moments.size(), copy == 0 ? change
                            : DeliveryOrderModelTest.withEnvelope(change, change.envelope() == Envelope.SNS
                                    ? Envelope.EVENTBRIDGE : Envelope.SNS), true));
                }
            }
            deleted.clear();
            moments.sort(Comparator.comparing(Moment::at).thenComparing(Moment::order));
            return moments;
        }

        void deliver(PlanExecutor executor, AlarmChange change) {
            Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
            Outcome outcome = executor.apply(change, 0, invocation);
            outcome = executor.finish(invocation, List.of(outcome)).get(0);
            delivered++;
            trace.add(change.name() + " " + change.newState() + "@" + change.stateTime().getEpochSecond() + " via "
                    + change.envelope() + " -> " + outcome.outcome().wire() + ": " + outcome.reason());
            if (outcome.mustRetry()) {
                fail("a delivery failed: " + outcome.reason());
            }
            checkInvariants();
        }

        void sweep(PlanExecutor executor, Reconciler reconciler, Instant at, boolean last) {
            Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
            Outcome reconciled = reconciler.reconcile(at, ACCOUNT, REGION, 0, invocation);
            Outcome swept = executor.sweep(at, invocation).outcome();
            executor.finish(invocation, List.of(swept));
            if (reconciled.outcome() != Outcome.Kind.IGNORED) {
                repairs++;
            }
            trace.add((last ? "last " : "") + "sweep at " + at.getEpochSecond() + " -> " + reconciled.reason() + "; "
                    + swept.reason());
            if (reconciled.mustRetry() || swept.mustRetry()) {
                fail("a sweep failed: " + reconciled.reason() + "; " + swept.reason());
            }
            checkInvariants();
        }

        void checkInvariants() {
            Map<String, Integer> listings = new HashMap<>();
            for (FakeFlashduty.Incident incident : page.incidents()) {
                if ("resolved".equals(incident.status())) {
                    assertTrue(incident.components().values().stream().allMatch("operational"::equals),
                            "a resolved incident has every component operational: " + incident.components());
                    continue;
                }
                IncidentText.readAlarmList(incident.updates().get(0).description()).members().keySet()
                        .forEach(key -> listings.merge(key, 1, Integer::sum));
            }
            listings.forEach((key, count) -> assertEquals(1, count,
                    "an alarm stands in one open incident at most: " + key));
        }

        /** Firing on the page exactly when CloudWatch says ALARM; INSUFFICIENT_DATA, ignored, is not checked. */
        void checkAgreesWithCloudWatch() {
            Map<String, Membership.State> onPage = new HashMap<>();
            page.incidents().stream().filter(incident -> !"resolved".equals(incident.status()))
                    .forEach(incident -> IncidentText.readAlarmList(incident.updates().get(0).description())
                            .members().forEach((key, member) -> onPage.put(key, member.state())));
            var alarms = cloudWatch.alarms();
            for (String name : DeliveryOrderModelTest.ALARMS) {
                String arn = DeliveryOrderModelTest.arn(name);
                var truth = alarms.get(name);
                boolean firing = onPage.get(arn) == Membership.State.ALARM
                        || onPage.get(References.current().alarm(arn)) == Membership.State.ALARM;
                if (truth == null || truth.state() == AlarmState.OK) {
                    assertTrue(!firing, name + " is " + (truth == null ? "deleted or never changed" : "OK")
                            + " in CloudWatch, and the page shows it firing");
                } else if (truth.state() == AlarmState.ALARM) {
                    assertTrue(firing, name + " is in ALARM in CloudWatch, and the page does not show it firing");
                }
            }
        }
    }
}
