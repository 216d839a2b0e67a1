package dev.statuspagesync.handler;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.LogCapture;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The app key appears in no log line, no exception and no answer, whatever happens: every fixture, and every
 * way Flashduty can fail, are run through the handler while every log record is captured, and printed as the
 * function prints it on Lambda (JSON lines).
 */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
class AppKeyNeverLeaksTest {

    static final String CREATE = FlashdutyPaths.CREATE_PATH;
    static final String LIST = FlashdutyPaths.ACTIVE_LIST_PATH;
    static final String FIRING = "sns-single-metric-alarm.json";
    static final List<Fault> FAULTS = List.of(
            new Fault.Status(400, "InvalidParameter", null), new Fault.Status(401, "Unauthorized", null),
            new Fault.Status(403, "AccessDenied", null), new Fault.Status(404, "RouteNotFound", null),
            new Fault.Status(413, "EntityTooLarge", null), new Fault.Status(429, "RequestTooFrequently", null),
            new Fault.Status(429, "RequestTooFrequently", 3600), new Fault.Status(500, "InternalError", null),
            new Fault.Status(503, "ServiceUnavailable", null), new Fault.ErrorOn200("InvalidParameter"),
            new Fault.ErrorOn200("RequestTooFrequently"), new Fault.Hang(), new Fault.ActThenHang(),
            new Fault.Drop(), new Fault.EmptySuccess());

    @Test
    void appearsInNoLogLineExceptionOrAnswerForAnyFixtureOrFault() throws IOException {
        List<String> answers = new ArrayList<>();
        List<String> lines;
        List<String> printed;
        try (LogCapture capture = LogCapture.start()) {
            for (String fixture : fixtures()) {
                fake().reset();
                answers.add(Lambda.invoke(Fixtures.event(fixture)).asString());
            }
            for (Fault fault : FAULTS) {
                for (String path : List.of(CREATE, LIST)) {
                    fake().reset();
                    // Enough quick faults to exhaust the retries; two hangs, which cost a call timeout each.
                    int times = fault instanceof Fault.Hang || fault instanceof Fault.ActThenHang ? 2 : 5;
                    fake().failNext(path, Collections.nCopies(times, fault).toArray(Fault[]::new));
                    answers.add(Lambda.invoke(Fixtures.event(FIRING)).asString());
                }
            }
            for (String published : List.of("maintenance-window.json", "retrospective-incident.json")) {
                fake().reset();
                answers.add(Lambda.invoke(Fixtures.read("published/" + published)).asString());
                fake().failNext(CREATE, new Fault.Status(400, "InvalidParameter", null));
                answers.add(Lambda.invoke(Fixtures.read("published/" + published).replace("client_key\": \"",
                        "client_key\": \"again-")).asString());
            }
            fake().reset();
            fake().failNext(FlashdutyPaths.TIMELINE_UPDATE_PATH, new Fault.Status(400, "InvalidParameter", null));
            answers.add(Lambda.invoke(AlarmEvents.sqsBatch(List.of("leak-a", "leak-b"), "ALARM", "OK",
                    "2026-03-14T08:00:00.000+0000")).asString());
            lines = capture.lines();
            printed = capture.asPrinted();
        } finally {
            fake().reset();
        }

        assertTrue(lines.size() >= fixtures().size(), "the capture saw the function's log lines");
        assertTrue(lines.stream().anyMatch(line -> line.contains("outcome=failed")),
                "failures were logged, with their messages");
        assertEquals(List.of(), lines.stream().filter(line -> line.contains(APP_KEY)).toList());
        assertEquals(List.of(), printed.stream().filter(line -> line.contains(APP_KEY)).toList());
        printed.forEach(Fixtures::json);
        assertEquals(List.of(), answers.stream().filter(answer -> answer.contains(APP_KEY)).toList());
        assertTrue(answers.stream().anyMatch(answer -> answer.contains("\"outcome\":\"created\"")),
                "the key was in use: Flashduty accepted calls made with it");
    }

    private static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/events"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList();
        }
    }
}
