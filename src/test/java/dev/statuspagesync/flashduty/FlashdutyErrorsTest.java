package dev.statuspagesync.flashduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One place classifies failures: retryable (429, 5xx, I/O, timeout) or rejected (other 4xx). */
class FlashdutyErrorsTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(textBlock = """
            429, RequestTooFrequently, retryable
            500, InternalError,        retryable
            502, ,                     retryable
            503, ServiceUnavailable,   retryable
            200, RequestTooFrequently, retryable
            200, InternalError,        retryable
            400, InvalidParameter,     rejected
            400, ResourceNotFound,     rejected
            401, Unauthorized,         rejected
            403, AccessDenied,         rejected
            404, RouteNotFound,        rejected
            413, EntityTooLarge,       rejected
            200, InvalidParameter,     rejected
            """)
    void classifiesByStatusAndCode(int status, String code, String kind) {
        FlashdutyException failure = FlashdutyErrors.classify(status, code, "m", "01REQ", null);

        assertEquals(kind, failure instanceof FlashdutyRetryableException ? "retryable" : "rejected");
        assertEquals(status, failure.httpStatus());
        assertEquals(code == null ? "HTTP" + status : code, failure.code());
        assertEquals("01REQ", failure.requestId());
    }

    @Test
    void saysCodeMessageAndRequestIdInOneLine() {
        FlashdutyException failure = FlashdutyErrors.classify(400, "InvalidParameter", "title\ntoo long", "01REQ", null);

        assertEquals("Flashduty HTTP 400 InvalidParameter: title too long (request_id 01REQ)", failure.getMessage());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            '', false
            0,  false
            OK, false
            ok, false
            Ok, false
            ' ok ', false
            InvalidParameter, true
            okay, true
            """)
    void treatsOnlyRealErrorCodesAsFailure(String code, boolean failure) {
        assertEquals(failure, FlashdutyErrors.isError(new Responses.Error(code, "m", null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            title too long | null        | title too long
            title too long | ''          | title too long
            title too long | quota spent | title too long (reason: quota spent)
            null           | quota spent | quota spent
            """)
    void addsTheErrorsReasonToItsMessageWhenFlashdutyGivesOne(String message, String reason, String expected) {
        assertEquals(expected, FlashdutyErrors.describe(message, reason));
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-03-14T09:00:00Z");

        assertEquals(Duration.ofSeconds(7), FlashdutyErrors.parseRetryAfter("7", now));
        assertEquals(Duration.ofSeconds(10), FlashdutyErrors.parseRetryAfter("Sat, 14 Mar 2026 09:00:10 GMT", now));
        assertEquals(Duration.ZERO, FlashdutyErrors.parseRetryAfter("Sat, 14 Mar 2026 08:59:00 GMT", now));
        assertNull(FlashdutyErrors.parseRetryAfter("soon", now));
        assertNull(FlashdutyErrors.parseRetryAfter("-3", now));
        assertEquals(Duration.ofDays(1), FlashdutyErrors.parseRetryAfter("9223372036854775807", now),
                "a hostile wait is read as a day, past any invocation, and overflows nothing");
        assertEquals(Duration.ofDays(1), FlashdutyErrors.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now));
        assertNull(FlashdutyErrors.parseRetryAfter(null, now));
    }

    @Test
    void readsTheRateLimitResetAsTheWaitFromNow() {
        Instant now = Instant.parse("2026-03-14T09:00:00Z");

        assertEquals(Duration.ofSeconds(42), FlashdutyErrors.untilReset(String.valueOf(now.getEpochSecond() + 42), now));
        assertEquals(Duration.ZERO, FlashdutyErrors.untilReset(String.valueOf(now.getEpochSecond() - 5), now));
        assertNull(FlashdutyErrors.untilReset("soon", now));
        assertNull(FlashdutyErrors.untilReset(null, now));
    }

    @Test
    void keepsTransportMessagesOutOfNoAnswerFailures() {
        var failure = FlashdutyErrors.noAnswer(new RuntimeException("wrapped",
                new ConnectException("Connection refused: https://api.example/x?app_key=secret-value")));

        assertInstanceOf(FlashdutyRetryableException.class, failure);
        assertEquals("Flashduty IOError: ConnectException", failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-value"));
    }
}
