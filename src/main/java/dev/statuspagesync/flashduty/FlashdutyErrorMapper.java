package dev.statuspagesync.flashduty;

import java.time.Clock;
import java.time.Duration;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns every non-2xx answer into a classified {@link FlashdutyException}, reading the error envelope if any. */
class FlashdutyErrorMapper implements ResponseExceptionMapper<FlashdutyException> {

    static final String REQUEST_ID_HEADER = "Flashcat-Request-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    FlashdutyErrorMapper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    @Override
    public FlashdutyException toThrowable(Response response) {
        String code = null;
        String message = null;
        String requestId = response.getHeaderString(REQUEST_ID_HEADER);
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            JsonNode envelope = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (envelope != null && envelope.isObject()) {
                code = envelope.path("error").path("code").asText(null);
                message = FlashdutyErrors.describe(envelope.path("error").path("message").asText(null),
                        envelope.path("error").path("reason").asText(null));
                requestId = envelope.path("request_id").asText(requestId);
            }
        } catch (Exception unreadableBody) {
            message = "unreadable error body";
        }
        Duration retryAfter = FlashdutyErrors.parseRetryAfter(response.getHeaderString("Retry-After"),
                clock.instant());
        if (retryAfter == null && response.getStatus() == 429) {
            // Without Retry-After, the account's window reopens at X-RateLimit-Reset.
            retryAfter = FlashdutyErrors.untilReset(response.getHeaderString("X-RateLimit-Reset"),
                    clock.instant());
        }
        return FlashdutyErrors.classify(response.getStatus(), code, message, requestId, retryAfter);
    }
}
