package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.statuspagesync.config.FlashdutyConfig;
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
import io.smallrye.config.WithDefault;

/**
 * Every way a call can fail, once or for good, for each call an alarm's life makes (the read of open incidents,
 * the create, the edit that adds a joining alarm, the resolution): how many calls it costs, how the invocation
 * ends, and that the change ends up on the page exactly once, at once or after Lambda delivers it again.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
public class FaultMatrixTest {

    /** Time the calls wait on: a Retry-After or the pacing takes no real time, and every wait is seen. */
    SteppedTicker ticker;

    @BeforeEach
    void steppedTime() {
        ticker = SteppedTicker.fromSystem();
        QuarkusMock.installMockForType(ticker, Ticker.class);
    }

    /** A cell whose fault asks to retry after a while: that wait comes before the retry. */
    private void assertRetryAfterWaitedOut(Cell cell) {
        for (Fault fault : cell.faults()) {
            if (fault instanceof Fault.Status status && status.retryAfterSeconds() != null && cell.calls() > 1) {
                assertTrue(ticker.waits().contains(Duration.ofSeconds(status.retryAfterSeconds())),
                        "Retry-After: " + status.retryAfterSeconds() + " waited out: " + ticker.waits());
            }
        }
    }

    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final String FIRING = "sns-single-metric-alarm.json";
    static final String RECOVERY = "sns-single-metric-ok.json";
    static final String RESOLVE = FlashdutyPaths.TIMELINE_PATH;
    static final String LIST = FlashdutyPaths.CHANGE + FlashdutyPaths.ACTIVE_LIST;
    static final String EDIT = FlashdutyPaths.TIMELINE_UPDATE_PATH;
    /** A second alarm on the same components: it joins the open incident by editing its opening update. */
    static final String JOINING = "sns-metric-math-alarm.json";
    static final String JOINING_ARN = "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-5xx-error-rate";
    /** Attempts per call: the first and {@code flashduty.retry.max-retries} more. */
    static final int ATTEMPTS = defaultMaxRetries() + 1;

    /**
     * One cell: the faults the call meets in a row, the invocation's end, the calls it made, and (when not null) a
     * pattern the whole error message of a failed first invocation matches.
     */
    record Cell(String name, List<Fault> faults, String outcome, int calls, String message) {

        /** The fault once, then answers. */
        static Cell once(String name, Fault fault, String outcome, int calls) {
            return new Cell(name, List.of(fault), outcome, calls, null);
        }

        /** The fault on every attempt. */
        static Cell always(String name, Fault fault, String outcome) {
            return new Cell(name, Collections.nCopies(ATTEMPTS, fault), outcome, ATTEMPTS, null);
        }

        /** This cell, whose failed invocation's error message matches {@code pattern}. */
        Cell saying(String pattern) {
            return new Cell(name, faults, outcome, calls, pattern);
        }

        Fault[] injected() {
            return faults.toArray(Fault[]::new);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Cell> cells() {
        return Stream.of(
                Cell.once("429 without Retry-After, once", new Fault.Status(429, "RequestTooFrequently", null),
                        "created", 2),
                Cell.once("429 with Retry-After: 1, once", new Fault.Status(429, "RequestTooFrequently", 1),
                        "created", 2),
                Cell.once("429 with X-RateLimit-Reset now, once", new Fault.RateLimited(0), "created", 2),
                Cell.once("429 with Retry-After beyond the invocation",
                        new Fault.Status(429, "RequestTooFrequently", 3600), "failed", 1)
                        .saying("failed: Flashduty call abandoned.*retry after 3600 s.*"),
                Cell.once("500, once", new Fault.Status(500, "InternalError", null), "created", 2),
                Cell.once("503, once", new Fault.Status(503, "ServiceUnavailable", null), "created", 2),
                new Cell("500, then 503", List.of(new Fault.Status(500, "InternalError", null),
                        new Fault.Status(503, "ServiceUnavailable", null)), "created", 3, null),
                Cell.once("no answer within the timeout, once", new Fault.Hang(), "created", 2),
                Cell.once("connection dropped before the answer, once", new Fault.Drop(), "created", 2),
                Cell.once("connection dropped mid-answer after the create worked", new Fault.Truncate(), "created",
                        1),
                Cell.once("no answer after the create worked", new Fault.ActThenHang(), "created", 1),
                Cell.once("error envelope on HTTP 200, retryable code, once",
                        new Fault.ErrorOn200("RequestTooFrequently"), "created", 2),
                Cell.always("429 every time", new Fault.Status(429, "RequestTooFrequently", null), "failed"),
                Cell.always("500 every time", new Fault.Status(500, "InternalError", null), "failed"),
                Cell.always("503 every time", new Fault.Status(503, "ServiceUnavailable", null), "failed")
                        .saying("failed: Flashduty HTTP 503 ServiceUnavailable.*"),
                Cell.always("no answer every time", new Fault.Hang(), "failed"),
                Cell.always("connection dropped every time", new Fault.Drop(), "failed"),
                Cell.once("error envelope on HTTP 200, rejecting code", new Fault.ErrorOn200("InvalidParameter"),
                        "rejected", 1).saying("rejected: Flashduty HTTP 200 InvalidParameter.*request_id 01FAKE.*"),
                Cell.once("400", new Fault.Status(400, "InvalidParameter", null), "rejected", 1)
                        .saying("rejected: Flashduty HTTP 400 InvalidParameter.*"),
                Cell.once("401", new Fault.Status(401, "Unauthorized", null), "rejected", 1)
                        .saying("rejected: Flashduty HTTP 401 Unauthorized.*"),
                Cell.once("success body without its fields", new Fault.EmptySuccess(), "rejected", 1)
                        .saying("rejected: Flashduty HTTP 200 MissingChangeId.*"));
    }

    static Stream<Cell> resolveCells() {
        return Stream.of(
                Cell.once("429, once", new Fault.Status(429, "RequestTooFrequently", null), "resolved", 2),
                Cell.once("503, once", new Fault.Status(503, "ServiceUnavailable", null), "resolved", 2),
                Cell.once("no answer within the timeout, once", new Fault.Hang(), "resolved", 2),
                Cell.once("connection dropped mid-answer after the resolution worked", new Fault.Truncate(),
                        "resolved", 1),
                Cell.always("500 every time", new Fault.Status(500, "InternalError", null), "failed"),
                Cell.once("400", new Fault.Status(400, "InvalidParameter", null), "rejected", 1));
    }

    static Stream<Cell> listCells() {
        return Stream.of(
                Cell.once("429, once", new Fault.Status(429, "RequestTooFrequently", null), "updated", 2),
                Cell.once("500, once", new Fault.Status(500, "InternalError", null), "updated", 2),
                Cell.once("no answer within the timeout, once", new Fault.Hang(), "updated", 2),
                Cell.once("connection dropped before the answer, once", new Fault.Drop(), "updated", 2),
                Cell.once("connection dropped mid-answer, once", new Fault.Truncate(), "updated", 2),
                Cell.once("error envelope on HTTP 200, retryable code, once",
                        new Fault.ErrorOn200("ServiceUnavailable"), "updated", 2),
                Cell.always("503 every time", new Fault.Status(503, "ServiceUnavailable", null), "failed"),
                Cell.always("no answer every time", new Fault.Hang(), "failed"),
                Cell.once("400", new Fault.Status(400, "InvalidParameter", null), "rejected", 1),
                Cell.once("success body without its fields", new Fault.EmptySuccess(), "rejected", 1));
    }

    static Stream<Cell> editCells() {
        return Stream.of(
                Cell.once("429 with Retry-After: 1, once", new Fault.Status(429, "RequestTooFrequently", 1),
                        "updated", 2),
                Cell.once("503, once", new Fault.Status(503, "ServiceUnavailable", null), "updated", 2),
                Cell.once("no answer within the timeout, once", new Fault.Hang(), "updated", 2),
                Cell.once("connection dropped before the answer, once", new Fault.Drop(), "updated", 2),
                Cell.once("connection dropped mid-answer after the edit worked", new Fault.Truncate(), "updated", 2),
                Cell.once("no answer after the edit worked", new Fault.ActThenHang(), "updated", 2),
                Cell.always("500 every time", new Fault.Status(500, "InternalError", null), "failed"),
                Cell.once("400", new Fault.Status(400, "InvalidParameter", null), "rejected", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCells")
    void aFailedReadOfOpenIncidentsNeverOpensASecondOne(Cell cell) {
        Lambda.answer(Fixtures.event(FIRING));
        int before = fake().requests(LIST).size();
        fake().failNext(LIST, cell.injected());

        Response first = Lambda.invoke(Fixtures.event(JOINING));

        assertEquals(cell.calls(), fake().requests(LIST).size() - before, "list calls");
        assertEquals(1, fake().requests(CREATE).size(), "no create while the open incidents are unknown");
        expectOutcome(cell, first, JOINING);
        assertJoinedOnce();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("editCells")
    void aJoiningAlarmIsListedExactlyOnceOrFailsSoThatLambdaDeliversItAgain(Cell cell) {
        Lambda.answer(Fixtures.event(FIRING));
        fake().failNext(EDIT, cell.injected());

        Response first = Lambda.invoke(Fixtures.event(JOINING));

        assertEquals(cell.calls(), fake().requests(EDIT).size(), "edit calls");
        assertRetryAfterWaitedOut(cell);
        if (!cell.outcome().equals("updated")) {
            assertEquals(0, memberLines(JOINING_ARN), "not listed yet: nothing half-done");
        }
        expectOutcome(cell, first, JOINING);
        assertJoinedOnce();
    }

    /** The first invocation's end; after a failure, the redelivery that Lambda or the failure queue makes. */
    private static void expectOutcome(Cell cell, Response first, String event) {
        if (cell.outcome().equals("updated")) {
            assertEquals(200, first.statusCode(), first.asString());
            assertEquals("updated", Fixtures.json(first.asString()).path("outcome").asText(), first.asString());
        } else {
            // The invocation fails, so Lambda delivers the change again.
            String message = Lambda.failureOf(first);
            assertTrue(message.startsWith(cell.outcome() + ": "), message);
            assertEquals("updated", Lambda.answer(Fixtures.event(event)).path("outcome").asText());
        }
    }

    /** One incident, both alarms listed in it once, no subscriber-visible update, and a redelivery is a no-op. */
    private static void assertJoinedOnce() {
        assertEquals(1, fake().incidents().size(), "one incident");
        assertEquals(1, memberLines(JOINING_ARN), "the joining alarm is listed once");
        assertEquals(1, fake().incidents().get(0).updates().size(), "a join adds no subscriber-visible update");
        assertEquals("ignored", Lambda.answer(Fixtures.event(JOINING)).path("outcome").asText(),
                "a further delivery changes nothing");
        assertEquals(1, memberLines(JOINING_ARN));
    }

    private static long memberLines(String arn) {
        String opening = fake().incidents().get(0).updates().get(0).description();
        return opening.lines().filter(line -> line.startsWith("- `" + arn + "`")).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolveCells")
    void resolvesExactlyOnceOrFailsSoThatLambdaDeliversTheRecoveryAgain(Cell cell) {
        Lambda.answer(Fixtures.event(FIRING));
        int before = fake().requests(RESOLVE).size();
        fake().failNext(RESOLVE, cell.injected());

        Response first = Lambda.invoke(Fixtures.event(RECOVERY));

        assertEquals(cell.calls(), fake().requests(RESOLVE).size() - before, "resolve calls");
        if (cell.outcome().equals("resolved")) {
            assertEquals(200, first.statusCode(), first.asString());
            assertEquals("resolved", Fixtures.json(first.asString()).path("outcome").asText());
        } else {
            // The invocation fails, so Lambda delivers the recovery again.
            assertTrue(Lambda.failureOf(first)
                    .startsWith(cell.outcome() + ": "));
            assertEquals("investigating", fake().incidents().get(0).status(), "still open, nothing half-done");
            assertEquals("resolved", Lambda.answer(Fixtures.event(RECOVERY)).path("outcome").asText());
        }
        var incident = fake().incidents().get(0);
        assertEquals("resolved", incident.status());
        assertEquals(1, incident.updates().stream().filter(update -> update.status().equals("resolved")).count(),
                "subscribers hear of the resolution once");
        assertEquals("ignored", Lambda.answer(Fixtures.event(RECOVERY)).path("outcome").asText(),
                "a further delivery changes nothing");
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void reflectsTheAlarmExactlyOnceOrFailsSoThatLambdaDeliversItAgain(Cell cell) {
        fake().failNext(CREATE, cell.injected());

        Response first = Lambda.invoke(Fixtures.event(FIRING));

        assertEquals(cell.calls(), fake().requests(CREATE).size(), "create calls");
        assertRetryAfterWaitedOut(cell);
        if (cell.outcome().equals("created")) {
            assertEquals(200, first.statusCode(), first.asString());
            assertEquals("created", Fixtures.json(first.asString()).path("outcome").asText());
            assertEquals(fake().incidents().get(0).changeId(), Fixtures.json(first.asString()).path("change_id")
                    .asLong(), "the answer names the incident on the page");
        } else {
            // The invocation fails, so Lambda delivers the change again.
            String message = Lambda.failureOf(first);
            assertTrue(message.startsWith(cell.outcome() + ": "), message);
            assertTrue(cell.message() == null || Pattern.compile(cell.message(), Pattern.DOTALL).matcher(message)
                    .matches(), message + " does not match " + cell.message());
            assertEquals(0, fake().incidents().size(), "nothing half-done on the page");
            // Lambda's retry, or the replay from the failure queue, once Flashduty answers again.
            var again = Lambda.answer(Fixtures.event(FIRING));
            assertEquals("created", again.path("outcome").asText());
        }
        assertEquals(1, fake().incidents().size(), "the alarm is on the page exactly once");
        var redelivered = Lambda.answer(Fixtures.event(FIRING));
        assertEquals("ignored", redelivered.path("outcome").asText(), "a further delivery changes nothing");
        assertEquals(1, fake().incidents().size());
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
}
