package dev.statuspagesync.flashduty;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Reads Flashduty's {@code X-RateLimit-*} headers on every answer into the {@link RateWindow}. */
class RateLimitHeaders implements ClientResponseFilter {

    private final RateWindow window;

    RateLimitHeaders(RateWindow window) {
        this.window = window;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        // The client runs its filters for a failed connection too, with no answer and so no headers.
        var headers = response.getHeaders();
        if (headers == null) {
            return;
        }
        window.observe(headers.getFirst("X-RateLimit-Remaining"), headers.getFirst("X-RateLimit-Reset"));
    }
}
