package dev.statuspagesync.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How to reach Flashduty ({@code FLASHDUTY_*} environment variables). The fault-tolerance annotations read
 * their numbers from {@link Retry} through {@code application.properties}, so both stay one setting.
 */
@ConfigMapping(prefix = "flashduty")
public interface FlashdutyConfig {

    /** {@code FLASHDUTY_BASE_URL}. */
    @WithDefault("https://api.flashcat.cloud")
    String baseUrl();

    /**
     * {@code FLASHDUTY_APP_KEY}: secret, only ever sent as the {@code app_key} query parameter. For local runs and
     * tests; a deployment names its secret instead ({@link #appKeySecret}).
     */
    Optional<String> appKey();

    /**
     * {@code FLASHDUTY_APP_KEY_SECRET}: the name or ARN of the Secrets Manager secret that holds the app key, read at
     * start and again when Flashduty refuses the key; it wins over {@link #appKey}.
     */
    Optional<String> appKeySecret();

    /** {@code FLASHDUTY_APP_KEY_SECRET_FIELD}: the field of the secret's JSON that holds the key. */
    @WithDefault("app_key")
    String appKeySecretField();

    /** {@code FLASHDUTY_APP_KEY_SECRET_VERSION}: a version of the secret to read; empty reads the current one. */
    Optional<String> appKeySecretVersion();

    /** {@code FLASHDUTY_DRY_RUN}: read from Flashduty, but answer with the writes instead of making them. */
    @WithDefault("false")
    boolean dryRun();

    /**
     * {@code FLASHDUTY_CALLS_PER_MINUTE}: this environment's share of the account's 1000 calls a minute; the
     * rate limiter refuses beyond it and the pacer waits below it.
     */
    @WithDefault("1000")
    int callsPerMinute();

    /**
     * {@code FLASHDUTY_CALLS_PER_SECOND}: this environment's share of the account's 50 calls a second; the pacer
     * spaces calls to it. Environments times this share should stay within 50.
     */
    @WithDefault("48")
    int callsPerSecond();

    /**
     * {@code FLASHDUTY_READ_CACHE_MS}: how long a warm function reuses what it read of a page, with its own writes
     * applied; 0 reads the page afresh in every invocation.
     */
    @WithDefault("5000")
    long readCacheMs();

    Retry retry();

    /** {@code FLASHDUTY_RETRY_*}: retries, backoff and per-call timeout. */
    interface Retry {

        /** Attempts after the first one. */
        @WithDefault("4")
        int maxRetries();

        /** First backoff pause; later pauses double up to {@code RetryBackoff.MAX_GROWTH} times this. */
        @WithDefault("200")
        long initialDelayMs();

        /** Longest a single call may take. */
        @WithDefault("5000")
        long callTimeoutMs();

        /** Time kept free at the end of an invocation to answer cleanly. */
        @WithDefault("500")
        long reserveMs();

        /** Budget used when the runtime supplies no deadline (local tools). */
        @WithDefault("60000")
        long defaultBudgetMs();
    }
}
