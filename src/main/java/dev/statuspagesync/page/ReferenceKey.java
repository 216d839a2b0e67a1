package dev.statuspagesync.page;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.secrets.Secret;
import dev.statuspagesync.secrets.SecretsManagerReader;

/**
 * Installs the deployment's reference key at start-up, before the first event: read from its Secrets Manager secret
 * ({@code STATUSPAGE_REFERENCE_KEY_SECRET}, field {@code key}), or taken from {@code STATUSPAGE_REFERENCE_KEY}. A
 * key that is too short stops the start with a message that names the setting, never the key.
 */
@Startup
@ApplicationScoped
public class ReferenceKey {

    /** The field of the secret's JSON that holds the key, as the template writes it. */
    static final String SECRET_FIELD = "key";

    @Inject
    public ReferenceKey(StatusPageConfig config, @ConfigProperty(name = "aws.region") Optional<String> region) {
        Optional<String> key = config.referenceKeySecret().filter(id -> !id.isBlank())
                .map(id -> SecretsManagerReader.read(new Secret(id.strip(), SECRET_FIELD, Optional.empty()),
                        region.orElse(null)))
                .or(config::referenceKey);
        key.ifPresent(value -> {
            if (value.strip().length() < References.MIN_KEY_LENGTH) {
                throw new IllegalArgumentException((config.referenceKeySecret().isPresent()
                        ? "the reference key of STATUSPAGE_REFERENCE_KEY_SECRET" : "STATUSPAGE_REFERENCE_KEY")
                        + " has " + value.strip().length() + " characters; it needs at least "
                        + References.MIN_KEY_LENGTH + " (the template's generated key has 48)");
            }
            References.install(value.strip());
        });
    }
}
