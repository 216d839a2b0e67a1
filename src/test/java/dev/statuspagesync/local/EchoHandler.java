package dev.statuspagesync.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * The cold-start benchmark's floor: a plain-Java handler that answers with its event, on the same runtime. The
 * runtime interface client finds the method by its name and stream signature; implementing RequestStreamHandler
 * would make it a second handler for Quarkus' own tests to choose from.
 */
public class EchoHandler {

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.transferTo(output);
    }
}
