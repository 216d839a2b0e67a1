package dev.statuspagesync.page;

import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Responses;

/** When things happened to an incident, as its timeline tells. */
public final class Timeline {

    private Timeline() {
    }

    /** When the incident's timeline last changed: its newest update, or its start. */
    public static long newestRecordedAt(Responses.Change incident) {
        long newest = incident.startAtSeconds() == null ? 0 : incident.startAtSeconds();
        if (incident.updates() != null) {
            for (Responses.TimelineEntry update : incident.updates()) {
                if (update.atSeconds() != null) {
                    newest = Math.max(newest, update.atSeconds());
                }
            }
        }
        return newest;
    }

    /** When the incident was resolved: its last resolving update, or its close time, or its newest update. */
    public static long resolvedAt(Responses.Change incident) {
        if (incident.updates() != null) {
            long resolved = -1;
            for (Responses.TimelineEntry update : incident.updates()) {
                if (update.status() == ChangeStatus.RESOLVED && update.atSeconds() != null) {
                    resolved = Math.max(resolved, update.atSeconds());
                }
            }
            if (resolved >= 0) {
                return resolved;
            }
        }
        return incident.closeAtSeconds() != null ? incident.closeAtSeconds() : newestRecordedAt(incident);
    }
}
