package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.PAGE_ID;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.decide.AlarmDecisions;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.InProcessStatusPage;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.outcome.Outcome;

/**
 * The function's lifecycle on one policy, without starting the application: the executor over an in-memory fake
 * Flashduty, its requests and answers the same JSON as over HTTP. The routes are {@link DeliveryOrderModelTest}'s:
 * api-* on the API component, db-* on the database, edge-* on both.
 */
final class InProcessFunction {

    final FakeFlashduty fake = FakeFlashduty.inMemory(APP_KEY, PAGE_ID, Map.of(API_COMPONENT, "API", DB_COMPONENT,
            "Database"));
    private final AlarmDecisions.Policy policy;

    InProcessFunction(AlarmDecisions.Policy policy) {
        this.policy = policy;
    }

    /** One invocation at {@code now} that carries {@code changes} as one batch; their answers, settled. */
    List<Outcome> deliver(Instant now, AlarmChange... changes) {
        var executor = executor(now);
        Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
        List<Outcome> answered = new ArrayList<>();
        for (int i = 0; i < changes.length; i++) {
            answered.add(executor.apply(changes[i], i, invocation));
        }
        return executor.finish(invocation, answered);
    }

    /** The scheduled sweep at {@code at}. */
    Outcome sweep(Instant at) {
        var executor = executor(at);
        Invocation invocation = executor.begin(Deadline.in(Duration.ofMinutes(1)));
        Outcome swept = executor.sweep(at, invocation).outcome();
        return executor.finish(invocation, List.of(swept)).get(0);
    }

    /** A change of alarm {@code name} to {@code state} at {@code at}, delivered by SNS. */
    static AlarmChange change(String name, AlarmState state, Instant at) {
        return DeliveryOrderModelTest.change(name, state, state == AlarmState.OK ? AlarmState.ALARM : AlarmState.OK,
                at, Envelope.SNS);
    }

    private PlanExecutor executor(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new PlanExecutor(DeliveryOrderModelTest.ROUTER, new InProcessStatusPage(fake, APP_KEY),
                new ReadCache(0, clock), clock, policy);
    }
}
