package dev.statuspagesync.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.invocation.StatusPageSync;

/** The Lambda entry point: raw event in, the use case's answer out. */
public class AlarmFunction implements RequestStreamHandler {

    static final String REQUEST_ID = "request_id";

    private final StatusPageSync sync;
    private final ObjectMapper mapper;
    private final Duration defaultBudget;

    public AlarmFunction(StatusPageSync sync, ObjectMapper mapper, FlashdutyConfig config) {
        this.sync = sync;
        this.mapper = mapper;
        this.defaultBudget = Duration.ofMillis(config.retry().defaultBudgetMs());
    }

    /** Every log line of the invocation carries Lambda's request id ({@code request_id} in the JSON line). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Deadline deadline = Deadline.forInvocation(context == null ? 0 : context.getRemainingTimeInMillis(),
                defaultBudget);
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put(REQUEST_ID, context.getAwsRequestId());
        }
        try {
            mapper.writeValue(output, sync.handle(readTree(input), deadline));
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }

    private JsonNode readTree(InputStream input) throws IOException {
        try {
            return mapper.readTree(input);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
