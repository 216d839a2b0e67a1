package dev.statuspagesync.flashduty;

import java.time.Duration;

/** Thrown when a call failed in a way that may pass later: 429, 5xx, an I/O error or a timeout. */
public final class FlashdutyRetryableException extends FlashdutyException {

    private final Duration retryAfter;

    FlashdutyRetryableException(int httpStatus, String code, String message, String requestId, Duration retryAfter) {
        super(summarise(httpStatus, code, message, requestId), httpStatus, code, message, requestId);
        this.retryAfter = retryAfter;
    }

    /** The wait Flashduty asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
