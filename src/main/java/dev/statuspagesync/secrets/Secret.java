package dev.statuspagesync.secrets;

import java.util.Optional;

import dev.statuspagesync.alarm.Arn;

/**
 * Where a key is kept: a Secrets Manager secret ({@code id}, its name or ARN), the field of its JSON text that
 * holds the key, and a version, when one is pinned.
 */
public record Secret(String id, String field, Optional<String> version) {

    public Secret {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a secret needs a name or ARN");
        }
        version = version.filter(value -> !value.isBlank());
    }

    /** The Region of an ARN ({@code arn:aws:secretsmanager:eu-west-1:...}); empty for a name. */
    public Optional<String> region() {
        return Arn.parse(id).map(Arn::region).filter(region -> !region.isBlank());
    }
}
