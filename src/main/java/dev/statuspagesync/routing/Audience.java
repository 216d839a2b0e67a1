package dev.statuspagesync.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * Who reads a page: {@code public} pages (the default) get customer sentences from templates and nothing of the
 * alarm; {@code internal}, staff-only pages get the technical text (alarm, reason, metric, account, Region).
 */
public enum Audience {
    PUBLIC, INTERNAL;

    public static Optional<Audience> parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "public" -> Optional.of(PUBLIC);
            case "internal" -> Optional.of(INTERNAL);
            default -> Optional.empty();
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
