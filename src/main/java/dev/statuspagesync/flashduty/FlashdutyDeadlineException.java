package dev.statuspagesync.flashduty;

/** Thrown when the invocation has too little time left for another attempt, so it fails before Lambda kills it. */
public final class FlashdutyDeadlineException extends FlashdutyException {

    FlashdutyDeadlineException(String detail) {
        super("Flashduty call abandoned: " + detail, 0, "DeadlineReached", detail, null);
    }
}
