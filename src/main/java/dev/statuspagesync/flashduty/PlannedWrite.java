package dev.statuspagesync.flashduty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A write call a dry run held back: its method, path and body, as it would have been sent. */
@RegisterForReflection
public record PlannedWrite(String method, String path, Object body) {
}
