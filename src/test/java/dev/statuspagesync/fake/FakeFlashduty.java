package dev.statuspagesync.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Flashduty status-page API on a random loopback port: incidents in memory, requests checked against the
 * rules of Flashduty's OpenAPI spec and API notes, answers in Flashduty's envelopes, and faults that a test
 * queues for the next requests. Every request is recorded so tests can count calls and read exact bodies.
 */
public final class FakeFlashduty implements AutoCloseable {

    /**
     * One request as the fake received it, with its arrival time from {@link System#nanoTime()}; the query keeps
     * the app key so tests can check it arrived.
     */
    public record Recorded(String method, String path, Map<String, String> query, JsonNode body, long atNanos) {
    }

    /** A component status change inside one timeline update. */
    public record ComponentChange(String componentId, String status) {
    }

    public record Update(String updateId, long atSeconds, String status, String description,
            List<ComponentChange> componentChanges) {
    }

    /** An event as the fake holds it; {@code components} is the current status of each affected component. */
    public record Incident(long changeId, long pageId, String type, String title, String description, String status,
            long startAtSeconds, boolean notifySubscribers, Map<String, String> components, List<Update> updates) {
    }

    /** What the fake does with a request instead of answering it normally. */
    public sealed interface Fault {
        /** An HTTP error with Flashduty's error envelope; retryAfterSeconds null means no header. */
        record Status(int httpStatus, String code, Integer retryAfterSeconds) implements Fault {
        }

        /**
         * HTTP 429 without {@code Retry-After}, with the account's window in {@code X-RateLimit-*} headers: spent,
         * reopening {@code resetInSeconds} from now.
         */
        record RateLimited(long resetInSeconds) implements Fault {
        }

        /** HTTP 200 that carries an error envelope, as Flashduty's gateway sometimes does. */
        record ErrorOn200(String code) implements Fault {
        }

        /** Never answers until the test resets or closes the fake. */
        record Hang() implements Fault {
        }

        /** Carries the request out, then never answers: the caller cannot tell that it worked. */
        record ActThenHang() implements Fault {
        }

        /** Closes the connection without an answer. */
        record Drop() implements Fault {
        }

        /** HTTP 200 with {@code data: {}}: a success body missing its fields. */
        record EmptySuccess() implements Fault {
        }

        /** Carries the request out, then drops the connection halfway through the answer's body. */
        record Truncate() implements Fault {
        }
    }

