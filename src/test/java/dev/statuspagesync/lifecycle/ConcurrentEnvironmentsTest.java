package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.invocation.InvocationFailedException;
import dev.statuspagesync.invocation.StatusPageSync;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two function environments handling changes at the same moment, as Lambda runs them when SNS and EventBridge
 * deliver the same change: each thread here is one environment with its own invocation, and the fake holds
 * both reads of open incidents until both have arrived, so both find none and both create.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class ConcurrentEnvironmentsTest {

    static final String FIRES_AT = "2026-03-14T09:26:53.304+0000";
    static final String RECOVERS_AT = "2026-03-14T09:46:53.118+0000";
    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final String DELETE = FlashdutyPaths.DELETE_PATH;
    static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu";

    @Inject
    StatusPageSync sync;

    private final ExecutorService environments = Executors.newFixedThreadPool(2);


    @AfterEach
    void stopEnvironments() {
        environments.shutdownNow();
    }

    @Test
    void theSameChangeBySnsAndEventBridgeAtOnceEndsInOneIncident() {
        fake().holdListsUntil(2);

        List<JsonNode> answers = atOnce(AlarmEvents.sns("ALARM", "OK", FIRES_AT),
                AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT));

        assertEquals(2, fake().requests(CREATE).size(), "both environments found no incident and created one");
        assertEquals(1, fake().requests(DELETE).size(), "the later one deleted its own");
        assertEquals(1, fake().incidents().size(), "one incident is left");
        long kept = fake().incidents().get(0).changeId();
        long deleted = fake().requests(DELETE).get(0).body().path("change_id").asLong();
        assertTrue(deleted > kept, "the first opened stays");
        List<String> outcomes = answers.stream().map(answer -> answer.path("outcome").asText()).sorted().toList();
        assertEquals(List.of("created", "ignored"), outcomes);
        JsonNode loser = answers.stream().filter(answer -> answer.path("outcome").asText().equals("ignored"))
                .findFirst().orElseThrow();
        assertEquals("incident " + kept + " is already open for this alarm; incident " + deleted
                + ", opened for it at the same moment, was deleted", loser.path("reason").asText());
        assertEquals(kept, loser.path("change_id").asLong());
        assertEquals("resolved", Lambda.answer(AlarmEvents.sns("OK", "ALARM", RECOVERS_AT)).path("outcome").asText());
        assertEquals("resolved", fake().incidents().get(0).status());
    }

    @Test
    void twoAlarmsOnTheSameComponentsAtOnceShareOneIncident() {
        fake().holdListsUntil(2);

        List<JsonNode> answers = atOnce(AlarmEvents.sns("ALARM", "OK", FIRES_AT),
                Fixtures.event("sns-metric-math-alarm.json"));

        assertEquals(1, fake().incidents().size(), "one incident is left");
        var incident = fake().incidents().get(0);
        String members = incident.updates().get(0).description();
        assertTrue(members.contains("- `" + ARN + "`: ALARM"), members);
        assertTrue(members.contains("alarm:orders-5xx-error-rate`: ALARM"), members);
        assertEquals(List.of("created", "updated"),
                answers.stream().map(answer -> answer.path("outcome").asText()).sorted().toList());
    }

    @Test
    void aDuplicateThatCouldNotBeDeletedIsDeletedByTheNextChangeOfItsAlarm() {
        fake().holdListsUntil(2);
        fake().failNext(DELETE, Collections.nCopies(5, new Fault.Status(500, "InternalError", null))
                .toArray(Fault[]::new));

        List<JsonNode> answers = atOnce(AlarmEvents.sns("ALARM", "OK", FIRES_AT),
                AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT));

        assertEquals(List.of("created", "failed"),
                answers.stream().map(answer -> answer.path("outcome").asText()).sorted().toList(),
                "the loser fails, so Lambda delivers its change again");
        assertEquals(2, fake().incidents().size());
        long first = Math.min(fake().incidents().get(0).changeId(), fake().incidents().get(1).changeId());

        JsonNode again = Lambda.answer(AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT));

        assertEquals("ignored", again.path("outcome").asText());
        assertEquals(first, again.path("change_id").asLong());
        assertEquals(1, fake().incidents().size(), "the duplicate is gone");
        assertEquals(first, fake().incidents().get(0).changeId());
    }

    @Test
    void aRecoveryDeletesADuplicateOfItsAlarmsIncidentAndResolvesTheFirst() {
        fake().holdListsUntil(2);
        fake().failNext(DELETE, Collections.nCopies(5, new Fault.Status(500, "InternalError", null))
                .toArray(Fault[]::new));
        atOnce(AlarmEvents.sns("ALARM", "OK", FIRES_AT), AlarmEvents.eventBridge("ALARM", "OK", FIRES_AT));
        long first = Math.min(fake().incidents().get(0).changeId(), fake().incidents().get(1).changeId());

        JsonNode recovery = Lambda.answer(AlarmEvents.sns("OK", "ALARM", RECOVERS_AT));

        assertEquals("resolved", recovery.path("outcome").asText());
        assertEquals(first, recovery.path("change_id").asLong());
        assertEquals(1, fake().incidents().size());
        assertEquals("resolved", fake().incidents().get(0).status());
    }

    /** Hands each event to its own environment at the same moment and waits for both answers. */
    private List<JsonNode> atOnce(String first, String second) {
        var one = CompletableFuture.supplyAsync(() -> handle(first), environments);
        var two = CompletableFuture.supplyAsync(() -> handle(second), environments);
        return List.of(one.join(), two.join());
    }

    /** The environment's answer; a failed invocation answers with the outcome that failed it. */
    private JsonNode handle(String event) {
        try {
            return Fixtures.JSON.valueToTree(sync.handle(Fixtures.json(event), Deadline.in(Duration.ofSeconds(20))));
        } catch (InvocationFailedException failed) {
            return Fixtures.JSON.valueToTree(failed.outcome());
        }
    }
}
