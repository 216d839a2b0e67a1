package dev.statuspagesync.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;

/** Every record any logger publishes while it is open: formatted, with the exception chain and stack traces. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final List<ExtLogRecord> records = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts capturing on the root logger. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Every record as the application's console handler prints it (with its formatter: JSON where the application
     * logs JSON), MDC included as it was when the record was logged.
     */
    public synchronized List<String> asPrinted() {
        Formatter console = consoleFormatter(Logger.getLogger("").getHandlers())
                .orElseThrow(() -> new IllegalStateException("no console handler with a formatter"));
        return records.stream().map(console::format).map(String::strip).toList();
    }

    private static Optional<Formatter> consoleFormatter(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler && handler.getFormatter() != null) {
                return Optional.of(handler.getFormatter());
            }
            if (handler instanceof ExtHandler parent) {
                var nested = consoleFormatter(parent.getHandlers());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            ext.copyAll();
            records.add(ext);
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(record.getLoggerName() + ": " + message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
