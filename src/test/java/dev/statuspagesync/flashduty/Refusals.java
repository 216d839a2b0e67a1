package dev.statuspagesync.flashduty;

/** Flashduty's refusals as the client throws them, for tests outside this package. */
public final class Refusals {

    private Refusals() {
    }

    /** A refusal with HTTP 400 and this error code, as the error mapper makes it. */
    public static FlashdutyRejectedException rejected(String code, String message) {
        return (FlashdutyRejectedException) FlashdutyErrors.classify(400, code, message, "01TEST", null);
    }
}
