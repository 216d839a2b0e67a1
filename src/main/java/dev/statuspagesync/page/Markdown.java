package dev.statuspagesync.page;

import java.util.regex.Pattern;

/** Makes alarm text safe inside Flashduty's Markdown: no markup, links or HTML that the operator did not write. */
public final class Markdown {

    // '&' too: a character reference (&#8238;) would put back a character the text had dropped.
    private static final String INLINE_SPECIALS = "\\`*_[]<|~&";
    // Characters that start a list or quote only at the beginning of a line.
    private static final Pattern BLOCK_START = Pattern.compile("^([-+>#]|\\d+[.)])");

    private Markdown() {
    }

    /**
     * Escapes Markdown and HTML punctuation, folds control characters and line breaks into spaces and drops
     * invisible format characters; a word that a renderer could turn into a link (a URL, {@code www.}, an e-mail
     * address or a domain name) is shown literally in a code span, so alarm text never carries a clickable link.
     */
    public static String text(String value) {
        String plain = plain(value);
        StringBuilder out = new StringBuilder(plain.length() + 16);
        int start = 0;
        while (start <= plain.length()) {
            int space = plain.indexOf(' ', start);
            int end = space < 0 ? plain.length() : space;
            String word = plain.substring(start, end);
            if (linkable(word)) {
                out.append(code(word));
            } else {
                escapeInto(out, word);
            }
            if (space < 0) {
                break;
            }
            out.append(' ');
            start = space + 1;
        }
        String escaped = out.toString();
        var blockStart = BLOCK_START.matcher(escaped);
        if (blockStart.find()) {
            int last = blockStart.end() - 1;
            escaped = escaped.substring(0, last) + '\\' + escaped.substring(last);
        }
        return escaped;
    }

    /**
     * The text on one line, as a title shows it: control characters, line and paragraph separators and every kind of
     * space (no-break ones too) folded into plain spaces, and format characters (bidi overrides, zero-width
     * characters, Unicode category Cf) dropped, so no character can reorder or hide what a reader sees.
     */
    public static String plain(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(codePoint -> {
            int type = Character.getType(codePoint);
            if (type == Character.FORMAT) {
                return;
            }
            if (Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR) {
                out.append(' ');
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString().strip();
    }

    /**
     * A publisher's own Markdown as subscribers should see it: format characters (Unicode category Cf) dropped, and
     * line and paragraph separators made line breaks; everything else, markup included, kept.
     */
    public static String visible(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(codePoint -> {
            int type = Character.getType(codePoint);
            if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append('\n');
            } else if (type != Character.FORMAT) {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }

    private static void escapeInto(StringBuilder out, String word) {
        word.codePoints().forEach(codePoint -> {
            if (INLINE_SPECIALS.indexOf(codePoint) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(codePoint);
        });
    }

    /**
     * Whether a renderer's autolinks could make a link of the word: a scheme ({@code ://}, {@code mailto:}),
     * {@code www.}, an e-mail address, or a domain name: a letter or digit, a dot, then two or more letters, anywhere
     * in the word ({@code evil.example/login}, {@code evil.example:8443}, {@code xn--e1a.xn--p1ai}).
     */
    public static boolean linkable(String word) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("://") || lower.contains("www.") || lower.contains("mailto:")) {
            return true;
        }
        int at = lower.indexOf('@');
        if (at >= 0 && lower.indexOf('.', at) > at) {
            return true;
        }
        for (int dot = lower.indexOf('.'); dot >= 0; dot = lower.indexOf('.', dot + 1)) {
            if (dot > 0 && Character.isLetterOrDigit(lower.codePointBefore(dot)) && letters(lower, dot + 1) >= 2) {
                return true;
            }
        }
        return false;
    }

    /** How many letters follow {@code from}, up to the first character that is none. */
    private static int letters(String text, int from) {
        int count = 0;
        int i = from;
        while (i < text.length() && Character.isLetter(text.codePointAt(i))) {
            count++;
            i += Character.charCount(text.codePointAt(i));
        }
        return count;
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
