package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A timeline update retried after an unclear failure looks for itself first. Flashduty omits an update's status
 * when the update leaves the event's status as it was (a raise of impact does), so an absent status matches.
 */
class LookAgainBeforeUpdateTest {

    static final Requests.CreateTimeline RAISE = new Requests.CreateTimeline(42L, 7L, ChangeStatus.INVESTIGATING,
            "CloudWatch alarm api-latency is in ALARM too; more of the service is affected.", 1_773_480_500L,
            List.of(new Requests.ComponentChange("01AAAAAAAAAAAAAAAAAAAAAAAA", ComponentStatus.PARTIAL_OUTAGE)));

    @Test
    void findsTheUpdateItAddedThoughFlashdutyShowsItWithoutAStatus() {
        var api = new AddedButAnswerLost(null);
        var call = new LookAgainBeforeUpdate(RAISE);

        assertThrowsRetryable(() -> call.apply(api));
        var answer = call.apply(api);

        assertEquals("u2", answer.data().updateId());
        assertEquals(List.of("createTimeline", "info"), api.calls);
    }

    @Test
    void addsTheUpdateAgainWhenTheOneFoundHasAnotherStatus() {
        var api = new AddedButAnswerLost(ChangeStatus.RESOLVED);
        var call = new LookAgainBeforeUpdate(RAISE);

        assertThrowsRetryable(() -> call.apply(api));
        call.apply(api);

        assertEquals(List.of("createTimeline", "info", "createTimeline"), api.calls);
    }

    private static void assertThrowsRetryable(Runnable attempt) {
        try {
            attempt.run();
        } catch (FlashdutyRetryableException expected) {
            return;
        }
        throw new AssertionError("the first attempt should fail without a clear answer");
    }

    /** Flashduty that adds the update but whose first answer is lost; it shows the update with {@code shownStatus}. */
    static final class AddedButAnswerLost implements FlashdutyApi {

        final List<String> calls = new ArrayList<>();
        final ChangeStatus shownStatus;

        AddedButAnswerLost(ChangeStatus shownStatus) {
            this.shownStatus = shownStatus;
        }

        @Override
        public Responses.Envelope<Responses.CreatedUpdate> createTimeline(Requests.CreateTimeline request) {
            calls.add("createTimeline");
            if (calls.size() == 1) {
                throw new FlashdutyRetryableException(0, "IOError", "SocketTimeoutException", null, null);
            }
            return new Responses.Envelope<>("r", new Responses.CreatedUpdate("u3"), null);
        }

        @Override
        public Responses.Envelope<Responses.Change> info(long pageId, long changeId) {
            calls.add("info");
            var opening = new Responses.TimelineEntry("u1", 1_773_480_413L, ChangeStatus.INVESTIGATING, "Opening.",
                    List.of());
            var raise = new Responses.TimelineEntry("u2", RAISE.atSeconds(), shownStatus, RAISE.description(),
                    List.of());
            return new Responses.Envelope<>("r", new Responses.Change(changeId, pageId, EventType.INCIDENT, "t", "d",
                    ChangeStatus.INVESTIGATING, List.of(), 1_773_480_413L, null, List.of(opening, raise), true), null);
        }

        @Override
        public Responses.Envelope<Responses.CreatedChange> create(Requests.CreateChange request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Responses.Envelope<Object> delete(Requests.DeleteChange request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Responses.Envelope<Object> updateTimeline(Requests.UpdateTimeline request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Responses.Envelope<Responses.ChangeList> activeList(long pageId, String type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Responses.Envelope<Responses.ChangeList> list(long pageId, String type, String status,
                Long startAtSeconds) {
            throw new UnsupportedOperationException();
        }
    }
}
