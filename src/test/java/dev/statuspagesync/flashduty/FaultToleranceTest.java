package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Retries, rejections, timeouts and the rate limit, each proven by the requests the fake Flashduty counted. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
public class FaultToleranceTest {

    static final String FIRING = "sns-single-metric-alarm.json";
    static final String[] ALARMS = { "sns-single-metric-alarm.json", "sns-metric-math-alarm.json",
            "sns-anomaly-detection-alarm.json", "sns-composite-alarm.json", "sns-non-ascii-description.json",
            "sns-null-description.json" };
    static final String CREATE = FlashdutyPaths.CREATE_PATH;


    @Test
    void keepsOneEnvironmentUnderFiftyCallsPerSecond() {
        int invocations = 60;
        for (int i = 0; i < invocations; i++) {
            Lambda.answer(Fixtures.event(ALARMS[i % ALARMS.length]));
        }

        List<Long> arrivals = fake().requests().stream().map(FakeFlashduty.Recorded::atNanos).toList();
        assertTrue(arrivals.size() > 50, "a burst larger than one second's allowance: " + arrivals.size());
        assertEquals(1, fake().incidents().size(), "the alarms share their components, so they share one incident");
        assertEquals(ALARMS.length, fake().incidents().get(0).updates().get(0).description().lines()
                .filter(line -> line.startsWith("- `arn:aws:cloudwatch:")).count(), "every alarm recorded, none lost");
        int busiestSecond = 0;
        for (int first = 0; first < arrivals.size(); first++) {
            int inWindow = 0;
            for (int next = first; next < arrivals.size() && arrivals.get(next) - arrivals.get(first) < 1_000_000_000L;
                    next++) {
                inWindow++;
            }
            busiestSecond = Math.max(busiestSecond, inWindow);
        }
        assertTrue(busiestSecond <= 50, "busiest second saw " + busiestSecond + " calls");
    }

    @Test
    void neverPutsTheAppKeyIntoAnError() {
        fake().failNext(CREATE, new Fault.Status(400, "InvalidParameter", null));
        String rejected = Lambda.failure(Fixtures.event(FIRING));
        fake().failNext(CREATE, new Fault.Drop(), new Fault.Drop(), new Fault.Drop(), new Fault.Drop(), new Fault.Drop());
        String failed = Lambda.failure(Fixtures.event(FIRING));

        assertTrue(failed.startsWith("failed: Flashduty IOError"), failed);
        assertFalse(rejected.contains(APP_KEY) || failed.contains(APP_KEY));
    }


    /** Invokes an event that must fail the invocation, and returns Lambda's errorMessage. */
}
