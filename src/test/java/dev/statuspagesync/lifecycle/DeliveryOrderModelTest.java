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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.HealthEvent;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.InProcessStatusPage;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * Seeded random stories of several alarms on overlapping components, among them two time series of one
 * multi-time-series alarm and an AWS Health issue on every component, delivered as AWS may deliver them (twice, by SNS and by EventBridge, out of order, in SQS
 * batches, with INSUFFICIENT_DATA between for whole alarms), run through the decision
 * and the executor against the fake's page in process, strict or kind (see {@link FakeFlashduty#kind}) at random.
 * Half the stories have a quiet period (with or without the monitoring update) and scheduled sweeps between
 * batches. After every batch and sweep the page must keep the invariants, and after a last sweep it must agree
 * with each alarm's last state. {@code -Dmodel.sequences=N} runs more stories;
 * {@code -Dmodel.seed=S} replays one.
 */
class DeliveryOrderModelTest {

    static final int SEQUENCES = Integer.getInteger("model.sequences", 1_500);
    static final long FIRST_SEED = Long.getLong("model.seed", 1L);
    static final Instant START = Instant.parse("2026-03-14T08:00:00Z");
    /**
     * api-* alarms hit the API component, db-* the database, edge-* both: they overlap on every component.
     * {@code db-tables#orders} and {@code #carts} are two time series (contributors) of one multi-time-series alarm.
     */
    static final List<String> ALARMS = List.of("api-errors", "api-latency", "edge-5xx", "db-connections",
            "db-tables#orders", "db-tables#carts");
    /** The members of the delivery-order stories: the alarms, and an AWS Health issue on both components. */
    static final String HEALTH = "health-ec2-issue";
    static final List<String> MEMBERS = Stream.concat(ALARMS.stream(), Stream.of(HEALTH)).toList();
    static final long QUIET_SECONDS = 300;
    static final String ROUTES = """
            routes:
              - {name: api, match: {alarm_name: "api-*"}, page_id: %1$d, components: [%2$s]}
              - {name: edge, match: {alarm_name: "edge-*"}, page_id: %1$d, components: [%2$s, %3$s], impact: partial_outage}
              - {name: db, match: {alarm_name: "db-*"}, page_id: %1$d, components: [%3$s]}
            health:
              - {name: aws, match: {category: issue}, page_id: %1$d, components: [%2$s, %3$s]}
            """.formatted(PAGE_ID, API_COMPONENT, DB_COMPONENT);

    static final Router ROUTER = new Router(StatusPageSettings.document(ROUTES));

