package dev.statuspagesync.invocation;

import dev.statuspagesync.outcome.Outcome;

/**
 * Thrown to fail the invocation when an alarm change was rejected or could not be delivered, so that
 * Lambda's retries and the dead-letter destination keep the event. The message starts with the outcome.
 */
public class InvocationFailedException extends RuntimeException {

    private final transient Outcome outcome;

    public InvocationFailedException(Outcome outcome) {
        super(outcome.outcome().wire() + ": " + outcome.reason(), null, false, false);
        this.outcome = outcome;
    }

    /** The outcome that failed the invocation. */
    public Outcome outcome() {
        return outcome;
    }
}
