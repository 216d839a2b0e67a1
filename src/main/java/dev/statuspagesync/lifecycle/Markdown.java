package dev.statuspagesync.lifecycle;

/** Makes alarm text safe inside Flashduty's Markdown: no markup, links or HTML that the operator did not write. */
final class Markdown {

    private Markdown() {
    }

    /** Escapes Markdown and HTML punctuation and folds control characters and line breaks into spaces. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)) {
                out.append(' ');
            } else if ("\\`*_{}[]()<>#+-.!|~&".indexOf(codePoint) >= 0) {
                out.append('\\').appendCodePoint(codePoint);
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString().trim();
    }

    /** A code span that shows {@code value} literally, whatever backticks it holds. */
    static String code(String value) {
        String fence = value.contains("`") ? "``" : "`";
        return fence + (value.contains("`") ? " " + value + " " : value) + fence;
    }
}
