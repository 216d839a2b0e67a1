package dev.statuspagesync.flashduty;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.config.Settings;
import dev.statuspagesync.metrics.Metrics;

import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;

/**
 * The single guarded door to Flashduty: every call of every operation passes {@link #call}, so one rate
 * limit covers them all. Numbers in the annotations are defaults; {@code application.properties} binds them
 * to {@code flashduty.retry.*}.
 */
@ApplicationScoped
class FlashdutyGateway {

    /** Flashduty allows 50 calls per second per account: one call per 20 ms at most. */
    static final int ACCOUNT_CALLS_PER_SECOND = Settings.ACCOUNT_CALLS_PER_SECOND;
    static final int MIN_SPACING_MILLIS = 1000 / ACCOUNT_CALLS_PER_SECOND;
    /** Flashduty allows 1000 calls per minute per account; {@code flashduty.calls-per-minute} sets the share. */
    static final int CALLS_PER_MINUTE = 1000;

    private final FlashdutyApi api;
    private final FlashdutyConfig.Retry retry;
    private final Metrics metrics;

    FlashdutyGateway(@RestClient FlashdutyApi api, FlashdutyConfig config, Metrics metrics, Ticker ticker) {
        this.api = api;
        this.retry = config.retry();
        this.metrics = metrics;
        RetryBackoff.waitOn(ticker);
    }

    @Retry(maxRetries = 4, delay = 200, maxDuration = 120_000, jitter = 0,
            retryOn = { FlashdutyRetryableException.class, TimeoutException.class, RateLimitException.class },
            abortOn = { FlashdutyRejectedException.class, FlashdutyDeadlineException.class })
    @CustomBackoff(RetryBackoff.class)
    // No minSpacing here: the pacer spaces first calls and RetryBackoff spaces retries. A spacing check at this
    // point would see the pacer's turns arrive up to a scheduling delay apart and refuse calls spaced correctly,
    // and each refusal would cost a retry.
    @RateLimit(value = CALLS_PER_MINUTE, window = 1, windowUnit = ChronoUnit.MINUTES, type = RateLimitType.ROLLING)
    @Timeout(5000)
    <T> T call(Operation operation, Deadline deadline, Function<FlashdutyApi, Responses.Envelope<T>> request) {
        // Room for this attempt, the longest backoff after it, and a clean answer to Lambda.
        deadline.ensureRoomFor(Duration.ofMillis(retry.callTimeoutMs()
                + retry.initialDelayMs() * RetryBackoff.MAX_GROWTH + retry.reserveMs()), operation.label());
        metrics.count(Metrics.FLASHDUTY_CALLS);
        metrics.count(Metrics.FLASHDUTY_CALLS + operation.metricName());
        long started = System.nanoTime();
        try {
            return attempt(operation, deadline, request);
        } finally {
            metrics.time(Metrics.FLASHDUTY_LATENCY, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private <T> T attempt(Operation operation, Deadline deadline, Function<FlashdutyApi, Responses.Envelope<T>> request) {
        try {
            return once(deadline, operation, request);
        } catch (FlashdutyRejectedException refused) {
            // A key rotated since this environment read it: read the secret again, and try once with a new key.
            if ((refused.httpStatus() == 401 || "Unauthorized".equals(refused.code()))
                    && AppKey.installed().map(AppKey::reread).orElse(false)) {
                metrics.count(Metrics.FLASHDUTY_CALLS);
                return once(deadline, operation, request);
            }
            throw refused;
        }
    }

    private <T> T once(Deadline deadline, Operation operation, Function<FlashdutyApi, Responses.Envelope<T>> request) {
        Responses.Envelope<T> envelope;
        try {
            envelope = request.apply(api);
        } catch (FlashdutyRetryableException failure) {
            throw ensureRetryAfterFits(failure, deadline, operation);
        } catch (ProcessingException noAnswer) {
            if (noAnswer.getCause() instanceof FlashdutyRetryableException classified) {
                throw ensureRetryAfterFits(classified, deadline, operation);
            }
            if (noAnswer.getCause() instanceof FlashdutyException classified) {
                throw classified;
            }
            throw FlashdutyErrors.noAnswer(noAnswer);
        }
        if (envelope == null) {
            throw FlashdutyErrors.classify(200, "EmptyResponse", "success without a body", null, null);
        }
        if (FlashdutyErrors.isError(envelope.error())) {
            FlashdutyException failure = FlashdutyErrors.classify(200, envelope.error().code(),
                    FlashdutyErrors.describe(envelope.error().message(), envelope.error().reason()),
                    envelope.requestId(), null);
            throw failure instanceof FlashdutyRetryableException retryable
                    ? ensureRetryAfterFits(retryable, deadline, operation)
                    : failure;
        }
        return envelope.data();
    }

    private FlashdutyException ensureRetryAfterFits(FlashdutyRetryableException failure, Deadline deadline,
            Operation operation) {
        if (failure.httpStatus() == 429 || "RequestTooFrequently".equals(failure.code())) {
            metrics.count(Metrics.FLASHDUTY_RATE_LIMITED);
        }
        Duration wait = failure.retryAfter();
        if (wait != null && wait.plusMillis(retry.callTimeoutMs() + retry.reserveMs())
                .compareTo(deadline.remaining()) > 0) {
            return new FlashdutyDeadlineException(operation + ": Flashduty asked to retry after " + wait.toSeconds()
                    + " s, beyond the invocation's remaining time (" + failure.getMessage() + ")");
        }
        return failure;
    }
}
