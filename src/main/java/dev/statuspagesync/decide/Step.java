package dev.statuspagesync.decide;

/** What {@link AlarmDecisions#decide} returns: a decision, or a read it needs before it can decide. */
public sealed interface Step permits Decision, Need {
}
