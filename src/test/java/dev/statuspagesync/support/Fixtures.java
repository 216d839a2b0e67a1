package dev.statuspagesync.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads test resources: AWS event fixtures under {@code events/}, expected Flashduty bodies under {@code expected/}. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static String event(String name) {
        return read("events/" + name);
    }

    public static JsonNode eventJson(String name) {
        return json(event(name));
    }

    /** The expected create request for a fixture, or null when none was recorded. */
    public static JsonNode expectedCreate(String fixture) {
        String text = readOrNull("expected/" + fixture);
        return text == null ? null : json(text);
    }

    /** The JSON an object is sent as, read back: numbers compare by value with parsed expectations. */
    public static JsonNode asSent(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String resource) {
        String text = readOrNull(resource);
        if (text == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        return text;
    }

    private static String readOrNull(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
