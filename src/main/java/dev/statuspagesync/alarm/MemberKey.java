package dev.statuspagesync.alarm;

import java.util.Objects;

/**
 * One member of an incident's alarm list: an alarm, by its ARN, or one time series of a multi-time-series alarm,
 * by the ARN and the contributor's id ({@code contributorId}, null for a whole alarm). An internal page lists it by
 * {@link #wire()}, a public one by its reference.
 */
public record MemberKey(String arn, String contributorId) {

    /** Joins the ARN and the contributor's id in the listed form: no ARN and no contributor id holds it. */
    private static final char SEPARATOR = '\u001f';

    public MemberKey {
        Objects.requireNonNull(arn, "arn");
    }

    /** A whole alarm. */
    public static MemberKey alarm(String arn) {
        return new MemberKey(arn, null);
    }

    /** One time series of an alarm; null {@code contributorId} for the whole alarm. */
    public static MemberKey of(String arn, String contributorId) {
        return new MemberKey(arn, contributorId);
    }

    /** The member a list names by its listed form (not a reference): the ARN, or the ARN and the contributor id. */
    public static MemberKey parse(String listed) {
        int separator = listed.indexOf(SEPARATOR);
        return separator < 0 ? alarm(listed) : of(listed.substring(0, separator), listed.substring(separator + 1));
    }

    public boolean isContributor() {
        return contributorId != null;
    }

    /** The form an internal page lists it by, and the one references are made from. */
    public String wire() {
        return contributorId == null ? arn : arn + SEPARATOR + contributorId;
    }
}
