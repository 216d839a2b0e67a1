package dev.statuspagesync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.fake.FakeCloudWatch;
import dev.statuspagesync.support.Fixtures;

/** The local run's one-line summary of each invocation, whatever the function answered. */
class LocalRunTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            created answer | false | '{"outcome":"created","reason":"incident opened","change_id":42}' | '{"event":"e.json","outcome":"created","reason":"incident opened","change_id":42}'
            ignored answer | false | '{"outcome":"ignored","reason":"skip","change_id":null}'       | '{"event":"e.json","outcome":"ignored","reason":"skip","change_id":null}'
            rejection      | true  | '{"errorType":"x","errorMessage":"rejected: Flashduty HTTP 400 InvalidParameter"}' | '{"event":"e.json","outcome":"rejected","reason":"Flashduty HTTP 400 InvalidParameter","change_id":null}'
            crash          | true  | '{"errorType":"x","errorMessage":"boom"}'                         | '{"event":"e.json","outcome":"failed","reason":"boom","change_id":null}'
            dry run        | false | '{"outcome":"created","reason":"dry run: x","change_id":null,"planned":[{"method":"POST","path":"/p","body":{}}]}' | '{"event":"e.json","outcome":"created","reason":"dry run: x","change_id":null,"planned":[{"method":"POST","path":"/p","body":{}}]}'
            SQS all done   | false | '{"batchItemFailures":[]}'                                        | '{"event":"e.json","outcome":"batch","reason":"every SQS message handled","change_id":null}'
            SQS redelivery | false | '{"batchItemFailures":[{"itemIdentifier":"m1"}]}'                 | '{"event":"e.json","outcome":"failed","reason":"1 SQS message(s) left for redelivery: [{\\"itemIdentifier\\":\\"m1\\"}]","change_id":null}'
            """)
    void summarisesEveryKindOfAnswerOnOneLine(String kind, boolean error, String body, String line) {
        assertEquals(Fixtures.json(line), LocalRun.summarise("e.json", new LocalRuntimeApi.Result(error, body)));
    }

    @Test
    void passesTheCallersSettingsButTheKeyAndBaseUrlToTheFunctionOnTheFake() {
        var settings = LocalRun.fakeSettings(Map.of("STATUSPAGE_PAGE_ID", "77", "STATUSPAGE_COMPONENT_IDS", "a,b",
                "STATUSPAGE_RESOLVE_AFTER", "1m", "FLASHDUTY_APP_KEY", "real-key", "FLASHDUTY_BASE_URL",
                "https://api.flashcat.cloud", "FLASHDUTY_READ_CACHE_MS", "0", "HOME", "/root"),
                Map.of("STATUSPAGE_RESOLVE_AFTER", "5m", "STATUSPAGE_MONITORING_UPDATE", "true"));

        assertEquals(Map.of("STATUSPAGE_PAGE_ID", "77", "STATUSPAGE_COMPONENT_IDS", "a,b",
                "STATUSPAGE_RESOLVE_AFTER", "1m", "STATUSPAGE_MONITORING_UPDATE", "true",
                "FLASHDUTY_READ_CACHE_MS", "0"), settings);
    }

    @Test
    void showsTheReferenceKeyAsSetOnly() {
        assertEquals("  STATUSPAGE_REFERENCE_KEY=(set, not shown)",
                LocalRun.settingLine("STATUSPAGE_REFERENCE_KEY", "ThisIsMyProductionReferenceKey0123456789"));
        assertEquals("  STATUSPAGE_AUDIENCE=public", LocalRun.settingLine("STATUSPAGE_AUDIENCE", "public"));
    }

    @Test
    void runsOnTheDemoPageWhenTheCallerNamesNone() {
        var settings = LocalRun.fakeSettings(Map.of("STATUSPAGE_DEFER_TO", "none"), Map.of());

        assertEquals(String.valueOf(LocalRun.DEMO_PAGE_ID), settings.get("STATUSPAGE_PAGE_ID"));
        assertEquals(String.join(",", LocalRun.DEMO_COMPONENTS.keySet()), settings.get("STATUSPAGE_COMPONENT_IDS"));
        assertEquals("Public API,Database", settings.get("STATUSPAGE_COMPONENT_NAMES"));
        assertEquals("none", settings.get("STATUSPAGE_DEFER_TO"));
    }

    @Test
    void servesEveryPageAndComponentTheSettingsName() {
        var pages = LocalRun.pagesOf(Map.of("STATUSPAGE_ROUTES", """
                routes:
                  - {name: api, match: {alarm_name: "api-*"}, page_id: 77, components: [c1, c2]}
                  - {name: db, match: {alarm_name: "db-*"}, page_id: 77, components: [c3]}
                  - {name: edge, match: {alarm_name: "edge-*"}, page_id: 78, components: [c4]}
                """, "STATUSPAGE_PAGE_ID", "79", "STATUSPAGE_COMPONENT_IDS", "c5, c6"));

        assertEquals(Map.of(79L, Map.of("c5", "c5", "c6", "c6"), 77L, Map.of("c1", "c1", "c2", "c2", "c3", "c3"),
                78L, Map.of("c4", "c4")), pages);
    }

    @Test
    void leavesAnUnreadableRoutingDocumentToTheFunctionsOwnMessage() {
        assertEquals(Map.of(), LocalRun.pagesOf(Map.of("STATUSPAGE_ROUTES", "routes: [unclosed")));
    }

    @Test
    void namesWhyTheFunctionCouldNotStartFromTheLastCauseInItsLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("function.log");
        Files.writeString(log, """
                ERROR Failed to start application
                java.lang.RuntimeException: Quarkus manual initialization failed
                Caused by: java.lang.RuntimeException: Failed to start quarkus
                Caused by: java.lang.IllegalArgumentException: STATUSPAGE_RESOLVE_AFTER is '-5m'; a duration cannot be negative
                	at dev.statuspagesync.config.CalmPage.duration(CalmPage.java:56)
                """);

        assertEquals(Optional.of("java.lang.IllegalArgumentException: STATUSPAGE_RESOLVE_AFTER is '-5m'; a duration"
                + " cannot be negative"), LocalRun.startUpCause(log));
        assertEquals(Optional.empty(), LocalRun.startUpCause(dir.resolve("missing.log")));
    }

    @Test
    void keepsEveryLineOfACauseThatGoesOnBeforeItsStack(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("function.log");
        Files.writeString(log, """
                java.lang.RuntimeException: Failed to start quarkus
                \tat io.quarkus.runner.ApplicationImpl.doStart(Unknown Source)
                Caused by: io.smallrye.config.ConfigValidationException: Configuration validation failed:
                \tjava.lang.IllegalArgumentException: SRCFG00039: The config property statuspage.page-id with the \
                config value "abc" threw an Exception whilst being converted SRCFG00030: Expected a long value, got "abc"
                \tat io.smallrye.config.SmallRyeConfig.buildMappings(SmallRyeConfig.java:172)
                """);

        assertEquals(Optional.of("io.smallrye.config.ConfigValidationException: Configuration validation failed:"
                + " java.lang.IllegalArgumentException: SRCFG00039: The config property statuspage.page-id with the"
                + " config value \"abc\" threw an Exception whilst being converted SRCFG00030: Expected a long value,"
                + " got \"abc\""), LocalRun.startUpCause(log));
    }

    @Test
    void findsTheCauseInTheStackTraceOfAJsonLogLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("function.log");
        Files.writeString(log, "{\"level\":\"ERROR\",\"message\":\"Failed to start application\",\"stackTrace\":"
                + "\"java.lang.RuntimeException: Failed to start quarkus\\n\\tat x.y(Z.java:1)\\nCaused by:"
                + " java.lang.IllegalArgumentException: STATUSPAGE_DEFER_TO names 'robots'\\n\\tat x.z(Z.java:2)\\n\"}\n");

        assertEquals(Optional.of("java.lang.IllegalArgumentException: STATUSPAGE_DEFER_TO names 'robots'"),
                LocalRun.startUpCause(log));
    }

    @Test
    void listsTheFinalMaintenancesApartFromTheIncidents() {
        var update = new FakeFlashduty.Update("u1", 1_773_478_800L, "investigating", "We are looking into it.",
                List.of());
        var incident = new FakeFlashduty.Incident(7, 1001, "incident", "API: degraded", "opening", "investigating",
                1_773_478_800L, true, Map.of("01API", "degraded"), List.of(update));
        var maintenance = new FakeFlashduty.Incident(8, 1001, "maintenance", "Database upgrade", "window",
                "scheduled", 1_773_482_400L, true, Map.of("01DB", "under_maintenance"), List.of());

        var state = LocalRun.finalState(List.of(maintenance, incident));

        assertEquals(List.of(7L), state.path("incidents").findValuesAsText("change_id").stream().map(Long::valueOf)
                .toList());
        assertEquals(List.of(8L), state.path("maintenances").findValuesAsText("change_id").stream()
                .map(Long::valueOf).toList());
        assertEquals("investigating: We are looking into it.",
                state.path("incidents").get(0).path("public_text").get(2).asText());
    }

    @Test
    void refusesABundledStoryTogetherWithEventFiles() {
        assertEquals("--story flapping runs the bundled story alone; give either a story or event files, not both",
                LocalRun.storyWithFiles("flapping", List.of(new LocalRun.Step("alarm.json", null))));
        assertEquals(null, LocalRun.storyWithFiles("flapping", List.of()));
        assertEquals(null, LocalRun.storyWithFiles(null, List.of(new LocalRun.Step("alarm.json", null))));
    }

    @Test
    void findsEveryBundledStorysFilesInTheProjectWhereverTheCallerIs() {
        for (var settings : List.of(Map.<String, String>of(), Map.of("STATUSPAGE_RESOLVE_AFTER", "5m",
                "STATUSPAGE_JOIN_OPEN_INCIDENTS", "false", "STATUSPAGE_RECONCILE", "true"))) {
            for (var story : Stories.ALL.values()) {
                for (var step : story.stepsFor(settings)) {
                    assertEquals(Path.of(step.file()), step.path(), "not resolved against the caller's folder");
                    assertTrue(Files.isReadable(step.path()), step.file());
                }
            }
        }
    }

    @Test
    void trainsTheJvmAotCacheOnFilesOfTheProjectThroughEveryEnvelopeABatchAPublishedEventAndASweep() {
        for (var step : AotTraining.TRAINING) {
            assertTrue(Files.isReadable(Path.of(step.file())), step.file());
        }
        assertTrue(Files.isReadable(Path.of(AotTraining.CHECK_EVENT)));
        var files = AotTraining.TRAINING.stream().map(AotTraining.Step::file).toList();
        for (String kind : List.of("/sns-", "/eventbridge-", "/alarm-action-", "/sqs-", "maintenance-in-progress",
                "4-sweep")) {
            assertTrue(files.stream().anyMatch(file -> file.contains(kind)), kind);
        }
    }

    @Test
    void readsTheCallersCloudWatchWithTheirRegionAndCredentialsWhenTheyNameOne() {
        Map<String, String> own = LocalRun.cloudWatchSettings(Map.of("AWS_ENDPOINT_URL_CLOUDWATCH",
                "http://localhost:4566", "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY",
                "test", "HOME", "/home/someone"), "http://127.0.0.1:40001");
        Map<String, String> fake = LocalRun.cloudWatchSettings(Map.of("AWS_ACCESS_KEY_ID", "AKIAREALKEY",
                "AWS_REGION", "eu-west-1"), "http://127.0.0.1:40001");

        assertEquals(Map.of("AWS_ENDPOINT_URL_CLOUDWATCH", "http://localhost:4566", "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"), own);
        assertEquals(Map.of("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:40001", "AWS_ACCESS_KEY_ID",
                "AKIAFAKECLOUDWATCH0", "AWS_SECRET_ACCESS_KEY", "fake-cloudwatch-secret"), fake,
                "without an endpoint, the fake: a machine's own credentials never reach real CloudWatch by accident");
    }

    @Test
    void movesTheFakeCloudWatchAsEveryEventFileSaysDeliveredOrLost() throws Exception {
        FakeCloudWatch cloudWatch = FakeCloudWatch.inMemory();

        LocalRun.follow(cloudWatch, Files.readString(Path.of("src/test/resources/stories/lost/1-alarm.json")));
        LocalRun.follow(cloudWatch, Files.readString(Path.of("src/test/resources/stories/lost/2-ok.json")));
        LocalRun.follow(cloudWatch, Files.readString(Path.of("src/test/resources/events/sns-metric-math-alarm.json")));
        LocalRun.follow(cloudWatch, "not an event");

        var alarm = cloudWatch.alarms().get("checkout-api-high-cpu");
        assertEquals(AlarmState.OK, alarm.state());
        assertEquals(Instant.parse("2026-03-14T09:05:00Z"), alarm.since());
        assertEquals(Set.of("checkout-api-high-cpu"), cloudWatch.alarms().keySet(),
                "an alarm of another Region is another CloudWatch's");
    }

    @Test
    void refusesAnEventFileThatIsNoInvocationNamingTheFileAndThePlace(@TempDir Path folder) throws Exception {
        Path truncated = Files.writeString(folder.resolve("broken.json"), "{\"Records\": [{\"EventSource\": ");
        Path empty = Files.writeString(folder.resolve("empty.json"), "  \n");
        Path unclosed = Files.writeString(folder.resolve("unclosed.json"), "{\"Records\": [");
        Path trailing = Files.writeString(folder.resolve("trailing.json"), "{\"a\": 1} xyz");
        Path good = Files.writeString(folder.resolve("good.json"), "{}");

        assertEquals("event file " + truncated + " is not JSON: Unexpected end-of-input within/between Object"
                + " entries (line 1, column 30)",
                LocalRun.unusable(new LocalRun.Step(truncated.toString(), null)));
        assertEquals("event file " + unclosed + " is not JSON: Unexpected end-of-input: expected close marker for"
                + " Array (line 1, column 14)", LocalRun.unusable(new LocalRun.Step(unclosed.toString(), null)));
        assertEquals("event file " + trailing + " is not JSON: Unrecognized token 'xyz': was expecting (JSON String,"
                + " Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 10)",
                LocalRun.unusable(new LocalRun.Step(trailing.toString(), null)));
        assertEquals("event file " + empty + " is empty", LocalRun.unusable(new LocalRun.Step(empty.toString(), null)));
        assertEquals("cannot read event file " + folder + " (a folder)",
                LocalRun.unusable(new LocalRun.Step(folder.toString(), null)));
        assertEquals(null, LocalRun.unusable(new LocalRun.Step(good.toString(), null)));
    }

    @Test
    void saysWhyTheFunctionCouldNotStartInTheFunctionsOwnWords() {
        assertEquals("STATUSPAGE_PAGE_ID is 'abc'; use the status page's id", LocalRun.readable(
                "java.lang.IllegalArgumentException: STATUSPAGE_PAGE_ID is 'abc'; use the status page's id"));
        assertEquals("route 2: impact 'x'", LocalRun.readable(
                "dev.statuspagesync.routing.RouteConfigException: route 2: impact 'x'"));
        assertEquals("no class name here: kept", LocalRun.readable("no class name here: kept"));
    }

    @Test
    void startsTheFunctionWithTheOptionsItsJdkNeedsSoThatItsLogStaysJson() {
        assertEquals(List.of(), LocalRun.jvmOptions(21));
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED"), LocalRun.jvmOptions(22));
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED"), LocalRun.jvmOptions(25));
    }
}
