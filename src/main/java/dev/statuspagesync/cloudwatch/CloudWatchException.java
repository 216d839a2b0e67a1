package dev.statuspagesync.cloudwatch;

/** CloudWatch did not answer: throttled, refused, or unreachable. The message names the call and the cause. */
public class CloudWatchException extends RuntimeException {

    public CloudWatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
