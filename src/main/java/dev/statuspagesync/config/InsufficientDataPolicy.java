package dev.statuspagesync.config;

/** What an alarm entering INSUFFICIENT_DATA means for the status page ({@code STATUSPAGE_INSUFFICIENT_DATA}). */
public enum InsufficientDataPolicy {
    /** Leave the page as it is. */
    IGNORE,
    /** Treat missing data as an outage, like ALARM. */
    DEGRADE,
    /** Treat missing data as a recovery, like OK. */
    RESOLVE
}
