package dev.statuspagesync.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alarm text never turns into markup, links or HTML on the public status page. */
class MarkdownTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            plain text                       | plain text
            '[click](evil)'                  | '\\[click\\](evil)'
            <script>alert(1)</script>        | '\\<script>alert(1)\\</script>'
            '**bold** _it_ `code` ~x~ a|b'   | '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~x\\~ a\\|b'
            '# heading'                      | '\\# heading'
            '- item'                         | '\\- item'
            '1. first'                       | '1\\. first'
            '> quote'                        | '\\> quote'
            'OK -> ALARM'                    | 'OK -> ALARM'
            """)
    void escapesMarkupInAlarmText(String input, String escaped) {
        assertEquals(escaped, Markdown.text(input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'line one\nline two'  | line one line two
            'tab\there'           | tab here
            """)
    void foldsControlCharactersIntoSpaces(String input, String folded) {
        assertEquals(folded, Markdown.text(input.replace("\\n", "\n").replace("\\t", "\t")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'see https://evil.example/login now'     | 'see `https://evil.example/login` now'
            '[click](https://evil.example)'          | '`[click](https://evil.example)`'
            'visit www.evil.example'                 | 'visit `www.evil.example`'
            'write to help@evil.example.'            | 'write to `help@evil.example.`'
            'mailto:help@evil'                       | '`mailto:help@evil`'
            'go to evil.example, today'              | 'go to `evil.example,` today'
            'HTTPS://EVIL.EXAMPLE'                   | '`HTTPS://EVIL.EXAMPLE`'
            'http://a`b'                             | '`` http://a`b ``'
            'threshold (80.0) for OK -> ALARM.'      | 'threshold (80.0) for OK -> ALARM.'
            'e.g. v1.2 and 14/03/26 09:29:00'        | 'e.g. v1.2 and 14/03/26 09:29:00'
            'checkout-api-high-cpu at 95.0%'         | 'checkout-api-high-cpu at 95.0%'
            'see evil.example/login'                 | 'see `evil.example/login`'
            'evil.example:8443 now'                  | '`evil.example:8443` now'
            'xn--e1afmkfd.xn--p1ai'                  | '`xn--e1afmkfd.xn--p1ai`'
            'пример.испытание'                       | '`пример.испытание`'
            """)
    void showsWordsThatCouldBecomeLinksLiterallyInCodeSpans(String input, String shown) {
        assertEquals(shown, Markdown.text(input));
    }

    @Test
    void aNoBreakSpaceSeparatesWordsLikeASpace() {
        assertEquals("see `evil.example`", Markdown.text("see\u00A0evil.example"));
        assertEquals("a b c", Markdown.plain("a\u00A0b\u2003c"));
    }

    @Test
    void characterReferencesStayText() {
        // Escaped, "&#8238;" is shown as written instead of turning back into a right-to-left override.
        assertEquals("x\\&#8238;y \\&amp;", Markdown.text("x&#8238;y &amp;"));
    }

    @Test
    void dropsFormatCharactersAndFoldsLineAndParagraphSeparators() {
        // A right-to-left override, zero-width space and joiner, word joiner, byte-order mark, soft hyphen.
        String hidden = "pay\u202Emoc.live\u202C \u200Bx\u200Dy\u2060z\uFEFF\u00AD!";
        String separated = "one\u2028two\u2029three";

        assertEquals("paymoc.live xyz!", Markdown.plain(hidden));
        assertEquals("one two three", Markdown.plain(separated));
        assertEquals("`paymoc.live` xyz!", Markdown.text(hidden));
        assertEquals("one two three", Markdown.text(separated));
    }

    @Test
    void aHundredKilobytesOfWordsAreReadInOnePass() {
        String hostile = "a.".repeat(25_000) + " " + "@".repeat(25_000) + " " + "www".repeat(10_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Markdown.text(hostile));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            arn:aws:cloudwatch:us-east-1:1:alarm:a     | '`arn:aws:cloudwatch:us-east-1:1:alarm:a`'
            arn:aws:cloudwatch:us-east-1:1:alarm:a`b   | '`` arn:aws:cloudwatch:us-east-1:1:alarm:a`b ``'
            arn:aws:cloudwatch:us-east-1:1:alarm:a``<b> | '``` arn:aws:cloudwatch:us-east-1:1:alarm:a``<b> ```'
            arn:aws:cloudwatch:us-east-1:1:alarm:a`     | '`` arn:aws:cloudwatch:us-east-1:1:alarm:a` ``'
            """)
    void quotesKeysInCodeSpans(String value, String span) {
        assertEquals(span, Markdown.code(value));
    }
}
