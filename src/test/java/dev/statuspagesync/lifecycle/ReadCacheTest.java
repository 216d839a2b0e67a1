package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.statuspagesync.flashduty.Ticker;
import dev.statuspagesync.support.AppClock;
import dev.statuspagesync.support.SteppedTicker;
import io.quarkus.test.junit.QuarkusMock;

/** A warm function reuses what it read, with its own writes applied, and forgets it all after a failure. */
@QuarkusTest
@TestProfile(Profiles.AccountLimits.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
class ReadCacheTest {

    static final String FIRED_AT = "2026-03-14T08:00:00.000+0000";
    static final String EDIT = FlashdutyPaths.TIMELINE_UPDATE_PATH;

    @Test
    void readsThePageOnceForAStormOfSingleAlarmInvocationsAndAfreshAfterAFailure() {
        fake().reset();
        // Time passes since the tests before: what the function read ages out of its cache, a window reopens.
        AppClock.CLOCK.advance(Duration.ofHours(2));
        // Pacing waits on a ticker of the test's, so four calls a second cost no real time.
        QuarkusMock.installMockForType(SteppedTicker.fromSystem(), Ticker.class);

        List<String> first = callsOf(AlarmEvents.sns("storm-a", "ALARM", "OK", FIRED_AT));
        List<String> second = callsOf(AlarmEvents.sns("storm-b", "ALARM", "OK", FIRED_AT));
        List<String> third = callsOf(AlarmEvents.sns("storm-c", "ALARM", "OK", FIRED_AT));
        fake().failNext(EDIT, new FakeFlashduty.Fault.Status(400, "InvalidParameter", null));
        Lambda.invoke(AlarmEvents.sns("storm-d", "ALARM", "OK", FIRED_AT)).then().statusCode(500);
        List<String> afterFailure = callsOf(AlarmEvents.sns("storm-e", "ALARM", "OK", FIRED_AT));
        List<String> recovery = callsOf(AlarmEvents.sns("storm-a", "OK", "ALARM", "2026-03-14T09:00:00.000+0000"));

        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.LIST_PATH,
                FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.CREATE_PATH, FlashdutyPaths.ACTIVE_LIST_PATH), first,
                "the read after the create also gives the new incident its timeline");
        assertEquals(List.of(EDIT), second, "so the join is one edit");
        assertEquals(List.of(EDIT), third, "nothing read again");
        assertEquals(List.of(FlashdutyPaths.ACTIVE_LIST_PATH, FlashdutyPaths.LIST_PATH, EDIT), afterFailure,
                "the failure dropped what the function had read");
        assertEquals(List.of(EDIT), recovery, "a recovery of a joined incident is one edit");
        assertEquals(1, fake().incidents().size());
        assertEquals(4, fake().incidents().get(0).updates().get(0).description().lines()
                .filter(line -> line.startsWith("- `arn:")).count(), "a, b, c and e recorded; d failed");
    }

    private static List<String> callsOf(String event) {
        int before = fake().requests().size();
        Lambda.answer(event);
        List<FakeFlashduty.Recorded> all = fake().requests();
        return all.subList(before, all.size()).stream().map(FakeFlashduty.Recorded::path).toList();
    }
}
