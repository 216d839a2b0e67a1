package dev.statuspagesync.flashduty;

import java.util.Objects;
import java.util.function.Function;

/**
 * One timeline update, as the guarded call repeats it: after an attempt that may have reached Flashduty (no
 * answer, timeout, 5xx) the next attempt reads the incident first and answers with the update it finds, so that
 * subscribers hear of a resolution once.
 */
final class LookAgainBeforeUpdate implements Function<FlashdutyApi, Responses.Envelope<Responses.CreatedUpdate>> {

    private final Requests.CreateTimeline request;
    private boolean mayHaveAdded;

    LookAgainBeforeUpdate(Requests.CreateTimeline request) {
        this.request = request;
    }

    @Override
    public Responses.Envelope<Responses.CreatedUpdate> apply(FlashdutyApi api) {
        if (mayHaveAdded) {
            var incident = api.info(request.pageId(), request.changeId());
            if (incident != null && !FlashdutyErrors.isError(incident.error()) && incident.data() != null
                    && incident.data().updates() != null) {
                for (Responses.TimelineEntry update : incident.data().updates()) {
                    // Flashduty omits an update's status when it leaves the event's status as it was.
                    if ((update.status() == null || update.status() == request.status())
                            && Objects.equals(update.description(), request.description())
                            && Objects.equals(update.atSeconds(), request.atSeconds())) {
                        return new Responses.Envelope<>(incident.requestId(),
                                new Responses.CreatedUpdate(update.updateId()), null);
                    }
                }
            }
        }
        try {
            var answer = api.createTimeline(request);
            mayHaveAdded = !FlashdutyErrors.provesNothingDone(answer == null ? null : answer.error());
            return answer;
        } catch (RuntimeException failure) {
            mayHaveAdded = !FlashdutyErrors.provesNothingDone(failure);
            throw failure;
        }
    }
}
