package dev.statuspagesync.inbound;

/**
 * The key of one member of an incident's alarm list: an alarm's ARN, or for one time series of a multi-time-series
 * alarm, the ARN and the contributor's id joined by a separator that no ARN and no id contains.
 */
public final class MemberKey {

    private static final char SEPARATOR = '\u001f';

    private MemberKey() {
    }

    public static String of(String arn, String contributorId) {
        return arn + SEPARATOR + contributorId;
    }

    /** The alarm ARN of the key. */
    public static String arn(String key) {
        int separator = key.indexOf(SEPARATOR);
        return separator < 0 ? key : key.substring(0, separator);
    }

    /** The contributor id of the key, null for a whole alarm. */
    public static String contributor(String key) {
        int separator = key.indexOf(SEPARATOR);
        return separator < 0 ? null : key.substring(separator + 1);
    }
}
