package dev.statuspagesync.flashduty;

/** Thrown when Flashduty refused a request (4xx other than 429, or such an error code on 2xx); a retry cannot help. */
public final class FlashdutyRejectedException extends FlashdutyException {

    FlashdutyRejectedException(int httpStatus, String code, String message, String requestId) {
        super(summarise(httpStatus, code, message, requestId), httpStatus, code, message, requestId);
    }
}
