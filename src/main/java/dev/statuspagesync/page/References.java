package dev.statuspagesync.page;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.statuspagesync.alarm.Arn;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.config.Settings;

/**
 * Opaque references: how a public page's bookkeeping names an alarm without saying which one. A reference is a
 * keyed hash (HMAC-SHA256) of what it stands for, under the deployment's reference key
 * ({@code STATUSPAGE_REFERENCE_KEY}), written in sixteen letters: {@code cw-<scope>-<alarm>} for an alarm,
 * {@code cw-<scope>-<alarm>-<contributor>} for one time series of a multi-time-series alarm, such as
 * {@code cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg}. The scope part stands for the alarm's account and Region, so
 * the sweep tells its own alarms from others' without reading the ARN. Without the key, no part can be turned back
 * into an account id, a Region or a name, nor guessed from one.
 * <p>
 * The key is installed once at start-up ({@link ReferenceKey}); until then, as in plain unit tests, a fixed
 * development key holds, which the start-up check never lets a deployment keep.
 */
public final class References {

    /** What every reference starts with. */
    public static final String PREFIX = "cw-";
    /** The key unit tests and the local run's fake page use; a deployment must set its own. */
    public static final String DEVELOPMENT_KEY = "statuspage-sync-development-reference-key";
    /** The shortest key a deployment may set: 32 characters, as the template's generated key has 48. */
    public static final int MIN_KEY_LENGTH = Settings.MIN_REFERENCE_KEY_LENGTH;

    /**
     * The sixteen letters a reference's parts are written in, one per four bits: no digits, so no part reads as an
     * account id or a number, and no vowels, so none spells a word.
     */
    static final String LETTERS = "bcdfghjkmnpqrstv";

    private static final int SCOPE_LENGTH = 10;
    private static final int ALARM_PART_LENGTH = 20;
    private static final int CONTRIBUTOR_PART_LENGTH = 16;
    private static final int ALARM_LENGTH = PREFIX.length() + SCOPE_LENGTH + 1 + ALARM_PART_LENGTH;
    private static final int CONTRIBUTOR_LENGTH = ALARM_LENGTH + 1 + CONTRIBUTOR_PART_LENGTH;

    private static volatile References current = new References(DEVELOPMENT_KEY);

    private final SecretKeySpec key;

    private References(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The references under the installed key. */
    public static References current() {
        return current;
    }

    /** References under {@code key}, for comparing what two keys make. */
    public static References under(String key) {
        return new References(Objects.requireNonNull(key));
    }

    /** Installs the deployment's key; called once at start-up. */
    static void install(String key) {
        current = new References(key);
    }

    /**
     * The reference of an alarm, from its ARN. An AWS Health event's key has a scope of its own, which no account
     * and Region of alarms share: the sweep, which reads alarms, never takes it for one of its own.
     */
    public String alarm(String arn) {
        var parts = Arn.parse(arn);
        String account = parts.map(Arn::account).orElse("");
        String region = parts.map(Arn::region).orElse("");
        String scope = parts.filter(name -> name.of("health")).isPresent()
                ? PREFIX + hash("scope", "health\n" + account + "\n" + region, SCOPE_LENGTH)
                : scope(account, region);
        return scope + "-" + hash("alarm", arn, ALARM_PART_LENGTH);
    }

    /**
     * The reference of a member key: an alarm's, or a contributor's. A key that is already a reference (the sweep
     * repairs a member it knows by its reference only) is its own.
     */
    public String member(MemberKey key) {
        String arn = key.arn();
        String contributor = key.contributorId();
        if (contributor == null) {
            return isReference(arn) ? arn : alarm(arn);
        }
        String alarm = isReference(arn) ? arn : alarm(arn);
        if (isContributor(contributor) && alarmOf(contributor).equals(alarm)) {
            return contributor;
        }
        return alarm + "-" + hash("contributor", arn + "\n" + contributor, CONTRIBUTOR_PART_LENGTH);
    }

    /** The scope part every reference to an alarm of this account and Region starts with. */
    public String scope(String account, String region) {
        return PREFIX + hash("scope", account + "\n" + region, SCOPE_LENGTH);
    }

    /**
     * The opaque name of a channel (a topic or queue ARN) that published events arrive on: their keys are scoped
     * by it, so that no publisher can take another's key, and no ARN is shown on the page.
     */
    public String channel(String channelArn) {
        return "ch-" + hash("channel", channelArn, SCOPE_LENGTH);
    }

    /** Whether a listed key stands for {@code memberKey}: it is the key itself, or its reference. */
    public boolean standsFor(String listed, MemberKey key) {
        return listed.equals(key.wire()) || isReference(listed) && listed.equals(member(key));
    }

    /** Whether a listed key (a member key or a reference) names the alarm of ARN {@code arn}, or one of its parts. */
    public boolean sameAlarm(String listed, String arn) {
        if (!isReference(listed)) {
            return MemberKey.parse(listed).arn().equals(arn);
        }
        return alarmOf(listed).equals(isReference(arn) ? arn : alarm(arn));
    }

    /** Whether {@code text} has the form of a reference, to an alarm or to a contributor. */
    public static boolean isReference(String text) {
        return isAlarm(text) || isContributor(text);
    }

    /** Whether {@code text} is a contributor's reference. */
    public static boolean isContributor(String text) {
        return text.length() == CONTRIBUTOR_LENGTH && isAlarm(text.substring(0, ALARM_LENGTH))
                && text.charAt(ALARM_LENGTH) == '-' && isLetters(text, ALARM_LENGTH + 1, CONTRIBUTOR_LENGTH);
    }

    /** The alarm part of a reference. */
    public static String alarmOf(String reference) {
        return reference.substring(0, ALARM_LENGTH);
    }

    /** The scope part of a reference. */
    public static String scopeOf(String reference) {
        return reference.substring(0, PREFIX.length() + SCOPE_LENGTH);
    }

    private static boolean isAlarm(String text) {
        int scopeEnd = PREFIX.length() + SCOPE_LENGTH;
        return text.length() == ALARM_LENGTH && text.startsWith(PREFIX) && isLetters(text, PREFIX.length(), scopeEnd)
                && text.charAt(scopeEnd) == '-' && isLetters(text, scopeEnd + 1, ALARM_LENGTH);
    }

    private static boolean isLetters(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (LETTERS.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private String hash(String kind, String value, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((kind + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder letters = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                int nibble = (digest[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
                letters.append(LETTERS.charAt(nibble));
            }
            return letters.toString();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is not available", unavailable);
        }
    }

    @Override
    public String toString() {
        return "References[key hidden]";
    }
}
