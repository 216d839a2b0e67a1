package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The retry sequence stops when the invocation's time runs out, before Lambda would kill it. The mock event
 * server sends no deadline, so the fallback budget stands in for Lambda's remaining time.
 */
@QuarkusTest
@TestProfile(DeadlineTest.ShortInvocation.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class DeadlineTest {

    /**
     * 1.3 s per invocation, 300 ms per call: an attempt starts only with 300 + 8 x 10 (longest backoff) + 50
     * (reserve) = 430 ms left, so attempts start near 0, 330 and 660 ms (by 870 ms at the latest), and not near
     * 990 ms.
     */
    public static class ShortInvocation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.retry.default-budget-ms", "1300",
                    "flashduty.retry.call-timeout-ms", "300",
                    "flashduty.retry.max-retries", "10");
        }
    }

    @Test
    void abandonsRetriesWhenTheInvocationHasNoTimeLeft() {
        fake().failNext(FlashdutyPaths.ACTIVE_LIST_PATH, new Fault.Hang(), new Fault.Hang(), new Fault.Hang(),
                new Fault.Hang());

        Response response = Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));

        assertEquals(500, response.statusCode());
        JsonNode error = Fixtures.json(response.asString());
        String message = error.path("errorMessage").asText();
        assertTrue(message.startsWith("failed: Flashduty call abandoned: change/active/list needs"), message);
        // Three attempts fit the budget on an idle machine; a busy one may fit fewer. Never all eleven.
        int attempts = fake().requests(FlashdutyPaths.ACTIVE_LIST_PATH).size();
        assertTrue(attempts >= 1 && attempts <= 3, "attempts that fit 1.3 s: " + attempts);
        assertEquals(0, fake().requests(FlashdutyPaths.CREATE_PATH).size());
    }
}
