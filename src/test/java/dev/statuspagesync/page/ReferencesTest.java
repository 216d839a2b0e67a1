package dev.statuspagesync.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * Opaque references: stable under one key, different under another, and nothing of the alarm readable in them.
 */
class ReferencesTest {

    static final String ARN = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:checkout-api-high-cpu";
    static final String OTHER_REGION = "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:orders-5xx-error-rate";
    static final References DEVELOPMENT = References.under(References.DEVELOPMENT_KEY);

    @Test
    void anAwsHealthEventsReferenceIsInNoScopeOfAlarms() {
        String health = "arn:aws:health:us-east-1:210987654321:event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_1";
        String reference = DEVELOPMENT.alarm(health);

        // The sweep reads alarms of its account and Region: a Health event's incident is never one of them.
        assertNotEquals(DEVELOPMENT.scope("210987654321", "us-east-1"), References.scopeOf(reference));
        assertTrue(References.isReference(reference));
        assertEquals(reference, DEVELOPMENT.alarm(health), "stable, so its incident is found again");
    }

    @Test
    void aKeyGivesTheSameReferencesInEveryRelease() {
        // Written once and never changed: incidents on users' pages are found again by these.
        assertEquals("cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg", DEVELOPMENT.alarm(ARN));
        assertEquals("cw-jsbkphmjcv-krgrnbnrftfktkpvsqpg-sqcqcvcvnmvsvcnt",
                DEVELOPMENT.member(MemberKey.of(ARN, "9f2c07a4e1b35d68")));
        assertEquals("cw-cccmtgnjcf-mdrnvpgjpshpgskphsqp", DEVELOPMENT.alarm(OTHER_REGION));
    }

    @Test
    void anotherKeyGivesOtherReferences() {
        References other = References.under("another-deployments-key-of-32-characters");

        assertNotEquals(DEVELOPMENT.alarm(ARN), other.alarm(ARN));
        assertNotEquals(DEVELOPMENT.scope("210987654321", "us-east-1"), other.scope("210987654321", "us-east-1"));
    }

    @Test
    void holdsNoDigitNoVowelAndNothingOfTheAlarm() {
        String reference = DEVELOPMENT.member(MemberKey.of(ARN, "9f2c07a4e1b35d68"));

        assertTrue(reference.substring(References.PREFIX.length()).chars()
                .allMatch(c -> c == '-' || References.LETTERS.indexOf(c) >= 0), reference);
        for (String part : new String[] { "210987654321", "us-east-1", "checkout", "9f2c07a4e1b35d68" }) {
            assertFalse(reference.contains(part), reference);
        }
    }

    @Test
    void theScopePartTellsAccountAndRegionApartWithoutNamingThem() {
        assertEquals(DEVELOPMENT.scope("210987654321", "us-east-1"),
                References.scopeOf(DEVELOPMENT.alarm(ARN)));
        assertNotEquals(References.scopeOf(DEVELOPMENT.alarm(ARN)), References.scopeOf(DEVELOPMENT.alarm(OTHER_REGION)));
        assertEquals(DEVELOPMENT.alarm(ARN), References.alarmOf(DEVELOPMENT.member(MemberKey.of(ARN, "c1"))));
    }

    @Test
    void aReferenceStandsForItselfAndAContributorsOnlyUnderItsOwnAlarm() {
        String alarm = DEVELOPMENT.alarm(ARN);
        String contributor = DEVELOPMENT.member(MemberKey.of(ARN, "9f2c07a4e1b35d68"));

        assertEquals(alarm, DEVELOPMENT.member(MemberKey.alarm(alarm)));
        assertEquals(contributor, DEVELOPMENT.member(MemberKey.alarm(contributor)));
        assertEquals(contributor, DEVELOPMENT.member(MemberKey.of(ARN, contributor)));
        assertNotEquals(contributor, DEVELOPMENT.member(MemberKey.of(OTHER_REGION, contributor)),
                "another alarm's contributor reference is a contributor id like any other");
        assertTrue(DEVELOPMENT.standsFor(contributor, MemberKey.of(ARN, "9f2c07a4e1b35d68")));
        assertTrue(DEVELOPMENT.sameAlarm(contributor, ARN));
        assertFalse(DEVELOPMENT.sameAlarm(contributor, OTHER_REGION));
    }

    @Test
    void readsOnlyItsOwnForm() {
        String alarm = DEVELOPMENT.alarm(ARN);

        assertTrue(References.isReference(alarm));
        assertFalse(References.isReference(alarm.toUpperCase()));
        assertFalse(References.isReference(alarm.replace('b', 'a')), "a vowel is no reference letter");
        assertFalse(References.isReference(alarm + "b"));
        assertFalse(References.isReference(ARN));
        assertFalse(References.isContributor(alarm));
    }

    @Test
    void aShortKeyStopsTheStartWithoutShowingIt() {
        String shortKey = "only-twenty-six-characters";
        var settings = StatusPageSettings.environment(7L, List.of("01A"), "degraded");
        var withShortKey = new StatusPageSettings(settings.pageId(), settings.componentIds(), settings.componentNames(),
                settings.audience(), settings.impact(), settings.notifySubscribers(), settings.routes(),
                settings.joinOpenIncidents(), settings.insufficientData(), settings.resolveAfter(),
                settings.monitoringUpdate(), settings.deferTo(), Optional.of(shortKey));
        References before = References.current();

        var error = assertThrows(IllegalArgumentException.class, () -> new ReferenceKey(withShortKey, Optional.empty()));

        assertEquals("STATUSPAGE_REFERENCE_KEY has 26 characters; it needs at least 32 (the template's generated key"
                + " has 48)", error.getMessage());
        assertSame(before, References.current(), "nothing is installed");
    }

    @Test
    void neverShowsItsKey() {
        assertEquals("References[key hidden]", DEVELOPMENT.toString());
    }
}
