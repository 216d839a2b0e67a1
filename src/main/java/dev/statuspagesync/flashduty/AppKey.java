package dev.statuspagesync.flashduty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.secrets.Secret;
import dev.statuspagesync.secrets.SecretsManagerReader;

import io.quarkus.runtime.Startup;

/**
 * The Flashduty app key every call carries: read at start from its Secrets Manager secret
 * ({@code FLASHDUTY_APP_KEY_SECRET}), or taken from {@code FLASHDUTY_APP_KEY} for local runs and tests, and kept for
 * the environment's life. When Flashduty refuses it, the secret is read again (at most every
 * {@link #REREAD_SPACING}), so a rotated key is taken up without a deployment. The key is never logged.
 */
@Startup
@ApplicationScoped
public class AppKey {

    private static final Logger LOG = Logger.getLogger(AppKey.class);
    /** The shortest time between two reads of the secret after refusals. */
    static final Duration REREAD_SPACING = Duration.ofSeconds(30);

    private static volatile AppKey installed;

    private final Supplier<String> source;
    private final Clock clock;
    private volatile String key;
    private Instant lastReread;

    @Inject
    public AppKey(FlashdutyConfig config, Clock clock, @ConfigProperty(name = "aws.region") Optional<String> region) {
        this(source(config, region.orElse(null)), clock);
        installed = this;
    }

    AppKey(Supplier<String> source, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.key = source.get();
    }

    /** Where the key is read from: the secret when one is named, else the setting. */
    static Supplier<String> source(FlashdutyConfig config, String region) {
        return source(config.appKeySecret().filter(id -> !id.isBlank()).map(id -> new Secret(id.strip(),
                config.appKeySecretField(), config.appKeySecretVersion())), config.appKey(), region);
    }

    static Supplier<String> source(Optional<Secret> secret, Optional<String> configured, String region) {
        if (secret.isPresent()) {
            return () -> SecretsManagerReader.read(secret.get(), region);
        }
        String key = configured.filter(value -> !value.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("no Flashduty app key: set FLASHDUTY_APP_KEY_SECRET to the name or ARN"
                        + " of the Secrets Manager secret that holds it (or FLASHDUTY_APP_KEY, for a local run)"));
        return () -> key;
    }

    /** The key of the running function, for the {@code app_key} query parameter. */
    public static String current() {
        AppKey appKey = installed;
        if (appKey == null) {
            throw new IllegalStateException("the Flashduty app key has not been read yet");
        }
        return appKey.key;
    }

    /** The key this instance holds. */
    String key() {
        return key;
    }

    /**
     * After Flashduty refused the key: reads it again, unless it was read again less than {@link #REREAD_SPACING}
     * ago; whether a different key came back, worth one more try.
     */
    synchronized boolean reread() {
        Instant now = clock.instant();
        if (lastReread != null && now.isBefore(lastReread.plus(REREAD_SPACING))) {
            return false;
        }
        lastReread = now;
        String fresh;
        try {
            fresh = source.get();
        } catch (RuntimeException unreadable) {
            LOG.warnf("Flashduty refused the app key, and reading it again failed: %s", unreadable.getMessage());
            return false;
        }
        boolean changed = !fresh.equals(key);
        key = fresh;
        LOG.infof("Flashduty refused the app key; read it again: %s", changed ? "a new key, tried once more"
                : "the same key");
        return changed;
    }

    /** The running function's key holder, to read the key again after a refusal. */
    static Optional<AppKey> installed() {
        return Optional.ofNullable(installed);
    }
}
