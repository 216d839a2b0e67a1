package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A multi-time-series alarm through EventBridge or SNS: each contributor is its own member of the alarm's one
 * incident, listed with its attributes, and the incident resolves when the last of them recovers.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class ContributorTest {

    static final String ORDERS = "9f2c07a4e1b35d68";
    static final String CARTS = "0c51e8b27d94fa36";

    @Test
    void eachContributorIsAMemberAndTheLastRecoveryResolves() {
        JsonNode opened = Lambda.answer(AlarmEvents.contributor(ORDERS, "checkout-orders", "ALARM",
                "2026-03-14T09:30:12.000+0000"));
        JsonNode joined = Lambda.answer(AlarmEvents.contributor(CARTS, "checkout-carts", "ALARM",
                "2026-03-14T09:31:00.000+0000"));
        JsonNode whole = Lambda.answer(Fixtures.event("eventbridge-multi-time-series-alarm.json"));
        JsonNode first = Lambda.answer(AlarmEvents.contributor(ORDERS, "checkout-orders", "OK",
                "2026-03-14T09:40:00.000+0000"));

        assertEquals("created", opened.path("outcome").asText(), opened.toString());
        assertEquals("updated", joined.path("outcome").asText(), joined.toString());
        assertEquals("contributor TableName=checkout-carts of alarm " + AlarmEvents.TABLES + " joined incident "
                + opened.path("change_id").asLong(), joined.path("reason").asText());
        assertEquals("updated", whole.path("outcome").asText(), "the alarm's own change joins too");
        assertEquals("updated", first.path("outcome").asText());
        assertEquals(1, fake().incidents().size());
        String list = fake().incidents().get(0).updates().get(0).description();
        assertEquals(List.of(
                "- `" + AlarmEvents.TABLES_ARN + "` contributor `" + ORDERS + "` `TableName=checkout-orders`: OK since"
                        + " 2026-03-14 09:40:00 UTC",
                "- `" + AlarmEvents.TABLES_ARN + "` contributor `" + CARTS + "` `TableName=checkout-carts`: ALARM since"
                        + " 2026-03-14 09:31:00 UTC",
                "- `" + AlarmEvents.TABLES_ARN + "`: ALARM since 2026-03-14 09:30:12 UTC"),
                list.lines().filter(line -> line.startsWith("- ")).toList());

        Lambda.answer(AlarmEvents.multiTimeSeries("OK", "2026-03-14T09:44:00.000+0000"));
        JsonNode last = Lambda.answer(AlarmEvents.contributor(CARTS, "checkout-carts", "OK",
                "2026-03-14T09:45:00.000+0000"));

        assertEquals("resolved", last.path("outcome").asText(), last.toString());
        assertEquals("resolved", fake().incidents().get(0).status());
        Map<String, Membership.State> states = new LinkedHashMap<>();
        IncidentText.readAlarmList(fake().incidents().get(0).updates().get(0).description()).members()
                .forEach((key, member) -> states.put(key, member.state()));
        assertEquals(Map.of(MemberKey.of(AlarmEvents.TABLES_ARN, ORDERS).wire(), Membership.State.OK,
                MemberKey.of(AlarmEvents.TABLES_ARN, CARTS).wire(), Membership.State.ALARM, AlarmEvents.TABLES_ARN,
                Membership.State.OK), states, "the last recovery is told by the resolution, not the list");
    }

    @Test
    void anSnsNotificationOfOneContributorChangesOnlyThatMember() {
        JsonNode opened = Lambda.answer(AlarmEvents.snsContributor(ORDERS, "checkout-orders", "ALARM", "OK",
                "2026-03-14T09:30:12.000+0000"));
        JsonNode joined = Lambda.answer(AlarmEvents.snsContributor(CARTS, "checkout-carts", "ALARM", "OK",
                "2026-03-14T09:31:00.000+0000"));
        JsonNode again = Lambda.answer(AlarmEvents.contributor(CARTS, "checkout-carts", "ALARM",
                "2026-03-14T09:31:00.000+0000"));
        JsonNode first = Lambda.answer(AlarmEvents.snsContributor(ORDERS, "checkout-orders", "OK", "ALARM",
                "2026-03-14T09:40:00.000+0000"));

        assertEquals("created", opened.path("outcome").asText(), opened.toString());
        assertEquals("contributor TableName=checkout-carts of alarm " + AlarmEvents.TABLES + " joined incident "
                + opened.path("change_id").asLong(), joined.path("reason").asText());
        assertEquals("ignored", again.path("outcome").asText(), "the same change by EventBridge is a duplicate");
        assertEquals("updated", first.path("outcome").asText(), "one time series recovered, another still breaches");
        assertEquals("investigating", fake().incidents().get(0).status());

        JsonNode last = Lambda.answer(AlarmEvents.snsContributor(CARTS, "checkout-carts", "OK", "ALARM",
                "2026-03-14T09:45:00.000+0000"));

        assertEquals("resolved", last.path("outcome").asText(), last.toString());
        assertEquals(1, fake().incidents().size());
        assertEquals("resolved", fake().incidents().get(0).status());
    }

    @Test
    void aLateAlarmOfAContributorIsStaleWhenAnIncidentThatListedItResolvedAfterIt() {
        Lambda.answer(AlarmEvents.snsContributor(CARTS, "checkout-carts", "ALARM", "OK",
                "2026-03-14T09:30:00.000+0000"));
        Lambda.answer(AlarmEvents.contributor(CARTS, "checkout-carts", "OK", "2026-03-14T09:32:00.000+0000"));
        JsonNode reopened = Lambda.answer(AlarmEvents.contributor(ORDERS, "checkout-orders", "ALARM",
                "2026-03-14T09:40:00.000+0000"));

        JsonNode late = Lambda.answer(AlarmEvents.contributor(CARTS, "checkout-carts", "ALARM",
                "2026-03-14T09:31:00.000+0000"));

        assertEquals("created", reopened.path("outcome").asText(), reopened.toString());
        assertEquals("ignored", late.path("outcome").asText(), late.toString());
        assertEquals("stale: incident " + fake().incidents().get(0).changeId() + " for this alarm was resolved at"
                + " 2026-03-14T09:32:00Z, after this change", late.path("reason").asText());
        assertEquals(List.of(MemberKey.of(AlarmEvents.TABLES_ARN, ORDERS).wire()),
                List.copyOf(IncidentText.readAlarmList(fake().incidents().get(1).updates().get(0).description())
                        .members().keySet()), "the open incident lists only the time series that fires");
    }

    @Test
    void aContributorsRecoveryWithNoIncidentOpenIsIgnored() {
        JsonNode recovered = Lambda.answer(AlarmEvents.contributor(ORDERS, "checkout-orders", "OK",
                "2026-03-14T09:40:00.000+0000"));

        assertEquals("ignored", recovered.path("outcome").asText());
        assertEquals("no open incident for this alarm", recovered.path("reason").asText());
    }
}
