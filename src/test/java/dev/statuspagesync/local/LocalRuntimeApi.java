package dev.statuspagesync.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) on a loopback port:
 * the function polls {@code invocation/next} and posts a response or an error, as it does on AWS.
 */
public final class LocalRuntimeApi implements AutoCloseable {

    /** How one invocation ended: the response body, or the error document the function posted. */
    public record Result(boolean error, String body) {
    }

    private record Invocation(String requestId, String event, CompletableFuture<Result> result) {
    }

    static final String PREFIX = "/2018-06-01/runtime/";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:cloudwatch-statuspage-sync";

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final Duration functionTimeout;

    public LocalRuntimeApi(Duration functionTimeout) throws IOException {
        this.functionTimeout = functionTimeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PREFIX, this::serve);
        server.start();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands one event to the function and waits for its answer. */
    public Result invoke(String event, Duration wait) throws InterruptedException, TimeoutException {
        var invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        pending.add(invocation);
        try {
            return CompletableFuture.anyOf(invocation.result(), initError.thenApply(error -> new Result(true, error)))
                    .thenApply(Result.class::cast).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next")) {
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                send(exchange, 202, "{}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Invocation invocation = running.remove(requestId);
                if (invocation == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
                    return;
                }
                invocation.result().complete(new Result(path.endsWith("/error"), new String(body, StandardCharsets.UTF_8)));
                send(exchange, 202, "{}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such runtime API path\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return;
        }
        running.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms",
                String.valueOf(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        send(exchange, 200, invocation.event());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
