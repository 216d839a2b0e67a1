package dev.statuspagesync.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import dev.statuspagesync.config.StatusPageConfig;

/**
 * Installs the deployment's reference key ({@code STATUSPAGE_REFERENCE_KEY}) at start-up, before the first event.
 * A key that is too short stops the start with a message that names the setting, never the key.
 */
@Startup
@ApplicationScoped
public class ReferenceKey {

    @Inject
    public ReferenceKey(StatusPageConfig config) {
        config.referenceKey().ifPresent(key -> {
            if (key.strip().length() < References.MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("STATUSPAGE_REFERENCE_KEY has " + key.strip().length()
                        + " characters; it needs at least " + References.MIN_KEY_LENGTH
                        + " (the template's generated key has 48)");
            }
            References.install(key.strip());
        });
    }
}
