package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The per-minute guard refuses calls beyond the window instead of sending them. Shrunk from 1000 to 5 calls per
 * minute through the same configuration key an operator would use, so the test needs six calls, not a thousand.
 */
@QuarkusTest
@TestProfile(Profiles.MinuteBudget.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
class MinuteRateLimitTest {

    @Test
    void refusesCallsBeyondTheMinuteWindowWithoutSendingThem() {
        fake().reset();
        JsonNode first = Fixtures.json(Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"))
                .then().statusCode(200).extract().asString());

        Response second = Lambda.invoke(Fixtures.event("sns-metric-math-alarm.json"));

        assertEquals("created", first.path("outcome").asText());
        String message = Lambda.failureOf(second);
        assertTrue(message.startsWith("failed: "), message);
        assertTrue(message.toLowerCase().contains("rate limit"), message);
        assertEquals(5, fake().requests().size(),
                "the first alarm's three reads (open and resolved incidents, maintenances), create and read after it;"
                        + " nothing of the second left");
        assertEquals(1, fake().requests(FlashdutyPaths.CREATE_PATH).size());
    }
}