    public static final String REQUEST_ID_HEADER = "Flashcat-Request-Id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-flashduty");
        thread.setDaemon(true);
        return thread;
    });
    private final String originalKey;
    private volatile String appKey;
    private final long pageId;
    private final Map<String, String> componentNames;
    private final Map<Long, Set<String>> pages = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Recorded> requests = new ArrayList<>();
    private final Map<Long, Incident> incidents = new LinkedHashMap<>();
    /** The {@code close_at_seconds} of the events created with one (a maintenance's window), by change id. */
    private final Map<Long, Long> closeAt = new LinkedHashMap<>();
    private final Map<String, Deque<Fault>> faults = new LinkedHashMap<>();
    private CountDownLatch hangs = new CountDownLatch(1);
    private boolean listsWithoutTimelines;
    private boolean kind;
    private Long windowResetAt;
    /** The time of the fake's answers (rate headers, a create without a start); the system's unless a test sets it. */
    private volatile Clock clock = Clock.systemUTC();
    private CountDownLatch listBarrier = new CountDownLatch(0);
    private int heldLists;
    private int perSecondLimit;
    private final Deque<Long> lastSecond = new ArrayDeque<>();
    private int refusedForRate;

    private FakeFlashduty(String appKey, long pageId, Map<String, String> componentNames, boolean serve)
            throws IOException {
        this.appKey = appKey;
        this.originalKey = appKey;
        this.pageId = pageId;
        this.componentNames = new LinkedHashMap<>(componentNames);
        pages.put(pageId, Set.copyOf(componentNames.keySet()));
        if (serve) {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::serve);
            server.start();
        } else {
            this.server = null;
        }
    }

    /** Starts a fake that knows one page with the given component ids and names. */
    public static FakeFlashduty start(String appKey, long pageId, Map<String, String> componentNames) {
        try {
            return new FakeFlashduty(appKey, pageId, componentNames, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Flashduty", e);
        }
    }

    /** The same page and rules without a server, answered by {@link #handle}: for tests that run thousands of calls. */
    public static FakeFlashduty inMemory(String appKey, long pageId, Map<String, String> componentNames) {
        try {
            return new FakeFlashduty(appKey, pageId, componentNames, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen without a server", e);
        }
    }

    /**
     * Answers one request in process, as the server would answer it over HTTP with no fault queued: the
     * envelope with {@code data} or {@code error}. It is recorded like any other.
     */
    public JsonNode handle(String method, String path, Map<String, String> query, JsonNode body) {
        String requestId = "01FAKE" + String.format("%020d", ids.incrementAndGet());
        synchronized (this) {
            requests.add(new Recorded(method, path, query, body, System.nanoTime()));
        }
        try {
            return JSON.readTree(envelope(answer(method, "application/json", path, query, body), requestId));
        } catch (IOException e) {
            throw new IllegalStateException("the fake's own JSON", e);
        }
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The first page, the one the fake was started with. */
    public long pageId() {
        return pageId;
    }

    /** Serves one more page with these component ids and names (or more components on a page it serves). */
    public synchronized void addPage(long page, Map<String, String> components) {
        Set<String> ids = new LinkedHashSet<>(pages.getOrDefault(page, Set.of()));
        ids.addAll(components.keySet());
        pages.put(page, Set.copyOf(ids));
        componentNames.putAll(components);
    }

    /** Forgets incidents, requests and queued faults, and releases hanging requests. */
    public synchronized void reset() {
        clock = Clock.systemUTC();
        appKey = originalKey;
        requests.clear();
        incidents.clear();
        closeAt.clear();
        faults.clear();
        listsWithoutTimelines = false;
        kind = false;
        windowResetAt = null;
        heldLists = 0;
        listBarrier.countDown();
        perSecondLimit = 0;
        refusedForRate = 0;
        lastSecond.clear();
        hangs.countDown();
        hangs = new CountDownLatch(1);
    }

    /** From now on accepts {@code key} only, as Flashduty does once the app key is rotated. */
    public void rotateKey(String key) {
        appKey = key;
    }

    /** Answers 429 RequestTooFrequently (Retry-After: 1) beyond {@code perSecond} requests in any second. */
    public synchronized void enforceRateLimit(int perSecond) {
        perSecondLimit = perSecond;
    }

    /** How many requests the rate limit refused. */
    public synchronized int refusedForRate() {
        return refusedForRate;
    }

    /**
     * Answers as the fake did before it followed Flashduty's documents to the letter; reset makes it strict again.
     * Strict (the default), as Flashduty's spec and guides say or show: an event's {@code description} is its
     * latest update's text; an update that leaves the event's status as it was shows no {@code status}; an update
     * must come after the event's start and its newest update; deleting an event that is gone answers
     * {@code InvalidParameter}. Kind: the create's description stays, every update shows its status, an update
     * may share the start's second, and a second delete answers {@code ResourceNotFound}.
     */
    public synchronized void kind() {
        kind = true;
    }

    /**
     * Reports the account's calls as spent on every answer from now on ({@code X-RateLimit-Remaining: 0}), the
     * window reopening at {@code reset}, as when other clients of the account spent it.
     */
    public synchronized void spendAccountWindowUntil(Instant reset) {
        windowResetAt = reset.getEpochSecond();
    }

    /** Answers by {@code clock} from now on, as a function whose clock a test moves reads them; reset restores it. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /** Makes list answers leave out each event's updates, as a leaner API version might; reset turns it off. */
    public synchronized void listWithoutTimelines() {
        listsWithoutTimelines = true;
    }

    /**
     * Holds the next {@code readers} reads of open incidents until all of them have arrived (at most 5 s), so
     * that concurrent callers all see the page as it was before any of them wrote: the race two environments run.
     */
    public synchronized void holdListsUntil(int readers) {
        listBarrier = new CountDownLatch(readers);
        heldLists = readers;
    }

    /** Queues faults, answered in order to the next requests to {@code path}. */
    public synchronized void failNext(String path, Fault... next) {
        faults.computeIfAbsent(path, any -> new ArrayDeque<>()).addAll(List.of(next));
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Recorded> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    public synchronized List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    @Override
    public void close() {
        hangs.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Fault fault;
            boolean ownRefusal = false;
            String requestId = "01FAKE" + String.format("%020d", ids.incrementAndGet());
            JsonNode body;
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String path = exchange.getRequestURI().getPath();
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                body = bytes.length == 0 ? null : parse(bytes);
            }
            CountDownLatch hang;
            CountDownLatch barrier = null;
            synchronized (this) {
                if (path.equals("/status-page/change/active/list") && heldLists > 0) {
                    heldLists--;
                    barrier = listBarrier;
                }
                requests.add(new Recorded(exchange.getRequestMethod(), path, query, body, System.nanoTime()));
                Deque<Fault> queued = faults.get(path);
                fault = queued == null ? null : queued.poll();
                if (fault == null && perSecondLimit > 0 && overRate()) {
                    refusedForRate++;
                    fault = new Fault.Status(429, "RequestTooFrequently", 1);
                    ownRefusal = true;
                }
                hang = hangs;
            }
            if (barrier != null) {
                barrier.countDown();
                awaitAll(barrier);
            }
            if (fault instanceof Fault.Drop) {
                return; // closing the exchange unanswered drops the connection
            }
            if (fault instanceof Fault.Hang) {
                awaitRelease(hang);
                return;
            }
            if (fault instanceof Fault.ActThenHang) {
                answer(exchange, path, query, body);
                awaitRelease(hang);
                return;
            }
            if (fault instanceof Fault.Truncate) {
                sendHalf(exchange, answer(exchange, path, query, body), requestId);
                return;
            }
            Answer answer = fault == null ? answer(exchange, path, query, body)
                    : faultAnswer(fault);
            // An injected fault answers exactly as the test wrote it; the fake's own answers carry the window.
            if (fault == null || ownRefusal) {
                rateHeaders(exchange, answer);
            }
            send(exchange, answer, requestId);
        }
    }

    /**
     * The account's window on an answer, as Flashduty's own client reads it: strict mode reports calls left until
     * the next minute, and a spent window reports none until its reset; kind mode sends no such header.
     */
    private synchronized void rateHeaders(HttpExchange exchange, Answer answer) {
        if (kind && windowResetAt == null) {
            return;
        }
        long now = now();
        long reset;
        boolean spent = true;
        if (windowResetAt != null) {
            reset = windowResetAt;
        } else if (answer.status() == 429) {
            // A refusal for rate: the window reopens when Retry-After says, else in the next second.
            reset = now + (answer.retryAfter() == null ? 1 : answer.retryAfter());
        } else {
            reset = now - now % 60 + 60;
            spent = false;
        }
        exchange.getResponseHeaders().add("X-RateLimit-Limit", "1000");
        exchange.getResponseHeaders().add("X-RateLimit-Remaining", spent ? "0" : "999");
        exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(reset));
    }

    /** Counts this request against the rolling second; true when it is one too many. */
    private boolean overRate() {
        long now = System.nanoTime();
        while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
            lastSecond.pollFirst();
        }
        if (lastSecond.size() >= perSecondLimit) {
            return true;
        }
        lastSecond.addLast(now);
        return false;
    }

    private record Answer(int status, String code, String message, JsonNode data, Integer retryAfter,
            Long rateLimitReset) {

        Answer(int status, String code, String message, JsonNode data, Integer retryAfter) {
            this(status, code, message, data, retryAfter, null);
        }

        static Answer ok(JsonNode data) {
            return new Answer(200, null, null, data, null);
        }

        static Answer error(int status, String code, String message) {
            return new Answer(status, code, message, null, null);
        }
    }

    private Answer faultAnswer(Fault fault) {
        if (fault instanceof Fault.Status status) {
            return new Answer(status.httpStatus(), status.code(), "injected " + status.code(), null,
                    status.retryAfterSeconds());
        }
        if (fault instanceof Fault.RateLimited limited) {
            return new Answer(429, "RequestTooFrequently", "injected RequestTooFrequently", null, null,
                    now() + limited.resetInSeconds());
        }
        if (fault instanceof Fault.ErrorOn200 error) {
            return new Answer(200, error.code(), "injected " + error.code(), null, null);
        }
        return Answer.ok(JSON.createObjectNode());
    }

    private Answer answer(HttpExchange exchange, String path, Map<String, String> query, JsonNode body) {
        return answer(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"), path, query,
                body);
    }

    private Answer answer(String method, String contentType, String path, Map<String, String> query,
            JsonNode body) {
        if (!appKey.equals(query.get("app_key"))) {
            return Answer.error(401, "Unauthorized", "app_key is missing, invalid, or expired");
        }
        boolean post = "POST".equals(method);
        if (post && (contentType == null || !contentType.startsWith("application/json"))) {
            return Answer.error(400, "InvalidContentType", "Content-Type must be application/json");
        }
        if (post && (body == null || !body.isObject())) {
            return Answer.error(400, "BadRequest", "request body must be a JSON object");
        }
        return switch (path) {
            case "/status-page/change/create" -> post ? create(body) : notAllowed();
            case "/status-page/change/timeline/create" -> post ? addUpdate(body) : notAllowed();
            case "/status-page/change/timeline/update" -> post ? editUpdate(body) : notAllowed();
            case "/status-page/change/delete" -> post ? delete(body) : notAllowed();
            case "/status-page/change/active/list" -> "GET".equals(method) ? activeList(query) : notAllowed();
            case "/status-page/change/list" -> "GET".equals(method) ? list(query) : notAllowed();
            case "/status-page/change/info" -> "GET".equals(method) ? info(query) : notAllowed();
            default -> Answer.error(404, "RouteNotFound", "no route " + path);
        };
    }

    private static Answer notAllowed() {
        return Answer.error(405, "MethodNotAllowed", "method not allowed");
    }

    private synchronized Answer create(JsonNode body) {
        String problem = checkPage(body);
        if (problem == null) {
            problem = FlashdutyRules.createProblem(body, pages.get(body.path("page_id").asLong()));
        }
        if (problem != null) {
            return Answer.error(400, problem.startsWith("unknown") ? "ResourceNotFound" : "InvalidParameter", problem);
        }
        String type = body.path("type").asText("");
        String title = body.path("title").asText("");
        String status = body.path("status").asText("");
        JsonNode updates = body.path("updates");
        long changeId = 6_000_000_000_000L + ids.incrementAndGet();
        long start = body.has("start_at_seconds") ? body.get("start_at_seconds").asLong() : now();
        Map<String, String> components = new LinkedHashMap<>();
        List<Update> timeline = new ArrayList<>();
        for (JsonNode update : updates) {
            timeline.add(applyUpdate(components, update, update.path("at_seconds").asLong(start)));
        }
        incidents.put(changeId, new Incident(changeId, body.path("page_id").asLong(), type, title,
                body.path("description").asText(),
                status, start, body.path("notify_subscribers").asBoolean(false), components, timeline));
        if (body.has("close_at_seconds")) {
            closeAt.put(changeId, body.get("close_at_seconds").asLong());
        }
        ObjectNode data = JSON.createObjectNode().put("change_id", changeId).put("change_name", title);
        return Answer.ok(data);
    }

    private synchronized Answer addUpdate(JsonNode body) {
        Answer unknown = unknownEvent(body);
        if (unknown != null) {
            return unknown;
        }
        Incident incident = incidents.get(body.path("change_id").asLong());
        String status = body.path("status").asText("");
        String problem = FlashdutyRules.timelineProblem(incident.type(), body, pages.get(incident.pageId()));
        if (problem != null) {
            return Answer.error(400, "InvalidParameter", problem);
        }
        long at = body.has("at_seconds") ? body.get("at_seconds").asLong() : now();
        if (at < incident.startAtSeconds()) {
            return Answer.error(400, "InvalidParameter", "at_seconds is before the event's start");
        }
        long newest = incident.updates().stream().mapToLong(Update::atSeconds).max().orElse(incident.startAtSeconds());
        if (!kind && body.has("at_seconds") && at <= Math.max(incident.startAtSeconds(), newest)) {
            return Answer.error(400, "InvalidParameter", "at_seconds must be after the event's start and its newest"
                    + " update");
        }
        Map<String, String> components = new LinkedHashMap<>(incident.components());
        Update update = applyUpdate(components, body, at);
        boolean terminal = "resolved".equals(status) || "completed".equals(status);
        if (terminal && components.values().stream().anyMatch(value -> !"operational".equals(value))) {
            return Answer.error(400, "InvalidParameter",
                    "resolving requires every affected component to be operational");
        }
        List<Update> timeline = new ArrayList<>(incident.updates());
        timeline.add(update);
        incidents.put(incident.changeId(), new Incident(incident.changeId(), incident.pageId(), incident.type(),
                incident.title(), incident.description(), status, incident.startAtSeconds(),
                incident.notifySubscribers(), components, timeline));
        return Answer.ok(JSON.createObjectNode().put("update_id", update.updateId()));
    }

    /** The error for a body naming an unknown page or event, or null when both exist. */
    private Answer unknownEvent(JsonNode body) {
        String problem = checkPage(body);
        if (problem != null) {
            return Answer.error(400, "InvalidParameter", problem);
        }
        Incident incident = incidents.get(body.path("change_id").asLong());
        return incident != null && incident.pageId() == body.path("page_id").asLong() ? null
                : Answer.error(400, "ResourceNotFound", "unknown change_id " + body.path("change_id"));
    }

    private synchronized Answer delete(JsonNode body) {
        Answer unknown = unknownEvent(body);
        if (unknown != null) {
            return kind || !"ResourceNotFound".equals(unknown.code()) ? unknown
                    : Answer.error(400, "InvalidParameter", "change_id is not a change of this page");
        }
        incidents.remove(body.path("change_id").asLong());
        closeAt.remove(body.path("change_id").asLong());
        return Answer.ok(JSON.nullNode());
    }

    private synchronized Answer editUpdate(JsonNode body) {
        Answer unknown = unknownEvent(body);
        if (unknown != null) {
            return unknown;
        }
        Incident incident = incidents.get(body.path("change_id").asLong());
        String updateId = body.path("update_id").asText("");
        List<Update> timeline = new ArrayList<>(incident.updates());
        for (int i = 0; i < timeline.size(); i++) {
            Update update = timeline.get(i);
            if (update.updateId().equals(updateId)) {
                timeline.set(i, new Update(updateId, body.path("at_seconds").asLong(update.atSeconds()),
                        update.status(), body.path("description").asText(update.description()),
                        update.componentChanges()));
                incidents.put(incident.changeId(), new Incident(incident.changeId(), incident.pageId(), incident.type(),
                        incident.title(), incident.description(), incident.status(), incident.startAtSeconds(),
                        incident.notifySubscribers(), incident.components(), timeline));
                return Answer.ok(JSON.createObjectNode());
            }
        }
        return Answer.error(400, "ResourceNotFound", "unknown update_id " + updateId);
    }

    private synchronized Answer activeList(Map<String, String> query) {
        if (!servesPage(query.get("page_id"))) {
            return Answer.error(400, "ResourceNotFound", "unknown page_id " + query.get("page_id"));
        }
        String type = query.get("type");
        if (!Set.of("incident", "maintenance").contains(type)) {
            return Answer.error(400, "InvalidParameter", "type must be incident or maintenance");
        }
        ArrayNode items = JSON.createArrayNode();
        incidents.values().stream()
                .filter(incident -> incident.type().equals(type) && onPage(incident, query))
                .filter(incident -> !"resolved".equals(incident.status()) && !"completed".equals(incident.status()))
                .forEach(incident -> items.add(listed(incident)));
        return Answer.ok(JSON.createObjectNode().set("items", items));
    }

    private synchronized Answer list(Map<String, String> query) {
        if (!servesPage(query.get("page_id"))) {
            return Answer.error(400, "ResourceNotFound", "unknown page_id " + query.get("page_id"));
        }
        String type = query.get("type");
        String status = query.get("status");
        if (!Set.of("incident", "maintenance").contains(type) || !FlashdutyRules.statusesFor(type).contains(status)) {
            return Answer.error(400, "InvalidParameter", "type and a status valid for it are required");
        }
        long from = query.containsKey("start_at_seconds") ? parseLong(query.get("start_at_seconds")) : Long.MIN_VALUE;
        long to = query.containsKey("end_at_seconds") ? parseLong(query.get("end_at_seconds")) : Long.MAX_VALUE;
        ArrayNode items = JSON.createArrayNode();
        incidents.values().stream()
                .filter(incident -> incident.type().equals(type) && incident.status().equals(status))
                .filter(incident -> onPage(incident, query))
                .filter(incident -> incident.startAtSeconds() >= from && incident.startAtSeconds() <= to)
                .forEach(incident -> items.add(listed(incident)));
        return Answer.ok(JSON.createObjectNode().set("items", items));
    }

    private synchronized Answer info(Map<String, String> query) {
        if (!servesPage(query.get("page_id"))) {
            return Answer.error(400, "ResourceNotFound", "unknown page_id " + query.get("page_id"));
        }
        Incident incident = incidents.get(parseLong(query.get("change_id")));
        return incident == null || !onPage(incident, query) ? Answer.error(400, "ResourceNotFound", "unknown change_id")
                : Answer.ok(toJson(incident));
    }

    private String checkPage(JsonNode body) {
        if (!body.path("page_id").canConvertToLong()) {
            return "page_id is required";
        }
        return pages.containsKey(body.path("page_id").asLong()) ? null : "unknown page_id " + body.path("page_id");
    }

    private boolean servesPage(String page) {
        try {
            return page != null && pages.containsKey(Long.parseLong(page));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static boolean onPage(Incident incident, Map<String, String> query) {
        return String.valueOf(incident.pageId()).equals(query.get("page_id"));
    }

    private Update applyUpdate(Map<String, String> components, JsonNode update, long at) {
        List<ComponentChange> changes = new ArrayList<>();
        for (JsonNode change : update.path("component_changes")) {
            String id = change.path("component_id").asText();
            String status = change.path("status").asText();
            components.put(id, status);
            changes.add(new ComponentChange(id, status));
        }
        String status = update.hasNonNull("status") ? update.get("status").asText() : null;
        return new Update("01FAKEUPDATE" + String.format("%014d", ids.incrementAndGet()), at, status,
                update.path("description").asText(""), changes);
    }

    private ObjectNode listed(Incident incident) {
        ObjectNode node = toJson(incident);
        if (listsWithoutTimelines) {
            node.remove("updates");
        }
        return node;
    }

    private ObjectNode toJson(Incident incident) {
        ObjectNode node = JSON.createObjectNode()
                .put("change_id", incident.changeId())
                .put("page_id", incident.pageId())
                .put("type", incident.type())
                .put("title", incident.title())
                .put("description", kind || incident.updates().isEmpty() ? incident.description()
                        : latest(incident.updates()).description())
                .put("status", incident.status())
                .put("start_at_seconds", incident.startAtSeconds())
                .put("notify_subscribers", incident.notifySubscribers());
        if (closeAt.containsKey(incident.changeId())) {
            node.put("close_at_seconds", closeAt.get(incident.changeId()));
        }
        ArrayNode affected = node.putArray("affected_components");
        incident.components().forEach((id, status) -> affected.addObject()
                .put("component_id", id).put("name", componentNames.get(id)).put("status", status));
        ArrayNode updates = node.putArray("updates");
        String before = null;
        for (Update update : incident.updates()) {
            ObjectNode entry = updates.addObject().put("update_id", update.updateId())
                    .put("at_seconds", update.atSeconds()).put("description", update.description());
            if (update.status() != null && (kind || !update.status().equals(before))) {
                entry.put("status", update.status());
            }
            before = update.status() == null ? before : update.status();
            ArrayNode changes = entry.putArray("component_changes");
            update.componentChanges().forEach(change -> changes.addObject()
                    .put("component_id", change.componentId())
                    .put("component_name", componentNames.get(change.componentId()))
                    .put("status", change.status()));
        }
        return node;
    }

    /** The newest update: the latest {@code at_seconds}, the last added of those. */
    private static Update latest(List<Update> updates) {
        Update latest = updates.get(0);
        for (Update update : updates) {
            if (update.atSeconds() >= latest.atSeconds()) {
                latest = update;
            }
        }
        return latest;
    }

    /** The answer in Flashduty's envelope: {@code data} on success, {@code error} otherwise. */
    private static byte[] envelope(Answer answer, String requestId) throws IOException {
        ObjectNode envelope = JSON.createObjectNode().put("request_id", requestId);
        if (answer.code() != null) {
            envelope.putObject("error").put("code", answer.code()).put("message", answer.message());
        } else {
            envelope.set("data", answer.data());
        }
        return JSON.writeValueAsBytes(envelope);
    }

    private static void send(HttpExchange exchange, Answer answer, String requestId) throws IOException {
        byte[] bytes = envelope(answer, requestId);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add(REQUEST_ID_HEADER, requestId);
        if (answer.rateLimitReset() != null) {
            exchange.getResponseHeaders().add("X-RateLimit-Limit", "1000");
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
            exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(answer.rateLimitReset()));
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer.retryAfter()));
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Promises the whole answer, writes half of it, and closes the connection. */
    private static void sendHalf(HttpExchange exchange, Answer answer, String requestId) throws IOException {
        byte[] bytes = envelope(answer, requestId);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        // Closing short of the promised length makes the server drop the connection.
        try {
            out.close();
        } catch (IOException expected) {
            // "insufficient bytes written": the point of this fault
        }
    }

    private static void awaitAll(CountDownLatch barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException notNumber) {
            return -1;
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
