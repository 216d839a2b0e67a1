package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.config.FlashdutyConfig;
import io.smallrye.config.WithDefault;
import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.SteppedTicker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

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
    void retriesServerErrorsThenCreatesOnce() {
        fake().failNext(CREATE, new Fault.Status(500, "InternalError", null), new Fault.Status(503, "ServiceUnavailable", null));

        JsonNode answer = Lambda.answer(Fixtures.event(FIRING));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals(3, fake().requests(CREATE).size());
        assertEquals(1, fake().incidents().size());
    }

    @Test
    void retriesRateLimitedCallWithoutRetryAfter() {
        fake().failNext(CREATE, new Fault.Status(429, "RequestTooFrequently", null));

        assertEquals("created", Lambda.answer(Fixtures.event(FIRING)).path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
    }

    @Test
    void waitsOutRetryAfterBeforeRetrying() {
        SteppedTicker ticker = SteppedTicker.fromSystem();
        QuarkusMock.installMockForType(ticker, Ticker.class);
        fake().failNext(CREATE, new Fault.Status(429, "RequestTooFrequently", 1));

        JsonNode answer = Lambda.answer(Fixtures.event(FIRING));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
        assertTrue(ticker.waits().contains(Duration.ofSeconds(1)), "Retry-After: 1 waited out: " + ticker.waits());
    }

    @Test
    void retriesOnceTheRateLimitWindowHasReopened() {
        fake().failNext(CREATE, new Fault.RateLimited(0));

        JsonNode answer = Lambda.answer(Fixtures.event(FIRING));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
    }

    @Test
    void failsAtOnceWhenRetryAfterOutlastsTheInvocation() {
        fake().failNext(CREATE, new Fault.Status(429, "RequestTooFrequently", 3600));

        String error = invokeFailing(FIRING);

        assertEquals(1, fake().requests(CREATE).size());
        assertTrue(error.startsWith("failed: Flashduty call abandoned"), error);
        assertTrue(error.contains("retry after 3600 s"), error);
    }

    @Test
    void retriesErrorEnvelopeOnHttp200WhenItIsRetryable() {
        fake().failNext(CREATE, new Fault.ErrorOn200("RequestTooFrequently"));

        assertEquals("created", Lambda.answer(Fixtures.event(FIRING)).path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
    }

    @Test
    void rejectsErrorEnvelopeOnHttp200WithoutRetrying() {
        fake().failNext(CREATE, new Fault.ErrorOn200("InvalidParameter"));

        String error = invokeFailing(FIRING);

        assertEquals(1, fake().requests(CREATE).size());
        assertTrue(error.startsWith("rejected: Flashduty HTTP 200 InvalidParameter"), error);
        assertTrue(error.contains("request_id 01FAKE"), error);
    }

    @Test
    void doesNotRetryRejectedRequest() {
        fake().failNext(CREATE, new Fault.Status(400, "InvalidParameter", null));

        String error = invokeFailing(FIRING);

        assertEquals(1, fake().requests(CREATE).size());
        assertTrue(error.startsWith("rejected: Flashduty HTTP 400 InvalidParameter"), error);
        assertEquals(List.of(), fake().incidents());
    }

    @Test
    void doesNotRetryUnauthorized() {
        fake().failNext(CREATE, new Fault.Status(401, "Unauthorized", null));

        String error = invokeFailing(FIRING);

        assertEquals(1, fake().requests(CREATE).size());
        assertTrue(error.startsWith("rejected: Flashduty HTTP 401 Unauthorized"), error);
    }

    @Test
    void failsInvocationAfterLastRetry() {
        int attempts = defaultMaxRetries() + 1;
        for (int i = 0; i < attempts; i++) {
            fake().failNext(CREATE, new Fault.Status(503, "ServiceUnavailable", null));
        }

        String error = invokeFailing(FIRING);

        assertEquals(attempts, fake().requests(CREATE).size());
        assertTrue(error.startsWith("failed: Flashduty HTTP 503 ServiceUnavailable"), error);
    }

    @Test
    void retriesAfterCallTimesOut() {
        fake().failNext(CREATE, new Fault.Hang());

        assertEquals("created", Lambda.answer(Fixtures.event(FIRING)).path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
    }

    @Test
    void findsTheIncidentATimedOutCreateOpenedInsteadOfOpeningAnother() {
        fake().failNext(CREATE, new Fault.ActThenHang());

        JsonNode answer = Lambda.answer(Fixtures.event(FIRING));

        assertEquals("created", answer.path("outcome").asText());
        assertEquals(1, fake().requests(CREATE).size(), "the retry looked, found, and did not create again");
        assertEquals(1, fake().incidents().size());
        assertEquals(fake().incidents().get(0).changeId(), answer.path("change_id").asLong());
    }

    @Test
    void retriesAfterDroppedConnection() {
        fake().failNext(CREATE, new Fault.Drop());

        assertEquals("created", Lambda.answer(Fixtures.event(FIRING)).path("outcome").asText());
        assertEquals(2, fake().requests(CREATE).size());
    }

    @Test
    void treatsSuccessWithoutChangeIdAsRejected() {
        fake().failNext(CREATE, new Fault.EmptySuccess());

        String error = invokeFailing(FIRING);

        assertEquals(1, fake().requests(CREATE).size());
        assertTrue(error.startsWith("rejected: Flashduty HTTP 200 MissingChangeId"), error);
    }

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
        String rejected = invokeFailing(FIRING);
        fake().failNext(CREATE, new Fault.Drop(), new Fault.Drop(), new Fault.Drop(), new Fault.Drop(), new Fault.Drop());
        String failed = invokeFailing(FIRING);

        assertTrue(failed.startsWith("failed: Flashduty IOError"), failed);
        assertFalse(rejected.contains(APP_KEY) || failed.contains(APP_KEY));
    }

    /** The shipped default, read from the configuration interface so the test follows the code. */
    public static int defaultMaxRetries() {
        try {
            return Integer.parseInt(FlashdutyConfig.Retry.class.getMethod("maxRetries")
                    .getAnnotation(WithDefault.class).value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }


    /** Invokes an event that must fail the invocation, and returns Lambda's errorMessage. */
    private static String invokeFailing(String fixture) {
        Response response = Lambda.invoke(Fixtures.event(fixture));
        assertEquals(500, response.statusCode(), response.asString());
        JsonNode error = Fixtures.json(response.asString());
        assertEquals("dev.statuspagesync.invocation.InvocationFailedException", error.path("errorType").asText());
        return error.path("errorMessage").asText();
    }
}
