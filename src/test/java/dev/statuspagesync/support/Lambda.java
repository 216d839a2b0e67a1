package dev.statuspagesync.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Invokes the function through Quarkus' Lambda mock event server, as the Lambda runtime API would. */
public final class Lambda {

    private Lambda() {
    }

    /** Sends one event; a 200 carries the handler's answer, a 500 the Lambda error document. */
    public static Response invoke(String event) {
        return given().contentType("application/json").body(event).when().post();
    }
}
