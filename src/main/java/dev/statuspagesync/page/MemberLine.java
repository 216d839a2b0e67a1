package dev.statuspagesync.page;

import java.util.Optional;

/**
 * Reads one line of an alarm list that names its member by ARN, as the released function wrote it, in one pass:
 * {@code - `ARN`: ALARM since 2026-03-14 09:26:53 UTC}, or for a contributor
 * {@code - `ARN` contributor `ID` `LABEL`: ...} (the label optional). Each name is a code span
 * ({@link Markdown#code}): a fence of backticks, the text, and the first run of at least as many backticks, with
 * one space inside each end stripped. A line longer than {@link #MAX_LINE} is no member line.
 */
final class MemberLine {

    /** Longer than any line the function writes: an ARN, a contributor id and a label of 256 characters. */
    static final int MAX_LINE = 4_096;

    /** What a line names: the ARN, the contributor's id and label (null for a whole alarm), state and time. */
    record Read(String arn, String contributor, String label, Membership.State state, String time) {
    }

    private final String line;
    private int at;

    private MemberLine(String line, int at) {
        this.line = line;
        this.at = at;
    }

    static Optional<Read> read(String line) {
        if (line.length() > MAX_LINE || !line.startsWith("- ")) {
            return Optional.empty();
        }
        MemberLine cursor = new MemberLine(line, 2);
        String arn = cursor.span();
        if (arn == null) {
            return Optional.empty();
        }
        String contributor = null;
        String label = null;
        if (cursor.skip(" contributor ")) {
            contributor = cursor.span();
            if (contributor == null) {
                return Optional.empty();
            }
            if (cursor.startsWith(" `")) {
                cursor.at++;
                label = cursor.span();
                if (label == null) {
                    return Optional.empty();
                }
            }
        }
        if (!cursor.skip(": ")) {
            return Optional.empty();
        }
        Membership.State state = null;
        for (Membership.State candidate : Membership.State.values()) {
            if (cursor.skip(candidate.name() + " since ")) {
                state = candidate;
                break;
            }
        }
        int timeLength = "2026-03-14 09:26:53".length();
        if (state == null || line.length() != cursor.at + timeLength + " UTC".length()
                || !line.endsWith(" UTC")) {
            return Optional.empty();
        }
        return Optional.of(new Read(arn, contributor, label, state, line.substring(cursor.at,
                cursor.at + timeLength)));
    }

    /** The code span at the cursor, which moves past it; null when there is none. */
    private String span() {
        int fence = 0;
        while (at + fence < line.length() && line.charAt(at + fence) == '`') {
            fence++;
        }
        if (fence == 0) {
            return null;
        }
        int from = at + fence;
        int i = from;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = i;
            while (run < line.length() && line.charAt(run) == '`') {
                run++;
            }
            if (run - i >= fence && i > from) {
                // The closing fence is the run's last backticks; any before them belong to the text.
                int start = from;
                int end = run - fence;
                if (end - start > 1 && line.charAt(start) == ' ') {
                    start++;
                }
                if (end - start > 1 && line.charAt(end - 1) == ' ') {
                    end--;
                }
                at = run;
                return line.substring(start, end);
            }
            i = run;
        }
        return null;
    }

    private boolean startsWith(String text) {
        return line.startsWith(text, at);
    }

    private boolean skip(String text) {
        if (!startsWith(text)) {
            return false;
        }
        at += text.length();
        return true;
    }
}
