package dev.statuspagesync.published;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.StatusPageSettings;

/** A published event names only what the operator routes, notifies as the page does, and stays within bounds. */
class EventPolicyTest {

    static final String ROUTES = """
            routes:
              - name: payments
                match:
                  alarm_name: {prefix: "payments-"}
                page_id: 11
                components: [01PAYMENTS]
                notify_subscribers: false
                responders: [7]
            default:
              page_id: 10
              components: [01EVERYTHING]
            """;
    static final long NOW = 1_773_478_800L;
    static final long DAY = 24 * 60 * 60;

    private final EventPolicy policy = new EventPolicy(new Router(StatusPageSettings.document(ROUTES)),
            Set.of("01STATUS-ONLY"), Set.of(42L), Duration.ofDays(30));

    private static Requests.CreateChange event(long page, String component, Boolean notify, List<Long> responders,
            String description, long start) {
        return new Requests.CreateChange(page, EventType.INCIDENT, "Checkout is slow", description,
                ChangeStatus.INVESTIGATING, start, null, notify, null, null, responders, null,
                List.of(new Requests.Update(start, ChangeStatus.INVESTIGATING, "Looking into it.",
                        List.of(new Requests.ComponentChange(component, ComponentStatus.DEGRADED)))));
    }

    @Test
    void anEventOnARoutedPageAndItsComponentsGoesOutAsPublished() {
        var request = event(10, "01EVERYTHING", true, List.of(42L), "Slow.", NOW);

        assertEquals(new EventPolicy.Checked(request, List.of()), policy.check(request, NOW));
    }

    @Test
    void aComponentOfStatuspageEventComponentsIsAllowedOnEveryRoutedPage() {
        var request = event(11, "01STATUS-ONLY", null, List.of(7L, 42L), "Slow.", NOW);

        assertEquals(List.of(), policy.check(request, NOW).problems());
    }

    @Test
    void aPageNoRouteLeadsToIsRefused() {
        assertEquals(List.of("page_id: 99 is not a page the function routes to ([11, 10])"),
                policy.check(event(99, "01EVERYTHING", null, null, "Slow.", NOW), NOW).problems());
    }

    @Test
    void aComponentOfAnotherRouteOrPageIsRefused() {
        assertEquals(List.of("updates[0].component_changes: 01PAYMENTS is not a component of the page's routes or"
                + " STATUSPAGE_EVENT_COMPONENTS"),
                policy.check(event(10, "01PAYMENTS", null, null, "Slow.", NOW), NOW).problems());
    }

    @Test
    void aPageWhoseRoutesNotifyNoOneRefusesANotificationAndSendsFalseWhenTheEventSaysNothing() {
        assertEquals(List.of("notify_subscribers: the page's routes notify no one (STATUSPAGE_NOTIFY_SUBSCRIBERS);"
                + " leave it out or set it false"),
                policy.check(event(11, "01PAYMENTS", true, null, "Slow.", NOW), NOW).problems());

        var quiet = policy.check(event(11, "01PAYMENTS", null, null, "Slow.", NOW), NOW);

        assertEquals(false, quiet.request().notifySubscribers());
        assertEquals(null, policy.check(event(10, "01EVERYTHING", null, null, "Slow.", NOW), NOW).request()
                .notifySubscribers(), "a page that notifies leaves Flashduty's default");
    }

    @Test
    void onlyTheRoutesAndTheSettingsRespondersMayBeNamed() {
        assertEquals(List.of("responders: 7 is not a responder of the page's routes or STATUSPAGE_EVENT_RESPONDERS",
                "responders: 8 is not a responder of the page's routes or STATUSPAGE_EVENT_RESPONDERS"),
                policy.check(event(10, "01EVERYTHING", null, List.of(7L, 42L, 8L), "Slow.", NOW), NOW).problems());
    }

    @Test
    void descriptionsAreCutAtFiveThousandCharacters() {
        assertEquals(List.of(), policy.check(event(10, "01EVERYTHING", null, null, "x".repeat(5_000), NOW), NOW)
                .problems());
        assertEquals(List.of("description: 5001 characters; at most 5000"),
                policy.check(event(10, "01EVERYTHING", null, null, "x".repeat(5_001), NOW), NOW).problems());
    }

    @Test
    void anEventDatedFurtherBackThanTheMaximumAgeOrAYearAheadIsRefused() {
        long old = NOW - 31 * DAY;
        long far = NOW + 366 * DAY;

        assertEquals(List.of("start_at_seconds: " + old + " is further back than STATUSPAGE_EVENT_MAX_AGE (30 days)"
                + " allows; a page's history is not rewritten", "updates[0].at_seconds: " + old + " is further back"
                + " than STATUSPAGE_EVENT_MAX_AGE (30 days) allows; a page's history is not rewritten"),
                policy.check(event(10, "01EVERYTHING", null, null, "Slow.", old), NOW).problems());
        assertEquals(List.of("start_at_seconds: " + far + " is more than 365 days ahead", "updates[0].at_seconds: "
                + far + " is more than 365 days ahead"),
                policy.check(event(10, "01EVERYTHING", null, null, "Slow.", far), NOW).problems());
        assertEquals(List.of(), policy.check(event(10, "01EVERYTHING", null, null, "Slow.", NOW - 29 * DAY), NOW)
                .problems());
    }

    @Test
    void updatesAndLinkedChangesAreCounted() {
        var base = event(10, "01EVERYTHING", null, null, "Slow.", NOW);
        var many = new Requests.CreateChange(10, base.type(), base.title(), base.description(), base.status(),
                NOW, null, null, null, null, null, Collections.nCopies(21, "deploy-1"),
                Collections.nCopies(21, base.updates().get(0)));

        assertEquals(List.of("linked_changes: 21 changes; at most 20", "updates: 21 updates; at most 20"),
                policy.check(many, NOW).problems());
    }
}
