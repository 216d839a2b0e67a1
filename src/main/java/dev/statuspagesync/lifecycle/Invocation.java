package dev.statuspagesync.lifecycle;

import dev.statuspagesync.flashduty.Deadline;

/**
 * The work of one invocation: its deadline, what it read of the pages ({@link PageViews}) and the alarm-list
 * edits it has yet to write ({@link EditBuffer}).
 */
public final class Invocation {

    private final Deadline deadline;
    private final PageViews views;
    private final EditBuffer edits = new EditBuffer();
    private boolean failed;

    Invocation(Deadline deadline, PageViews views) {
        this.deadline = deadline;
        this.views = views;
    }

    public Deadline deadline() {
        return deadline;
    }

    PageViews views() {
        return views;
    }

    EditBuffer edits() {
        return edits;
    }

    /** Something went wrong: what this invocation believes of Flashduty may not be what Flashduty holds. */
    public void markFailed() {
        failed = true;
    }

    boolean failed() {
        return failed || !edits.failedLater().isEmpty();
    }
}
