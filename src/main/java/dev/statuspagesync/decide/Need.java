package dev.statuspagesync.decide;

/** A read a decision needs first; the executor makes it, adds it to the page view, and asks again. */
public sealed interface Need extends Step {

    /** The page's open incidents. */
    record OpenIncidents(long pageId) implements Need {
    }

    /** The page's resolved incidents that started at or after {@code sinceSeconds}. */
    record ResolvedIncidents(long pageId, long sinceSeconds) implements Need {
    }

    /** The page's open maintenances: a firing alarm defers to one in progress on its components. */
    record Maintenances(long pageId) implements Need {
    }

    /** The timeline of an incident known without it (one this invocation opened, or one listed without). */
    record Timeline(long pageId, long changeId) implements Need {
    }
}
