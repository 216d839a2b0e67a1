package dev.statuspagesync.flashduty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides whether a failed call is retryable or rejected
 * (error codes: Flashduty's {@code ErrorCode} schema and API-NOTES of this project's README).
 */
final class FlashdutyErrors {

    static final String RATE_LIMITED = "RequestTooFrequently";
    private static final Set<String> SUCCESS_CODES = Set.of("", "0", "ok");
    private static final Set<String> RETRYABLE_CODES = Set.of(RATE_LIMITED, "InternalError", "ServiceUnavailable");
    private static final int MAX_MESSAGE = 300;

    private FlashdutyErrors() {
    }

    /** Whether this answer shows that Flashduty did nothing: only a rate-limit answer does. */
    static boolean provesNothingDone(Responses.Error error) {
        return isError(error) && RATE_LIMITED.equals(error.code());
    }

    /** Whether this failure shows that Flashduty did nothing: only a refusal for rate does. */
    static boolean provesNothingDone(Throwable failure) {
        Throwable classified = failure instanceof FlashdutyException ? failure : failure.getCause();
        return classified instanceof FlashdutyRetryableException retryable
                && (retryable.httpStatus() == 429 || RATE_LIMITED.equals(retryable.code()));
    }

    /** Whether an envelope's error object means failure; "", "0" and "OK" in any letter case mean success. */
    static boolean isError(Responses.Error error) {
        return error != null && error.code() != null
                && !SUCCESS_CODES.contains(error.code().trim().toLowerCase(Locale.ROOT));
    }

    /** The error's message, with its {@code reason} when Flashduty gives one (its Go client reads that field). */
    static String describe(String message, String reason) {
        if (reason == null || reason.isBlank()) {
            return message;
        }
        return message == null || message.isBlank() ? reason : message + " (reason: " + reason + ")";
    }

    static FlashdutyException classify(int httpStatus, String code, String message, String requestId,
            Duration retryAfter) {
        String safeCode = code == null || code.isBlank() ? "HTTP" + httpStatus : code;
        String safeMessage = shorten(message);
        if (httpStatus == 429 || httpStatus >= 500 || RETRYABLE_CODES.contains(safeCode)) {
            return new FlashdutyRetryableException(httpStatus, safeCode, safeMessage, requestId, retryAfter);
        }
        return new FlashdutyRejectedException(httpStatus, safeCode, safeMessage, requestId);
    }

    /** An attempt that got no usable answer (connection refused or dropped, unreadable body). */
    static FlashdutyRetryableException noAnswer(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // Only the exception type travels: transport messages can quote the request URL, which holds the key.
        return new FlashdutyRetryableException(0, "IOError", root.getClass().getSimpleName(), null, null);
    }

    /**
     * The wait until {@code X-RateLimit-Reset} (absolute unix seconds, as Flashduty's Go client reads it) from
     * {@code now}; null when absent or unreadable, zero when already past.
     */
    static Duration untilReset(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long reset = Long.parseLong(header.trim());
            return reset <= now.getEpochSecond() ? Duration.ZERO : Duration.ofSeconds(reset - now.getEpochSecond());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** The longest wait a {@code Retry-After} is read as: longer than any invocation, short of overflowing. */
    static final long MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

    /**
     * Reads {@code Retry-After} as delta seconds or an HTTP date (a wait from {@code now}), at most a day; null when
     * absent or unreadable.
     */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(now, at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait.compareTo(Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS))
                        > 0 ? Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS) : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String shorten(String message) {
        if (message == null) {
            return null;
        }
        String oneLine = message.replaceAll("[\\r\\n]+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }
}
