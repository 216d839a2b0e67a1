package dev.statuspagesync.flashduty;

/**
 * A Flashduty call that did not succeed. Carries Flashduty's error code, message and request id, never the
 * request URL or the app key.
 */
public abstract sealed class FlashdutyException extends RuntimeException
        permits FlashdutyRetryableException, FlashdutyRejectedException, FlashdutyDeadlineException {

    private final int httpStatus;
    private final String code;
    private final String flashdutyMessage;
    private final String requestId;

    FlashdutyException(String summary, int httpStatus, String code, String flashdutyMessage, String requestId) {
        super(summary, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.flashdutyMessage = flashdutyMessage;
        this.requestId = requestId;
    }

    /** HTTP status of the answer; 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Flashduty's error code (e.g. {@code InvalidParameter}), or a local one such as {@code IOError}. */
    public String code() {
        return code;
    }

    public String flashdutyMessage() {
        return flashdutyMessage;
    }

    /** Flashduty's request id, null when no answer arrived. */
    public String requestId() {
        return requestId;
    }

    static String summarise(int httpStatus, String code, String message, String requestId) {
        StringBuilder text = new StringBuilder("Flashduty ");
        text.append(httpStatus > 0 ? "HTTP " + httpStatus + " " : "").append(code);
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" (request_id ").append(requestId).append(')');
        }
        return text.toString();
    }
}
