package dev.statuspagesync.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Invokes the function through Quarkus' Lambda mock event server, as the Lambda runtime API would. */
public final class Lambda {

    static final String MOCK_SERVER_PORT = "quarkus.lambda.mock-event-server.test-port";

    private Lambda() {
    }

    /** Sends one event that must succeed and returns the handler's answer. */
    public static JsonNode answer(String event) {
        Response response = invoke(event);
        if (response.statusCode() != 200) {
            throw new AssertionError("the function failed (HTTP " + response.statusCode() + "): " + response.asString());
        }
        return Fixtures.json(response.asString());
    }

    /**
     * Sends one event that must fail the invocation (HTTP 500, an {@code InvocationFailedException}) and returns
     * the message of Lambda's error document.
     */
    public static String failure(String event) {
        return failureOf(invoke(event));
    }

    /** The message of the error document of an invocation that must have failed, as {@link #failure} checks it. */
    public static String failureOf(Response response) {
        if (response.statusCode() != 500) {
            throw new AssertionError("the invocation was to fail, and answered HTTP " + response.statusCode() + ": "
                    + response.asString());
        }
        JsonNode error = Fixtures.json(response.asString());
        if (!error.path("errorType").asText().equals("dev.statuspagesync.invocation.InvocationFailedException")) {
            throw new AssertionError("the invocation failed in an unforeseen way: " + response.asString());
        }
        return error.path("errorMessage").asText();
    }

    /** Sends one event; a 200 carries the handler's answer, a 500 the Lambda error document. */
    public static Response invoke(String event) {
        return send(given().contentType("application/json").body(event));
    }

    /** Sends raw bytes as the event, whatever they are. */
    public static Response invoke(byte[] event) {
        return send(given().contentType("application/json").body(event));
    }

    private static Response send(RequestSpecification request) {
        // @QuarkusTest points REST Assured at the mock server; @QuarkusIntegrationTest only names its port.
        String port = System.getProperty(MOCK_SERVER_PORT);
        if (RestAssured.port <= 0 && port != null && !port.equals("0")) {
            request = request.port(Integer.parseInt(port));
        }
        return request.when().post();
    }
}
