package dev.statuspagesync.flashduty;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientLogger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * The REST client's request and response log (off unless {@code quarkus.rest-client.logging.scope} is set and
 * this category logs at DEBUG), with the {@code app_key} query parameter masked: Flashduty takes the key only
 * in the URL, which the default logger prints whole.
 */
@ApplicationScoped
public class MaskingClientLogger implements ClientLogger {

    static final String MASK = "app_key=****";
    private static final Pattern APP_KEY = Pattern.compile("(?i)app_key=[^&#\\s]*");
    private static final Logger LOG = Logger.getLogger(MaskingClientLogger.class);

    private int bodySize;

    @Override
    public void setBodySize(int bodySize) {
        this.bodySize = bodySize;
    }

    @Override
    public void logRequest(HttpClientRequest request, Buffer body, boolean omitBody) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LOG.debugf("Request: %s %s%s", request.getMethod(), mask(request.absoluteURI()),
                omitBody || body == null ? "" : ", body: " + cut(body.toString()));
    }

    @Override
    public void logResponse(HttpClientResponse response, boolean redirect) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LOG.debugf("Response: %s %s, status %d%s", response.request().getMethod(),
                mask(response.request().absoluteURI()), response.statusCode(), redirect ? " (redirect)" : "");
    }

    /** The text with every {@code app_key} value replaced. */
    static String mask(String text) {
        return text == null ? null : APP_KEY.matcher(text).replaceAll(MASK);
    }

    private String cut(String text) {
        return bodySize > 0 && text.length() > bodySize ? text.substring(0, bodySize) + "..." : text;
    }
}
