package dev.statuspagesync.flashduty;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One create, as the guarded call repeats it: after an attempt that may have reached Flashduty (no answer,
 * timeout, 5xx) the next attempt lists the open incidents first and answers with the one it finds.
 */
final class LookAgainBeforeCreate implements Function<FlashdutyApi, Responses.Envelope<Responses.CreatedChange>> {

    private final Requests.CreateChange request;
    private final Predicate<Responses.Change> isOurs;
    private boolean mayHaveCreated;

    LookAgainBeforeCreate(Requests.CreateChange request, Predicate<Responses.Change> isOurs) {
        this.request = request;
        this.isOurs = isOurs;
    }

    @Override
    public Responses.Envelope<Responses.CreatedChange> apply(FlashdutyApi api) {
        if (mayHaveCreated) {
            var open = api.activeList(request.pageId(), FlashdutyClient.INCIDENT);
            if (open != null && !FlashdutyErrors.isError(open.error()) && open.data() != null
                    && open.data().items() != null) {
                for (Responses.Change change : open.data().items()) {
                    if (isOurs.test(change)) {
                        return new Responses.Envelope<>(open.requestId(),
                                new Responses.CreatedChange(change.changeId(), change.title()), null);
                    }
                }
            }
        }
        try {
            var answer = api.create(request);
            mayHaveCreated = !FlashdutyErrors.provesNothingDone(answer == null ? null : answer.error());
            return answer;
        } catch (RuntimeException failure) {
            mayHaveCreated = !FlashdutyErrors.provesNothingDone(failure);
            throw failure;
        }
    }
}
