package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Incidents a batch opens get their timelines from the read of the page after each create, not one read each. */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class NewIncidentTimelinesTest {

    static final String FIRED_AT = "2026-03-14T08:00:00.000+0000";


    @Test
    void theReadAfterEachCreateGivesTheNewIncidentItsTimelineForTheJoinsThatFollow() {
        var answer = Lambda.answer(AlarmEvents.sqsBatch(List.of("api-1", "db-1", "api-2", "db-2"), "ALARM", "OK",
                FIRED_AT));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.LIST_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.CREATE_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.CREATE_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.TIMELINE_UPDATE_PATH,
                FlashdutyPaths.TIMELINE_UPDATE_PATH),
                fake().requests().stream().map(FakeFlashduty.Recorded::path).toList());
        assertEquals(List.of(2L, 2L), fake().incidents().stream().map(incident -> incident.updates().get(0)
                .description().lines().filter(line -> line.startsWith("- `arn:")).count()).toList());
    }

    @Test
    void readsEachNewIncidentAloneWhenListsComeWithoutTimelines() {
        fake().listWithoutTimelines();

        var answer = Lambda.answer(AlarmEvents.sqsBatch(List.of("api-1", "db-1", "api-2", "db-2"), "ALARM", "OK",
                FIRED_AT));

        assertEquals(Fixtures.json("{\"batchItemFailures\":[]}"), answer);
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.LIST_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.CREATE_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.CREATE_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.INFO_PATH, FlashdutyPaths.INFO_PATH,
                FlashdutyPaths.TIMELINE_UPDATE_PATH, FlashdutyPaths.TIMELINE_UPDATE_PATH),
                fake().requests().stream().map(FakeFlashduty.Recorded::path).toList());
    }
}
