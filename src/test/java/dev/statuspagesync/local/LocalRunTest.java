package dev.statuspagesync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.support.Fixtures;

/** The local run's one-line summary of each invocation, whatever the function answered. */
class LocalRunTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            created answer | false | '{"outcome":"created","reason":"incident opened","change_id":42}' | '{"event":"e.json","outcome":"created","reason":"incident opened","change_id":42}'
            ignored answer | false | '{"outcome":"ignored","reason":"skip","change_id":null}'       | '{"event":"e.json","outcome":"ignored","reason":"skip","change_id":null}'
            rejection      | true  | '{"errorType":"x","errorMessage":"rejected: Flashduty HTTP 400 InvalidParameter"}' | '{"event":"e.json","outcome":"rejected","reason":"Flashduty HTTP 400 InvalidParameter","change_id":null}'
            crash          | true  | '{"errorType":"x","errorMessage":"boom"}'                         | '{"event":"e.json","outcome":"failed","reason":"boom","change_id":null}'
            dry run        | false | '{"outcome":"created","reason":"dry run: x","change_id":null,"planned":[{"method":"POST","path":"/p","body":{}}]}' | '{"event":"e.json","outcome":"created","reason":"dry run: x","change_id":null,"planned":[{"method":"POST","path":"/p","body":{}}]}'
            SQS all done   | false | '{"batchItemFailures":[]}'                                        | '{"event":"e.json","outcome":"batch","reason":"every SQS message handled","change_id":null}'
            SQS redelivery | false | '{"batchItemFailures":[{"itemIdentifier":"m1"}]}'                 | '{"event":"e.json","outcome":"failed","reason":"1 SQS message(s) left for redelivery: [{\\"itemIdentifier\\":\\"m1\\"}]","change_id":null}'
            """)
    void summarisesEveryKindOfAnswerOnOneLine(String kind, boolean error, String body, String line) {
        assertEquals(Fixtures.json(line), LocalRun.summarise("e.json", new LocalRuntimeApi.Result(error, body)));
    }
}
