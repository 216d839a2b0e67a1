package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

/**
 * Every way a call can fail, once or for good, for each call an alarm's life makes (the read of open incidents,
 * the create, the edit that adds a joining alarm, the resolution): how many calls it costs, how the invocation
 * ends, and that the change ends up on the page exactly once, at once or after Lambda delivers it again.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class FaultMatrixTest {

    /** Time the calls wait on: a Retry-After or the pacing takes no real time, and every wait is seen. */
    SteppedTicker ticker;

    @BeforeEach
    void steppedTime() {
        ticker = SteppedTicker.fromSystem();
        QuarkusMock.installMockForType(ticker, Ticker.class);
    }

    /** A cell whose fault asks to retry after a while: that wait comes before the retry. */
    private void assertRetryAfterWaitedOut(Cell cell) {
        if (cell.fault() instanceof Fault.Status status && status.retryAfterSeconds() != null) {
            assertTrue(ticker.waits().contains(Duration.ofSeconds(status.retryAfterSeconds())),
                    "Retry-After: " + status.retryAfterSeconds() + " waited out: " + ticker.waits());
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
    /** Attempts per call: the first and {@code flashduty.retry.max-retries} (4) more. */
    static final int ATTEMPTS = 5;

    /** One cell: the fault, how many times in a row, the invocation's end and the calls it made. */
    record Cell(String name, Fault fault, int times, String outcome, int calls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Cell> cells() {
        return Stream.of(
                new Cell("429 without Retry-After, once", new Fault.Status(429, "RequestTooFrequently", null), 1,
                        "created", 2),
                new Cell("429 with Retry-After: 1, once", new Fault.Status(429, "RequestTooFrequently", 1), 1,
                        "created", 2),
                new Cell("500, once", new Fault.Status(500, "InternalError", null), 1, "created", 2),
                new Cell("503, once", new Fault.Status(503, "ServiceUnavailable", null), 1, "created", 2),
                new Cell("no answer within the timeout, once", new Fault.Hang(), 1, "created", 2),
                new Cell("connection dropped before the answer, once", new Fault.Drop(), 1, "created", 2),
                new Cell("connection dropped mid-answer after the create worked", new Fault.Truncate(), 1,
                        "created", 1),
                new Cell("no answer after the create worked", new Fault.ActThenHang(), 1, "created", 1),
                new Cell("error envelope on HTTP 200, retryable code, once",
                        new Fault.ErrorOn200("RequestTooFrequently"), 1, "created", 2),
                new Cell("429 every time", new Fault.Status(429, "RequestTooFrequently", null), ATTEMPTS, "failed",
                        ATTEMPTS),
                new Cell("500 every time", new Fault.Status(500, "InternalError", null), ATTEMPTS, "failed",
                        ATTEMPTS),
                new Cell("503 every time", new Fault.Status(503, "ServiceUnavailable", null), ATTEMPTS, "failed",
                        ATTEMPTS),
                new Cell("no answer every time", new Fault.Hang(), ATTEMPTS, "failed", ATTEMPTS),
                new Cell("connection dropped every time", new Fault.Drop(), ATTEMPTS, "failed", ATTEMPTS),
                new Cell("error envelope on HTTP 200, rejecting code", new Fault.ErrorOn200("InvalidParameter"), 1,
                        "rejected", 1),
                new Cell("400", new Fault.Status(400, "InvalidParameter", null), 1, "rejected", 1),
                new Cell("success body without its fields", new Fault.EmptySuccess(), 1, "rejected", 1));
    }

    static Stream<Cell> resolveCells() {
        return Stream.of(
                new Cell("429, once", new Fault.Status(429, "RequestTooFrequently", null), 1, "resolved", 2),
                new Cell("503, once", new Fault.Status(503, "ServiceUnavailable", null), 1, "resolved", 2),
                new Cell("no answer within the timeout, once", new Fault.Hang(), 1, "resolved", 2),
                new Cell("connection dropped mid-answer after the resolution worked", new Fault.Truncate(), 1,
                        "resolved", 1),
                new Cell("500 every time", new Fault.Status(500, "InternalError", null), ATTEMPTS, "failed",
                        ATTEMPTS),
                new Cell("400", new Fault.Status(400, "InvalidParameter", null), 1, "rejected", 1));
    }

    static Stream<Cell> listCells() {
        return Stream.of(
                new Cell("429, once", new Fault.Status(429, "RequestTooFrequently", null), 1, "updated", 2),
                new Cell("500, once", new Fault.Status(500, "InternalError", null), 1, "updated", 2),
                new Cell("no answer within the timeout, once", new Fault.Hang(), 1, "updated", 2),
                new Cell("connection dropped before the answer, once", new Fault.Drop(), 1, "updated", 2),
                new Cell("connection dropped mid-answer, once", new Fault.Truncate(), 1, "updated", 2),
                new Cell("error envelope on HTTP 200, retryable code, once",
                        new Fault.ErrorOn200("ServiceUnavailable"), 1, "updated", 2),
                new Cell("503 every time", new Fault.Status(503, "ServiceUnavailable", null), ATTEMPTS, "failed",
                        ATTEMPTS),
                new Cell("no answer every time", new Fault.Hang(), ATTEMPTS, "failed", ATTEMPTS),
                new Cell("400", new Fault.Status(400, "InvalidParameter", null), 1, "rejected", 1),
                new Cell("success body without its fields", new Fault.EmptySuccess(), 1, "rejected", 1));
    }

    static Stream<Cell> editCells() {
        return Stream.of(
                new Cell("429 with Retry-After: 1, once", new Fault.Status(429, "RequestTooFrequently", 1), 1,
                        "updated", 2),
                new Cell("503, once", new Fault.Status(503, "ServiceUnavailable", null), 1, "updated", 2),
                new Cell("no answer within the timeout, once", new Fault.Hang(), 1, "updated", 2),
                new Cell("connection dropped before the answer, once", new Fault.Drop(), 1, "updated", 2),
                new Cell("connection dropped mid-answer after the edit worked", new Fault.Truncate(), 1, "updated",
                        2),
                new Cell("no answer after the edit worked", new Fault.ActThenHang(), 1, "updated", 2),
                new Cell("500 every time", new Fault.Status(500, "InternalError", null), ATTEMPTS, "failed",
                        ATTEMPTS),
                new Cell("400", new Fault.Status(400, "InvalidParameter", null), 1, "rejected", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCells")
    void aFailedReadOfOpenIncidentsNeverOpensASecondOne(Cell cell) {
        Lambda.answer(Fixtures.event(FIRING));
        int before = fake().requests(LIST).size();
        fake().failNext(LIST, Collections.nCopies(cell.times(), cell.fault()).toArray(Fault[]::new));

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
        fake().failNext(EDIT, Collections.nCopies(cell.times(), cell.fault()).toArray(Fault[]::new));

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
            assertEquals(500, first.statusCode(), "the invocation fails, so Lambda delivers the change again");
            String message = Fixtures.json(first.asString()).path("errorMessage").asText();
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
        fake().failNext(RESOLVE, Collections.nCopies(cell.times(), cell.fault()).toArray(Fault[]::new));

        Response first = Lambda.invoke(Fixtures.event(RECOVERY));

        assertEquals(cell.calls(), fake().requests(RESOLVE).size() - before, "resolve calls");
        if (cell.outcome().equals("resolved")) {
            assertEquals(200, first.statusCode(), first.asString());
            assertEquals("resolved", Fixtures.json(first.asString()).path("outcome").asText());
        } else {
            assertEquals(500, first.statusCode(), "the invocation fails, so Lambda delivers the recovery again");
            assertTrue(Fixtures.json(first.asString()).path("errorMessage").asText()
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
        fake().failNext(CREATE, Collections.nCopies(cell.times(), cell.fault()).toArray(Fault[]::new));

        Response first = Lambda.invoke(Fixtures.event(FIRING));

        assertEquals(cell.calls(), fake().requests(CREATE).size(), "create calls");
        assertRetryAfterWaitedOut(cell);
        if (cell.outcome().equals("created")) {
            assertEquals(200, first.statusCode(), first.asString());
            assertEquals("created", Fixtures.json(first.asString()).path("outcome").asText());
        } else {
            assertEquals(500, first.statusCode(), "the invocation fails, so Lambda delivers the change again");
            String message = Fixtures.json(first.asString()).path("errorMessage").asText();
            assertTrue(message.startsWith(cell.outcome() + ": "), message);
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
}
