package dev.statuspagesync.page;

import java.util.regex.Pattern;

/** Makes alarm text safe inside Flashduty's Markdown: no markup, links or HTML that the operator did not write. */
public final class Markdown {

    private static final String INLINE_SPECIALS = "\\`*_[]<|~";
    // Characters that start a list or quote only at the beginning of a line.
    private static final Pattern BLOCK_START = Pattern.compile("^([-+>#]|\\d+[.)])");

    private Markdown() {
    }

    /** Escapes Markdown and HTML punctuation and folds control characters and line breaks into spaces. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)) {
                out.append(' ');
            } else {
                if (INLINE_SPECIALS.indexOf(codePoint) >= 0) {
                    out.append('\\');
                }
                out.appendCodePoint(codePoint);
            }
        });
        String escaped = out.toString().strip();
        var blockStart = BLOCK_START.matcher(escaped);
        if (blockStart.find()) {
            int last = blockStart.end() - 1;
            escaped = escaped.substring(0, last) + '\\' + escaped.substring(last);
        }
        return escaped;
    }

    /**
     * A code span that shows {@code value} literally, whatever backticks it holds: its fence is one backtick
     * longer than the longest run inside, so no run can close it early.
     */
    public static String code(String value) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            run = value.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        if (longest == 0) {
            return "`" + value + "`";
        }
        String fence = "`".repeat(longest + 1);
        return fence + " " + value + " " + fence;
    }
}