    @Test
    void everyDeliveryOrderKeepsThePageTrueToCloudWatch() {
        int deliveries = 0;
        int documented = 0;
        int resolvedInBatch = 0;
        int sweeps = 0;
        int sweptResolutions = 0;
        int healthDeliveries = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEQUENCES; seed++) {
            Story story = new Story(seed);
            try {
                deliveries += story.run();
                documented += story.documented.size();
                resolvedInBatch += story.resolvedInBatch.size();
                sweeps += story.sweeps;
                sweptResolutions += story.sweptResolutions;
                healthDeliveries += story.healthDeliveries;
            } catch (AssertionError broken) {
                throw new AssertionError("seed " + seed + " (replay with -Dmodel.seed=" + seed
                        + " -Dmodel.sequences=1): " + broken.getMessage() + "\n" + story.trace(), broken);
            }
        }
        assertTrue(deliveries > SEQUENCES * 10L, "stories deliver changes: " + deliveries);
        assertTrue(healthDeliveries > SEQUENCES, "stories deliver AWS Health versions: " + healthDeliveries);
        System.out.printf("DeliveryOrderModelTest: %d sequences, %d deliveries (%d of AWS Health), %d sweeps resolving"
                + " %d incidents; alarms left off the page as documented: %d recoveries delivered before any incident,"
                + " %d re-fires a resolution covered%n", SEQUENCES, deliveries, healthDeliveries, sweeps,
                sweptResolutions, documented, resolvedInBatch);
    }

    /** One seeded story: CloudWatch's changes, how AWS delivers them, and the page after each batch. */
    static final class Story {

        final Random random;
        final FakeFlashduty fake = FakeFlashduty.inMemory(APP_KEY, PAGE_ID,
                Map.of(API_COMPONENT, "API", DB_COMPONENT, "Database"));
        final Map<String, AlarmState> truth = new LinkedHashMap<>();
        final Map<String, Instant> truthAt = new HashMap<>();
        final Set<String> documented = new HashSet<>();
        final Set<String> resolvedInBatch = new HashSet<>();
        final List<String> trace = new ArrayList<>();
        FakeFlashduty.Incident byPerson;
        long quiet;
        int sweeps;
        int sweptResolutions;
        int healthDeliveries;
        Instant delivered = START;

        Story(long seed) {
            this.random = new Random(seed);
        }

        int run() {
            List<AlarmChange> changes = changes();
            List<AlarmChange> deliveries = deliver(changes);
            healthDeliveries = (int) deliveries.stream().filter(AlarmChange::isHealth).count();
            Instant now = changes.get(changes.size() - 1).stateTime().plusSeconds(60);
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            if (random.nextBoolean()) {
                fake.kind();
            }
            var cache = new ReadCache(random.nextBoolean() ? 5_000 : 0, clock);
            quiet = random.nextBoolean() ? QUIET_SECONDS : 0;
            boolean monitoring = quiet > 0 && random.nextBoolean();
            trace.add("quiet period " + quiet + " s" + (monitoring ? ", with the monitoring update" : ""));
            var executor = new PlanExecutor(ROUTER, new InProcessStatusPage(fake, APP_KEY), cache, clock,
                    new AlarmDecisions.Policy(InsufficientDataPolicy.IGNORE, true,
                            new CalmPage(Duration.ofSeconds(quiet), monitoring, Set.of())));
            openIncidentAsAPerson();
            int next = 0;
            while (next < deliveries.size()) {
                int size = Math.min(deliveries.size() - next, random.nextInt(4) == 0 ? 1 + random.nextInt(6) : 1);
                List<AlarmChange> batch = deliveries.subList(next, next + size);
                next += size;
                Set<Long> resolvedBefore = resolvedIncidents();
                Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
                List<Outcome> answered = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    answered.add(executor.apply(batch.get(i), i, invocation));
                }
                List<Outcome> outcomes = executor.finish(invocation, answered);
                for (int i = 0; i < batch.size(); i++) {
                    AlarmChange change = batch.get(i);
                    Outcome outcome = outcomes.get(i);
                    trace.add(change.name() + (change.contributor() == null ? "" : "#" + change.contributor().id())
                            + " " + change.newState() + "@" + change.stateTime().getEpochSecond()
                            + " via " + change.envelope() + " in a batch of " + batch.size() + " -> "
                            + outcome.outcome().wire() + ": " + outcome.reason());
                    if (outcome.mustRetry()) {
                        fail("a change failed: " + outcome.reason());
                    }
                    // A recovery delivered before its alarm, or its time series, is on the page is dropped.
                    if (isLastChange(change) && change.newState() == AlarmState.OK
                            && (outcome.reason().equals("no open incident for this alarm")
                                    || outcome.reason().matches("incident \\d+ does not list contributor .*"))) {
                        documented.add(change.memberKey().wire());
                    }
                    if (isLastChange(change) && change.newState() == AlarmState.ALARM
                            && outcome.reason().matches("stale: incident \\d+ for this alarm was resolved at .*")) {
                        resolvedInBatch.add(change.memberKey().wire());
                    }
                }
                batch.forEach(change -> delivered = change.stateTime().isAfter(delivered) ? change.stateTime()
                        : delivered);
                if (quiet > 0) {
                    assertEquals(resolvedBefore, resolvedIncidents(), "with a quiet period only the sweep resolves");
                }
                checkInvariants();
                if (quiet > 0 && random.nextInt(3) == 0) {
                    // A sweep runs in real time, so after every change delivered so far.
                    sweep(executor, delivered.plusSeconds(random.nextInt(400)));
                }
            }
            sweep(executor, changes.get(changes.size() - 1).stateTime().plusSeconds(quiet + 60));
            fake.incidents().stream().filter(this::isOursAndOpen).forEach(incident -> assertTrue(
                    IncidentText.readAlarmList(incident.updates().get(0).description()).firing() > 0,
                    "after the last sweep every open incident of ours has a firing alarm"));
            checkAgreesWithCloudWatch();
            return deliveries.size();
        }

        /**
         * Runs a sweep at {@code at}: it resolves exactly the incidents whose alarms have all been recovered for the
         * quiet period, each at the time its last alarm recovered.
         */
        void sweep(PlanExecutor executor, Instant at) {
            Map<Long, FakeFlashduty.Incident> openBefore = new HashMap<>();
            fake.incidents().stream().filter(this::isOursAndOpen)
                    .forEach(incident -> openBefore.put(incident.changeId(), incident));
            Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
            Outcome outcome = executor.sweep(at, invocation).outcome();
            sweeps++;
            executor.finish(invocation, List.of(outcome));
            trace.add("sweep at " + at.getEpochSecond() + " -> " + outcome.outcome().wire() + ": " + outcome.reason());
            if (outcome.mustRetry()) {
                fail("a sweep failed: " + outcome.reason());
            }
            for (FakeFlashduty.Incident before : openBefore.values()) {
                Membership members = IncidentText.readAlarmList(before.updates().get(0).description());
                long lastChange = members.members().values().stream().mapToLong(Membership.Member::atSeconds).max()
                        .orElseThrow();
                boolean due = members.firing() == 0 && at.getEpochSecond() >= lastChange + quiet;
                FakeFlashduty.Incident after = fake.incidents().stream()
                        .filter(incident -> incident.changeId() == before.changeId()).findFirst().orElseThrow();
                assertEquals(due, "resolved".equals(after.status()), "incident " + before.changeId()
                        + (due ? " is due and was not resolved" : " was resolved before it was due"));
                if (due) {
                    sweptResolutions++;
                    long newest = before.updates().stream().mapToLong(FakeFlashduty.Update::atSeconds).max()
                            .orElse(before.startAtSeconds());
                    long resolvedAt = after.updates().get(after.updates().size() - 1).atSeconds();
                    assertEquals(Math.max(lastChange, Math.max(newest, before.startAtSeconds()) + 1), resolvedAt,
                            "resolved when its last alarm recovered (after its newest update)");
                }
            }
            checkInvariants();
        }

        boolean isOursAndOpen(FakeFlashduty.Incident incident) {
            return incident.changeId() != byPerson.changeId() && !"resolved".equals(incident.status());
        }

        Set<Long> resolvedIncidents() {
            Set<Long> resolved = new HashSet<>();
            fake.incidents().stream().filter(incident -> "resolved".equals(incident.status()))
                    .forEach(incident -> resolved.add(incident.changeId()));
            return resolved;
        }

        /** Each alarm changes state several times, each change later than the one before. */
        List<AlarmChange> changes() {
            List<AlarmChange> changes = new ArrayList<>();
            Map<String, AlarmState> state = new HashMap<>();
            MEMBERS.forEach(name -> state.put(name, AlarmState.OK));
            Instant at = START;
            int count = 6 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                String name = MEMBERS.get(random.nextInt(MEMBERS.size()));
                AlarmState from = state.get(name);
                AlarmState to = next(name, from);
                at = at.plusSeconds(1 + random.nextInt(300));
                changes.add(name.equals(HEALTH) ? health(to, at)
                        : change(name, to, from, at, random.nextBoolean() ? Envelope.SNS : Envelope.EVENTBRIDGE));
                state.put(name, to);
                if (to != AlarmState.INSUFFICIENT_DATA) {
                    truth.put(changes.get(changes.size() - 1).memberKey().wire(), to);
                    truthAt.put(changes.get(changes.size() - 1).memberKey().wire(), at);
                }
            }
            return changes;
        }

        /** A time series (contributor), like an AWS Health issue, is only ever in ALARM or OK. */
        AlarmState next(String member, AlarmState from) {
            if (!member.contains("#") && !member.equals(HEALTH) && random.nextInt(6) == 0) {
                return from == AlarmState.INSUFFICIENT_DATA ? AlarmState.OK : AlarmState.INSUFFICIENT_DATA;
            }
            return from == AlarmState.ALARM ? AlarmState.OK : AlarmState.ALARM;
        }

        /** At least once and out of order: some changes twice (the second by the other path), some swapped. */
        List<AlarmChange> deliver(List<AlarmChange> changes) {
            List<AlarmChange> deliveries = new ArrayList<>();
            for (AlarmChange change : changes) {
                deliveries.add(change);
                if (random.nextInt(4) == 0) {
                    // Health sends one path only; its repeats are EventBridge's and backup Regions'.
                    Envelope other = change.isHealth() ? Envelope.HEALTH
                            : change.envelope() == Envelope.SNS ? Envelope.EVENTBRIDGE : Envelope.SNS;
                    int at = Math.min(deliveries.size(), deliveries.size() - 1 + random.nextInt(4));
                    deliveries.add(at, withEnvelope(change, other));
                }
            }
            for (int i = 0; i + 1 < deliveries.size(); i++) {
                if (random.nextInt(5) == 0) {
                    int j = i + 1 + random.nextInt(Math.min(3, deliveries.size() - i - 1));
                    AlarmChange swapped = deliveries.get(i);
                    deliveries.set(i, deliveries.get(j));
                    deliveries.set(j, swapped);
                }
            }
            return deliveries;
        }

        boolean isLastChange(AlarmChange change) {
            return change.stateTime().equals(truthAt.get(change.memberKey().wire()));
        }

        void openIncidentAsAPerson() {
            ObjectMapper json = new ObjectMapper();
            var created = fake.handle("POST", FlashdutyPaths.CREATE_PATH, Map.of("app_key", APP_KEY), json.valueToTree(
                    Map.of("page_id", PAGE_ID, "type", "incident", "title", "Checkout is slow",
                            "description", "We are looking into slow checkouts.", "status", "investigating",
                            "start_at_seconds", START.getEpochSecond(), "updates", List.of(Map.of("status",
                                    "investigating", "component_changes", List.of(Map.of("component_id",
                                            API_COMPONENT, "status", "degraded")))))));
            long id = created.path("data").path("change_id").asLong();
            byPerson = fake.incidents().stream().filter(incident -> incident.changeId() == id).findFirst()
                    .orElseThrow();
        }

        void checkInvariants() {
            Map<String, Integer> listings = new HashMap<>();
            for (FakeFlashduty.Incident incident : fake.incidents()) {
                if (incident.changeId() == byPerson.changeId()) {
                    assertEquals(byPerson, incident, "an incident opened by a person is never touched");
                    continue;
                }
                assertTrue(incident.description().contains(IncidentText.KEY_PREFIX), "every other incident is ours");
                boolean open = !"resolved".equals(incident.status());
                if (!open) {
                    assertTrue(incident.components().values().stream().allMatch("operational"::equals),
                            "a resolved incident has every component operational: " + incident.components());
                    continue;
                }
                String list = incident.updates().get(0).description();
                Membership members = IncidentText.readAlarmList(list);
                assertEquals(members.members().size(), list.lines().filter(line -> line.startsWith("- `")).count(),
                        "each alarm is listed once in its incident");
                assertTrue(members.firing() > 0 || quiet > 0,
                        "without a quiet period an open incident of ours has a firing alarm: " + list);
                members.members().keySet().forEach(arn -> listings.merge(arn, 1, Integer::sum));
            }
            listings.forEach((arn, count) -> assertEquals(1, count,
                    "an alarm stands in one open incident at most: " + arn));
        }

        void checkAgreesWithCloudWatch() {
            Map<String, Membership.State> onPage = new HashMap<>();
            fake.incidents().stream().filter(incident -> incident.changeId() != byPerson.changeId())
                    .filter(incident -> !"resolved".equals(incident.status()))
                    .forEach(incident -> IncidentText.readAlarmList(incident.updates().get(0).description()).members()
                            .forEach((arn, member) -> onPage.put(arn, member.state())));
            truth.forEach((arn, state) -> {
                boolean firing = onPage.get(arn) == Membership.State.ALARM;
                if (state == AlarmState.ALARM) {
                    assertTrue(firing || resolvedInBatch.contains(arn),
                            arn + " is in ALARM, and the page does not show it firing");
                } else if (firing) {
                    assertTrue(documented.contains(arn), arn + " recovered, and the page still shows it firing");
                }
            });
        }

        String trace() {
            return String.join("\n", trace);
        }
    }

    static String arn(String name) {
        return "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name;
    }

    /** A change of {@code member}: an alarm's name, or {@code name#id} for one of its time series. */
    static AlarmChange change(String member, AlarmState state, AlarmState previous, Instant at, Envelope envelope) {
        String name = member.contains("#") ? member.substring(0, member.indexOf('#')) : member;
        AlarmChange change = AlarmChange.of(name, arn(name), state).account("210987654321").region("us-east-1")
                .previous(previous).reason("Threshold Crossed: the story moved the alarm to " + state + ".").at(at)
                .metrics(new MetricSummary("AWS/ApplicationELB", List.of("HTTPCode_Target_5XX_Count"), Map.of()))
                .via(envelope).build();
        if (!member.contains("#")) {
            return change;
        }
        String table = member.substring(member.indexOf('#') + 1);
        return change.withContributor(new AlarmChange.Contributor("series-" + table, Map.of("TableName", table)));
    }

    /** A version of the AWS Health issue: open ({@code ALARM}) or closed ({@code OK}), its time the version's. */
    static AlarmChange health(AlarmState state, Instant at) {
        String eventArn = "arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_1";
        var event = new HealthEvent(eventArn, "EC2", "AWS_EC2_OPERATIONAL_ISSUE", HealthEvent.ISSUE,
                state == AlarmState.ALARM ? "open" : "closed", START, state == AlarmState.OK ? at : null, List.of());
        return AlarmChange.of("AWS_EC2_OPERATIONAL_ISSUE", HealthEvent.key(eventArn, "210987654321"), state)
                .account("210987654321").region("us-east-1").reason("AWS is investigating the EC2 API.").at(at)
                .via(Envelope.HEALTH).health(event).build();
    }

    static AlarmChange withEnvelope(AlarmChange change, Envelope envelope) {
        return change.toBuilder().via(envelope).build();
    }
}
