package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashduty.Fault;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The retry sequence stops when the invocation's time runs out, before Lambda would kill it. The mock event
 * server sends no deadline, so the fallback budget stands in for Lambda's remaining time.
 */
@QuarkusTest
@TestProfile(Profiles.ShortInvocation.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class DeadlineTest {

    @Test
    void abandonsRetriesWhenTheInvocationHasNoTimeLeft() {
        fake().failNext(FlashdutyPaths.ACTIVE_LIST_PATH, new Fault.Hang(), new Fault.Hang(), new Fault.Hang(),
                new Fault.Hang());

        String message = Lambda.failure(Fixtures.event("sns-single-metric-alarm.json"));

        assertTrue(message.startsWith("failed: Flashduty call abandoned: change/active/list needs"), message);
        // Three attempts fit the budget on an idle machine; a busy one may fit fewer. Never all eleven.
        int attempts = fake().requests(FlashdutyPaths.ACTIVE_LIST_PATH).size();
        assertTrue(attempts >= 1 && attempts <= 3, "attempts that fit 1.3 s: " + attempts);
        assertEquals(0, fake().requests(FlashdutyPaths.CREATE_PATH).size());
    }
}
