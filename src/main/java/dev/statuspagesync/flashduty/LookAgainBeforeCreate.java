package dev.statuspagesync.flashduty;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One create, as the guarded call repeats it: after an attempt that may have reached Flashduty (no answer,
 * timeout, 5xx) the next attempt lists the open events of its type first (and the closed ones, for an event created
 * closed) and answers with the one it finds.
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
            var found = find(api.activeList(request.pageId(), request.type().wire()));
            if (found == null && request.status() != null && request.startAtSeconds() != null
                    && request.status().isTerminal()) {
                // An event created closed (a retrospective one) is listed among the closed ones only.
                found = find(api.list(request.pageId(), request.type().wire(), request.status().wire(),
                        request.startAtSeconds()));
            }
            if (found != null) {
                return found;
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

    /** The create's answer made from the listed event that {@code isOurs} recognises, or null. */
    private Responses.Envelope<Responses.CreatedChange> find(Responses.Envelope<Responses.ChangeList> listed) {
        if (listed == null || FlashdutyErrors.isError(listed.error()) || listed.data() == null
                || listed.data().items() == null) {
            return null;
        }
        for (Responses.Change change : listed.data().items()) {
            if (isOurs.test(change)) {
                return new Responses.Envelope<>(listed.requestId(),
                        new Responses.CreatedChange(change.changeId(), change.title()), null);
            }
        }
        return null;
    }
}
