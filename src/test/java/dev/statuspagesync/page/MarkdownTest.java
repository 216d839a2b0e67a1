package dev.statuspagesync.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alarm text never turns into markup, links or HTML on the public status page. */
class MarkdownTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            plain text                       | plain text
            '[click](https://evil.example)'  | '\\[click\\](https://evil.example)'
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
            arn:aws:cloudwatch:us-east-1:1:alarm:a     | '`arn:aws:cloudwatch:us-east-1:1:alarm:a`'
            arn:aws:cloudwatch:us-east-1:1:alarm:a`b   | '`` arn:aws:cloudwatch:us-east-1:1:alarm:a`b ``'
            arn:aws:cloudwatch:us-east-1:1:alarm:a``<b> | '``` arn:aws:cloudwatch:us-east-1:1:alarm:a``<b> ```'
            arn:aws:cloudwatch:us-east-1:1:alarm:a`     | '`` arn:aws:cloudwatch:us-east-1:1:alarm:a` ``'
            """)
    void quotesKeysInCodeSpans(String value, String span) {
        assertEquals(span, Markdown.code(value));
    }
}
