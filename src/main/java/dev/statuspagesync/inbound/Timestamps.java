package dev.statuspagesync.inbound;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/** Parses the timestamp spellings CloudWatch uses ({@code 2024-05-01T10:00:00.123+0000}, ISO-8601 with Z). */
final class Timestamps {

    // CloudWatch writes the offset without a colon, which ISO_OFFSET_DATE_TIME rejects.
    private static final DateTimeFormatter CLOUDWATCH = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private Timestamps() {
    }

    /** Returns the instant, or null when the value is missing or in no known format. */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim(), CLOUDWATCH).toInstant();
        } catch (DateTimeParseException notCloudWatchStyle) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException unknown) {
                return null;
            }
        }
    }
}
