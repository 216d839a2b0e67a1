package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.FrozenClock;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Flashduty's {@code X-RateLimit-*} headers on every answer pace the function: when the account's calls are spent
 * (by other clients of the account), the next call waits for the reset, or the invocation fails at once when the
 * reset comes after its deadline, instead of spending its retries on 429s.
 */
@QuarkusTest
@TestProfile(AccountWindowTest.OwnApplication.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class AccountWindowTest {

    /** An application of its own: the window this test spends stays spent for an hour. */
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashduty.retry.call-timeout-ms", "30000");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FrozenClock.class);
        }
    }

    @Test
    void failsAtOnceWhenTheAccountsCallsAreSpentUntilAfterTheDeadline() {
        fake().spendAccountWindowUntil(FrozenClock.AT.plusSeconds(3600));

        Response response = Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));

        assertEquals(500, response.statusCode());
        String message = Fixtures.json(response.asString()).path("errorMessage").asText();
        assertEquals("failed: Flashduty call abandoned: Flashduty reports the account's calls spent for 3600 s more,"
                + " past the invocation's deadline", message);
        assertEquals(1, fake().requests().size(), "the first answer reported the window spent; nothing more was sent");
    }
}
