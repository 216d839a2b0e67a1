package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.secrets.Secret;
import dev.statuspagesync.support.SteppedClock;

/** The app key is read once, and again after a refusal at most every 30 seconds; a failed read keeps the old key. */
class AppKeyTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-03-14T09:30:00Z"));

    /** A secret that answers each read with the next of {@code values}; an empty value fails the read. */
    private static Supplier<String> secret(int[] reads, String... values) {
        var answers = new ArrayDeque<>(List.of(values));
        return () -> {
            reads[0]++;
            String value = answers.size() > 1 ? answers.poll() : answers.peek();
            if (value.isEmpty()) {
                throw new IllegalStateException("cannot read secret s: ThrottlingException");
            }
            return value;
        };
    }

    @Test
    void readsTheKeyOnceAtStart() {
        int[] reads = {0};

        var appKey = new AppKey(secret(reads, "first"), clock);

        assertEquals("first", appKey.key());
        assertEquals(1, reads[0]);
    }

    @Test
    void aRefusalReadsItAgainAndSaysWhetherTheKeyChanged() {
        int[] reads = {0};
        var appKey = new AppKey(secret(reads, "first", "second", "second"), clock);

        assertTrue(appKey.reread(), "a new key is worth one more try");
        assertEquals("second", appKey.key());
        clock.advance(AppKey.REREAD_SPACING);
        assertFalse(appKey.reread(), "the same key again is not");
        assertEquals(3, reads[0]);
    }

    @Test
    void refusalsReadTheSecretAtMostEveryThirtySeconds() {
        int[] reads = {0};
        var appKey = new AppKey(secret(reads, "first", "second", "third"), clock);
        appKey.reread();

        clock.advance(AppKey.REREAD_SPACING.minus(Duration.ofMillis(1)));
        boolean early = appKey.reread();
        clock.advance(Duration.ofMillis(1));
        boolean due = appKey.reread();

        assertFalse(early);
        assertTrue(due);
        assertEquals(3, reads[0]);
        assertEquals("third", appKey.key());
    }

    @Test
    void aFailedReadAfterARefusalKeepsTheKeyItHas() {
        int[] reads = {0};
        var appKey = new AppKey(secret(reads, "first", ""), clock);

        assertFalse(appKey.reread());
        assertEquals("first", appKey.key());
    }

    @Test
    void withNeitherASecretNorAKeyTheStartSaysWhatToSet() {
        var error = assertThrows(IllegalArgumentException.class, () -> AppKey.source(Optional.empty(),
                Optional.of(" "), "us-east-1"));

        assertEquals("no Flashduty app key: set FLASHDUTY_APP_KEY_SECRET to the name or ARN of the Secrets Manager"
                + " secret that holds it (or FLASHDUTY_APP_KEY, for a local run)", error.getMessage());
    }

    @Test
    void aNamedSecretWinsOverAConfiguredKey() {
        var error = assertThrows(IllegalStateException.class, () -> AppKey.source(Optional.of(new Secret(
                "statuspage/flashduty", "app_key", Optional.empty())), Optional.of("local-key"), "").get());

        assertEquals("cannot read secret statuspage/flashduty: no Region (AWS_REGION)", error.getMessage());
    }

    @Test
    void theSecretsRegionIsItsArnsAndANameHasNone() {
        assertEquals(Optional.of("eu-west-1"), new Secret("arn:aws:secretsmanager:eu-west-1:210987654321:secret:k-Ab12Cd",
                "app_key", Optional.empty()).region());
        assertEquals(Optional.empty(), new Secret("statuspage/flashduty", "app_key", Optional.empty()).region());
    }
}
