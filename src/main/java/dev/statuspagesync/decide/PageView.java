package dev.statuspagesync.decide;

import java.util.List;

import dev.statuspagesync.flashduty.Responses;

/**
 * What a decision knows of one page. A part that is null has not been read; a decision that needs it asks for
 * it ({@link Need}) instead of reading it.
 *
 * @param pageId   the page
 * @param open     the page's open incidents, those of this function with their timeline where it is known
 * @param resolved resolved incidents that started at or after a point in time
 * @param maintenances the page's open maintenances, read only when deference to maintenance may stop an incident
 */
public record PageView(long pageId, List<Responses.Change> open, Resolved resolved,
        List<Responses.Change> maintenances) {

    /** Resolved incidents of the page that started at or after {@code sinceSeconds}. */
    public record Resolved(long sinceSeconds, List<Responses.Change> incidents) {

        public Resolved {
            incidents = List.copyOf(incidents);
        }
    }

    public PageView {
        open = open == null ? null : List.copyOf(open);
        maintenances = maintenances == null ? null : List.copyOf(maintenances);
    }

    public PageView(long pageId, List<Responses.Change> open, Resolved resolved) {
        this(pageId, open, resolved, null);
    }

    /** A page nothing has been read of yet. */
    public static PageView unread(long pageId) {
        return new PageView(pageId, null, null, null);
    }
}
