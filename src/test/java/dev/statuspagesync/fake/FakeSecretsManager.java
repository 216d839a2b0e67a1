package dev.statuspagesync.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * AWS Secrets Manager's {@code GetSecretValue} on a local port, in its JSON 1.1 protocol
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html): a request names the
 * operation in {@code X-Amz-Target} and the secret in {@code SecretId}; an unknown secret answers
 * {@code ResourceNotFoundException}. Every request is recorded.
 */
public final class FakeSecretsManager implements AutoCloseable {

    public record Recorded(String target, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new ArrayList<>();

    private FakeSecretsManager(HttpServer server) {
        this.server = server;
    }

    public static FakeSecretsManager start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeSecretsManager fake = new FakeSecretsManager(server);
            server.createContext("/", fake::serve);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Secrets Manager", e);
        }
    }

    /** The SDK's system properties that send its Secrets Manager calls here, with credentials it can sign with. */
    public Map<String, String> sdkProperties() {
        return Map.of("aws.endpointUrlSecretsManager", "http://127.0.0.1:" + server.getAddress().getPort(),
                "aws.accessKeyId", "AKIAFAKESECRETS00000", "aws.secretAccessKey", "fake-secrets-manager-secret");
    }

    /** Stores {@code text} as the current value of the secret {@code id} (its ARN, as the template passes it). */
    public void put(String id, String text) {
        secrets.put(id, text);
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(in.readAllBytes());
            synchronized (this) {
                requests.add(new Recorded(target, body));
            }
            String id = body == null ? null : body.path("SecretId").asText(null);
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                answer(exchange, 400, error("UnknownOperationException", "only GetSecretValue is served"));
            } else if (id == null || !secrets.containsKey(id)) {
                answer(exchange, 400, error("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret."));
            } else {
                ObjectNode value = JSON.createObjectNode().put("ARN", id).put("Name", id.replaceAll(".*:secret:", ""))
                        .put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111").put("SecretString", secrets.get(id))
                        .put("CreatedDate", 1.773478800E9);
                value.putArray("VersionStages").add("AWSCURRENT");
                answer(exchange, 200, value);
            }
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("Message", message);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
