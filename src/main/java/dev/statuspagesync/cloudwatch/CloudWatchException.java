package dev.statuspagesync.cloudwatch;

import java.util.Set;

/** CloudWatch did not answer: throttled, refused, or unreachable. The message names the call and the cause. */
public class CloudWatchException extends RuntimeException {

    /** The error codes with which a service says it does not offer an operation (in this Region or partition). */
    private static final Set<String> ABSENT = Set.of("UnknownOperationException", "InvalidAction",
            "UnsupportedOperation", "UnsupportedOperationException");

    private final String code;

    public CloudWatchException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public CloudWatchException(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Whether CloudWatch answered that it does not offer the operation: the feature is absent, nothing failed. */
    public boolean operationAbsent() {
        return code != null && ABSENT.contains(code);
    }
}
