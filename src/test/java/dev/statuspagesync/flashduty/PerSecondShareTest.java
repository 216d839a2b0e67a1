package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.runtime.Startup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.statuspagesync.support.AppClock;

/** FLASHDUTY_CALLS_PER_SECOND is one environment's share of the account's 50 calls a second. */
@QuarkusTest
@TestProfile(Profiles.AccountLimits.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class PerSecondShareTest {

    @Test
    void spacesCallsToTheConfiguredShareOfTheAccountsRate() {
        // Time passes since the tests before: what the function read ages out of its cache, a window reopens.
        AppClock.CLOCK.advance(Duration.ofHours(2));
        var answer = Lambda.answer(AlarmEvents.sqsBatch(List.of("share-a", "share-b", "share-c"), "ALARM", "OK",
                "2026-03-14T08:00:00.000+0000"));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        List<FakeFlashduty.Recorded> calls = fake().requests();
        assertEquals(6, calls.size(), "list, resolved list, maintenance list, create, list, edit");
        // Paced where calls leave, seen where they arrive: the first call, which opens the connection and
        // serialises first, arrives late, so the gaps are measured from the second call on.
        for (int i = 2; i < calls.size(); i++) {
            long gap = calls.get(i).atNanos() - calls.get(i - 1).atNanos();
            assertTrue(gap >= Duration.ofMillis(150).toNanos(), "call " + i + " came " + gap / 1_000_000
                    + " ms after the one before; 4 calls a second space them 250 ms apart");
        }
        long span = calls.get(calls.size() - 1).atNanos() - calls.get(1).atNanos();
        assertTrue(span >= Duration.ofMillis(4 * 250 - 60).toNanos(), "5 calls took " + span / 1_000_000 + " ms");
    }

    @Test
    void refusesAShareAboveTheAccountsLimitOrBelowOne() {
        var tooHigh = assertThrows(IllegalArgumentException.class, () -> new FlashdutyClient(null, config(51, 1000), null, null, null));
        var none = assertThrows(IllegalArgumentException.class, () -> new FlashdutyClient(null, config(0, 1000), null, null, null));
        var noMinute = assertThrows(IllegalArgumentException.class, () -> new FlashdutyClient(null, config(10, 0), null, null, null));

        assertEquals("FLASHDUTY_CALLS_PER_SECOND must be between 1 and 50, was 51", tooHigh.getMessage());
        assertEquals("FLASHDUTY_CALLS_PER_SECOND must be between 1 and 50, was 0", none.getMessage());
        assertEquals("FLASHDUTY_CALLS_PER_MINUTE must be at least 1, was 0", noMinute.getMessage());
        assertTrue(FlashdutyClient.class.isAnnotationPresent(Startup.class), "checked as the function starts");
    }

    /** A configuration with the given shares and defaults elsewhere. */
    private static FlashdutyConfig config(int perSecond, int perMinute) {
        FlashdutyConfig.Retry retry = (FlashdutyConfig.Retry) Proxy.newProxyInstance(PerSecondShareTest.class.getClassLoader(),
                new Class<?>[] { FlashdutyConfig.Retry.class }, (proxy, method, args) -> 100L);
        return (FlashdutyConfig) Proxy.newProxyInstance(PerSecondShareTest.class.getClassLoader(),
                new Class<?>[] { FlashdutyConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "callsPerSecond" -> perSecond;
                    case "callsPerMinute" -> perMinute;
                    case "retry" -> retry;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
