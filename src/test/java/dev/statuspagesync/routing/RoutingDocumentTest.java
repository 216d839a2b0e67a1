package dev.statuspagesync.routing;

import static dev.statuspagesync.fake.FakeFlashdutyResource.API_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.DB_COMPONENT;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashduty;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A routing document given as configuration sends matching alarms to its components, impact and title. */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class RoutingDocumentTest {


    @Test
    void sendsMatchingAlarmToItsRulesComponentsImpactAndTitle() {
        invoke("sns-metric-math-alarm.json");

        JsonNode create = fake().requests(FlashdutyPaths.CREATE_PATH).get(0).body();
        assertEquals("Orders: orders-5xx-error-rate in eu-west-1", create.path("title").asText());
        assertEquals(false, create.path("notify_subscribers").asBoolean());
        assertEquals(Fixtures.json("[{\"component_id\":\"" + DB_COMPONENT + "\",\"status\":\"full_outage\"}]"),
                create.path("updates").get(0).path("component_changes"));
    }

    @Test
    void sendsOtherAlarmsToTheDefaultRoute() {
        invoke("sns-single-metric-alarm.json");

        JsonNode create = fake().requests(FlashdutyPaths.CREATE_PATH).get(0).body();
        assertEquals("checkout-api-high-cpu", create.path("title").asText());
        assertEquals(Map.of(API_COMPONENT, "partial_outage", DB_COMPONENT, "partial_outage"),
                fake().incidents().get(0).components());
    }

    @Test
    void raisesImpactWhenAJoiningAlarmIsWorse() {
        invoke("sns-single-metric-alarm.json");

        JsonNode joined = Lambda.answer(Fixtures.event("sns-metric-math-alarm.json"));

        assertEquals("updated", joined.path("outcome").asText());
        assertTrue(joined.path("reason").asText().endsWith("and raised its impact"), joined.path("reason").asText());
        assertEquals(1, fake().incidents().size());
        assertEquals(Map.of(API_COMPONENT, "partial_outage", DB_COMPONENT, "full_outage"),
                fake().incidents().get(0).components());
        assertEquals(2, fake().incidents().get(0).updates().size(), "opening, then the rise in impact");
        assertEquals(Fixtures.json("[{\"component_id\":\"" + DB_COMPONENT + "\",\"status\":\"full_outage\"}]"),
                fake().requests(FlashdutyPaths.TIMELINE_PATH).get(0).body().path("component_changes"));
    }

    @Test
    void keepsTheRiseWhenRecordingTheJoinFailsAndTheChangeIsRetried() {
        invoke("sns-single-metric-alarm.json");
        fake().failNext(FlashdutyPaths.TIMELINE_UPDATE_PATH,
                new FakeFlashduty.Fault.Status(400, "InvalidParameter", null));

        int failed = Lambda.invoke(Fixtures.event("sns-metric-math-alarm.json")).statusCode();
        JsonNode retried = Lambda.answer(Fixtures.event("sns-metric-math-alarm.json"));

        assertEquals(500, failed);
        assertEquals("updated", retried.path("outcome").asText());
        assertEquals(1, fake().requests(FlashdutyPaths.TIMELINE_PATH).size(), "raised once");
        assertEquals("full_outage", fake().incidents().get(0).components().get(DB_COMPONENT));
        assertTrue(fake().incidents().get(0).updates().get(0).description().contains("alarm:orders-5xx-error-rate`"));
    }

    private static void invoke(String fixture) {
        Lambda.invoke(Fixtures.event(fixture)).then().statusCode(200);
    }
}
