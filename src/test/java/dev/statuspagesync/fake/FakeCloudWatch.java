package dev.statuspagesync.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.cloudwatch.CloudWatchAlarms;

/**
 * CloudWatch's alarm API as the AWS SDK for Java 2.x (2.57) calls it: Smithy RPC v2 CBOR,
 * {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>} with CBOR bodies, errors as a
 * {@code __type} body plus the {@code x-amzn-query-error} header of the query-compatible service. It holds alarms
 * in memory (state, reason, time of the last transition, tags, contributors, mute rules), pages answers by
 * {@code MaxRecords} and {@code NextToken}, refuses what CloudWatch refuses (more than 100 names or records, an
 * unsigned request), and throttles or drops the next calls when a test asks. The local run moves its alarms as
 * it replays events, so the sweep finds what CloudWatch would.
 */
public final class FakeCloudWatch implements AutoCloseable {

    static final String PATH = "/service/GraniteServiceVersion20100801/operation/";
    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    /** The account and Region this CloudWatch is: the fixtures' and the local run's. */
    public static final String ACCOUNT = "210987654321";
    public static final String REGION = "us-east-1";
    /** The topic every alarm of the fake notifies unless a test says otherwise: the fixtures' alarm topic. */
    public static final String ALARM_TOPIC = "arn:aws:sns:us-east-1:210987654321:ops-alarms";
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-amz-security-token");

    /** One alarm as the fake holds it; {@code contributors} are the time series in ALARM, by contributor id. */
    public record Alarm(String name, String arn, AlarmState state, String reason, Instant since, String namespace,
            String metric, String expression, String rule, Map<String, String> tags,
            Map<String, Contributor> contributors, String muteRuleArn) {

        Alarm with(AlarmState newState, String newReason, Instant newSince) {
            return new Alarm(name, arn, newState, newReason, newSince, namespace, metric, expression, rule, tags,
                    contributors, muteRuleArn);
        }
    }

    /** A contributor in ALARM: its attributes, and when and why it entered ALARM. */
    public record Contributor(Map<String, String> attributes, String reason, Instant since) {
    }

    /**
     * One call as the fake received it: the operation, its headers (names in lower case; the signature and session
     * token not kept), its CBOR body as JSON.
     */
    public record Recorded(String operation, Map<String, List<String>> headers, JsonNode body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final Map<String, List<String>> actions = new LinkedHashMap<>();
    /** The names of the log alarms among {@link #alarms}: DescribeAlarms returns them only when asked for. */
    private final Set<String> logAlarms = new HashSet<>();
    /** Alarms answered without {@code StateTransitionedTimestamp}, as CloudWatch answers some older ones. */
    private final Set<String> untransitioned = new HashSet<>();
    private final List<Recorded> requests = new ArrayList<>();
    private int pageSize = 100;
    private int throttleNext;
    /** Operations that answer every call with an error: a CloudWatch that lacks them, or refuses them. */
    private final Map<String, Answer> failing = new LinkedHashMap<>();
    private int dropNext;
    private final Set<String> dropped = new HashSet<>();
    private boolean sameNextToken;

    private FakeCloudWatch(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeCloudWatch start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            FakeCloudWatch fake = new FakeCloudWatch(server, executor);
            server.createContext("/", fake::serve);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException cannotBind) {
            throw new UncheckedIOException(cannotBind);
        }
    }

    /** The alarms alone, without a server, for tests that read them in process ({@link #inProcess}). */
    public static FakeCloudWatch inMemory() {
        return new FakeCloudWatch(null, null);
    }

    /** Where the SDK reaches it: the value of {@code AWS_ENDPOINT_URL_CLOUDWATCH}. */
    public String endpoint() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** The SDK's own settings that point it here, as system properties (the environment variables' twins). */
    public Map<String, String> sdkProperties() {
        return Map.of("aws.endpointUrlCloudWatch", endpoint(), "aws.accessKeyId", "AKIAFAKECLOUDWATCH0",
                "aws.secretAccessKey", "fake-cloudwatch-secret");
    }

    public synchronized void reset() {
        alarms.clear();
        logAlarms.clear();
        untransitioned.clear();
        actions.clear();
        requests.clear();
        pageSize = 100;
        throttleNext = 0;
        failing.clear();
        dropped.clear();
        dropNext = 0;
        sameNextToken = false;
    }

    /** A metric alarm on one metric, in {@code state} since {@code since}. */
    public synchronized void metricAlarm(String arn, AlarmState state, Instant since, String namespace,
            String metric) {
        String name = nameOf(arn);
        alarms.put(name, new Alarm(name, arn, state, "Threshold Crossed: set by the test", since, namespace, metric,
                null, null, Map.of(), new LinkedHashMap<>(), null));
    }

    /** A metric alarm as PutMetricAlarm leaves it: in INSUFFICIENT_DATA until its first evaluation. */
    public synchronized void created(String arn, Instant at, String namespace, String metric) {
        String name = nameOf(arn);
        alarms.put(name, new Alarm(name, arn, AlarmState.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", at,
                namespace, metric, null, null, Map.of(), new LinkedHashMap<>(), null));
    }

    /**
     * A log alarm (CloudWatch's third type, on a Logs scheduled query): DescribeAlarms returns it under
     * {@code LogAlarms}, and only when {@code AlarmTypes} names {@code LogAlarm}.
     */
    public synchronized void logAlarm(String arn, AlarmState state, Instant since) {
        String name = nameOf(arn);
        alarms.put(name, new Alarm(name, arn, state, "1 of 1 query results breached the threshold", since, null, null,
                null, null, Map.of(), new LinkedHashMap<>(), null));
        logAlarms.add(name);
    }

    /** A multi-time-series alarm on a Metrics Insights query; its contributors come with {@link #contributor}. */
    public synchronized void multiTimeSeriesAlarm(String arn, AlarmState state, Instant since, String query) {
        String name = nameOf(arn);
        alarms.put(name, new Alarm(name, arn, state, "Threshold Crossed: set by the test", since, null, null, query,
                null, Map.of(), new LinkedHashMap<>(), null));
    }

    /**
     * From now on answers the alarm without {@code StateTransitionedTimestamp} (the field is optional in the
     * service model): only {@code StateUpdatedTimestamp} says since when it is in its state.
     */
    public synchronized void withoutTransitionTime(String name) {
        untransitioned.add(name);
    }

    /** Moves an alarm the fake holds to {@code state}; a delivered change says the same. */
    public synchronized void move(String name, AlarmState state, Instant since) {
        Alarm alarm = alarms.get(name);
        if (alarm == null) {
            throw new IllegalArgumentException("no alarm " + name);
        }
        alarms.put(name, alarm.with(state, "Threshold Crossed: moved to " + state, since));
    }

    /** Puts a contributor of a multi-time-series alarm in ALARM, or takes it out when {@code attributes} is null. */
    public synchronized void contributor(String name, String id, Map<String, String> attributes, Instant since) {
        Map<String, Contributor> contributors = alarms.get(name).contributors();
        if (attributes == null) {
            contributors.remove(id);
        } else {
            contributors.put(id, new Contributor(Map.copyOf(attributes), "Threshold Crossed: 1 datapoint", since));
        }
    }

    public synchronized void tag(String name, Map<String, String> tags) {
        Alarm alarm = alarms.get(name);
        alarms.put(name, new Alarm(alarm.name(), alarm.arn(), alarm.state(), alarm.reason(), alarm.since(),
                alarm.namespace(), alarm.metric(), alarm.expression(), alarm.rule(), Map.copyOf(tags),
                alarm.contributors(), alarm.muteRuleArn()));
    }

    public synchronized void mute(String name, String ruleArn) {
        Alarm alarm = alarms.get(name);
        alarms.put(name, new Alarm(alarm.name(), alarm.arn(), alarm.state(), alarm.reason(), alarm.since(),
                alarm.namespace(), alarm.metric(), alarm.expression(), alarm.rule(), alarm.tags(),
                alarm.contributors(), ruleArn));
    }

    public synchronized void delete(String name) {
        alarms.remove(name);
    }

    /** The alarm's ALARM actions; an alarm without any set notifies {@link #ALARM_TOPIC}. */
    public synchronized void actions(String name, List<String> alarmActions) {
        actions.put(name, List.copyOf(alarmActions));
    }

    private List<String> actionsOf(Alarm alarm) {
        return actions.getOrDefault(alarm.name(), List.of(ALARM_TOPIC));
    }

    /** Whether DescribeAlarms' ActionPrefix and AlarmNamePrefix filters (null: none) take the alarm. */
    private boolean takes(Alarm alarm, String actionPrefix, String namePrefix) {
        return (actionPrefix == null || actionsOf(alarm).stream().anyMatch(action -> action.startsWith(actionPrefix)))
                && (namePrefix == null || alarm.name().startsWith(namePrefix));
    }

    /**
     * Follows a change as CloudWatch made it, whether or not it is delivered: creates the alarm when new, moves it
     * (or its contributor) to the change's state. Alarms of other accounts or Regions are another CloudWatch's.
     */
    public synchronized void follow(AlarmChange change) {
        if (!ACCOUNT.equals(change.accountId()) || !REGION.equals(change.region())) {
            return; // another account's or Region's CloudWatch
        }
        Instant since = change.stateTime() == null ? Instant.now() : change.stateTime();
        Alarm alarm = alarms.get(change.name());
        if (alarm == null) {
            String expression = change.metrics().metrics().stream().filter(text -> text.contains(" "))
                    .findFirst().orElse(null);
            alarm = new Alarm(change.name(), change.arn(), AlarmState.OK, "", since, change.metrics().namespace(),
                    change.metrics().metrics().isEmpty() ? null : change.metrics().metrics().get(0), expression,
                    change.compositeRule(), change.tags(), new LinkedHashMap<>(), null);
        }
        if (change.contributor() == null) {
            alarms.put(change.name(), alarm.with(change.newState(), change.reason(), since));
            return;
        }
        alarms.put(change.name(), alarm);
        if (change.newState() == AlarmState.ALARM) {
            alarm.contributors().put(change.contributor().id(),
                    new Contributor(change.contributor().attributes(), change.reason(), since));
        } else {
            alarm.contributors().remove(change.contributor().id());
        }
        // A multi-time-series alarm is in ALARM while a time series is, and OK once the last one has left.
        if (!alarm.contributors().isEmpty() && alarm.state() != AlarmState.ALARM) {
            alarms.put(change.name(), alarm.with(AlarmState.ALARM, change.reason(), since));
        } else if (alarm.contributors().isEmpty() && alarm.state() == AlarmState.ALARM) {
            alarms.put(change.name(), alarm.with(AlarmState.OK, change.reason(), since));
        }
    }

    /** Answers at most {@code size} alarms a page, whatever MaxRecords asks. */
    public synchronized void pageSize(int size) {
        this.pageSize = size;
    }

    /** The next {@code calls} calls are throttled (HTTP 400, {@code Throttling}). */
    public synchronized void throttleNext(int calls) {
        this.throttleNext = calls;
    }

    /**
     * Every call of {@code operation} answers HTTP {@code status} with error {@code code}, as a CloudWatch that
     * lacks the operation ({@code UnknownOperationException}, or an emulator's 500) or refuses it does.
     */
    public synchronized void failAlways(String operation, int status, String code) {
        failing.put(operation, code.equals(UNKNOWN_OPERATION) ? Answer.unknownOperation("set by the test")
                : new Answer(status, Map.of("__type", "com.amazonaws.cloudwatch#" + code, "message",
                        "set by the test"), code + ";Sender"));
    }

    /** Every call of {@code operation} loses its connection before an answer, as a network fault does. */
    public synchronized void dropAlways(String operation) {
        dropped.add(operation);
    }

    /** A broken CloudWatch: every page of DescribeAlarms names the page it answers as the next one. */
    public synchronized void answerTheSameNextToken() {
        this.sameNextToken = true;
    }

    /** The next {@code calls} calls get no answer: the connection closes, as when CloudWatch is unreachable. */
    public synchronized void dropNext(int calls) {
        this.dropNext = calls;
    }

    public synchronized Map<String, Alarm> alarms() {
        return Map.copyOf(alarms);
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Recorded> requests(String operation) {
        return requests.stream().filter(request -> request.operation().equals(operation)).toList();
    }

    /** The same alarms read in process, for tests that run the executor without HTTP. */
    public CloudWatchAlarms inProcess() {
        return new InProcess();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer;
            synchronized (this) {
                if (dropNext > 0) {
                    dropNext--;
                    return;
                }
                if (path.startsWith(PATH) && dropped.contains(path.substring(PATH.length()))) {
                    return;
                }
                answer = answer(exchange, path, body);
            }
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            if (answer.queryError() != null) {
                exchange.getResponseHeaders().add("x-amzn-query-error", answer.queryError());
            }
            byte[] out = cbor(answer.body());
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    private record Answer(int status, Map<String, Object> body, String queryError) {

        static Answer ok(Map<String, Object> body) {
            return new Answer(200, body, null);
        }

        static Answer error(String code, String message) {
            return new Answer(400, Map.of("__type", "com.amazonaws.cloudwatch#" + code, "message", message),
                    code + ";Sender");
        }

        /**
         * An operation the service does not have: a protocol error, in the AWS services' own namespace rather than
         * CloudWatch's model, HTTP 400.
         */
        static Answer unknownOperation(String message) {
            return new Answer(400, Map.of("__type", "com.amazon.coral.service#" + UNKNOWN_OPERATION, "message",
                    message), UNKNOWN_OPERATION + ";Sender");
        }

        /** The service model's {@code ResourceNotFoundException}: HTTP 404. */
        static Answer notFound(String message) {
            return new Answer(404, Map.of("__type", "com.amazonaws.cloudwatch#ResourceNotFoundException", "message",
                    message), "ResourceNotFoundException;Sender");
        }
    }

    private Answer answer(HttpExchange exchange, String path, byte[] body) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PATH)) {
            return Answer.unknownOperation("no such operation: " + path);
        }
        if (!"rpc-v2-cbor".equals(exchange.getRequestHeaders().getFirst("smithy-protocol"))) {
            return Answer.error("InvalidParameterValue", "the smithy-protocol header must be rpc-v2-cbor");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
            return Answer.error("MissingAuthenticationToken", "the request is not signed");
        }
        String operation = path.substring(PATH.length());
        JsonNode request = body.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(body);
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // A machine's own AWS credentials may sign these requests: keep them out of what tests print.
            headers.put(lower, SECRET_HEADERS.contains(lower) ? List.of("(not kept)") : List.copyOf(values));
        });
        requests.add(new Recorded(operation, Map.copyOf(headers), request));
        if (throttleNext > 0) {
            throttleNext--;
            return Answer.error("Throttling", "Rate exceeded");
        }
        if (failing.containsKey(operation)) {
            return failing.get(operation);
        }
        return switch (operation) {
            case "DescribeAlarms" -> describeAlarms(request);
            case "DescribeAlarmContributors" -> describeContributors(request);
            case "ListTagsForResource" -> listTags(request);
            case "ListAlarmMuteRules" -> listMuteRules(request);
            case "GetAlarmMuteRule" -> getMuteRule(request);
            default -> Answer.unknownOperation("the fake does not serve " + operation);
        };
    }

    private Answer describeAlarms(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("AlarmNames").forEach(name -> names.add(name.asText()));
        if (names.size() > 100) {
            return Answer.error("ValidationError", "AlarmNames has more than 100 members");
        }
        int max = request.path("MaxRecords").asInt(50);
        if (max < 1 || max > 100) {
            return Answer.error("ValidationError", "MaxRecords must be between 1 and 100");
        }
        List<String> types = new ArrayList<>();
        request.path("AlarmTypes").forEach(type -> types.add(type.asText()));
        boolean metric = types.isEmpty() || types.contains("MetricAlarm");
        boolean composite = types.contains("CompositeAlarm");
        boolean log = types.contains("LogAlarm");
        String state = request.path("StateValue").asText(null);
        String actionPrefix = request.path("ActionPrefix").asText(null);
        String namePrefix = request.path("AlarmNamePrefix").asText(null);
        List<Alarm> matching = alarms.values().stream()
                .filter(alarm -> names.isEmpty() || names.contains(alarm.name()))
                .filter(alarm -> state == null || alarm.state().name().equals(state))
                .filter(alarm -> takes(alarm, actionPrefix, namePrefix))
                .filter(alarm -> logAlarms.contains(alarm.name()) ? log : alarm.rule() == null ? metric : composite)
                .toList();
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        int to = Math.min(matching.size(), from + Math.min(max, pageSize));
        List<Object> metricAlarms = new ArrayList<>();
        List<Object> compositeAlarms = new ArrayList<>();
        List<Object> logAlarmsFound = new ArrayList<>();
        for (Alarm alarm : matching.subList(from, to)) {
            (logAlarms.contains(alarm.name()) ? logAlarmsFound : alarm.rule() == null ? metricAlarms
                    : compositeAlarms).add(wire(alarm));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("MetricAlarms", metricAlarms);
        answer.put("CompositeAlarms", compositeAlarms);
        if (log) {
            answer.put("LogAlarms", logAlarmsFound);
        }
        if (to < matching.size()) {
            answer.put("NextToken", String.valueOf(sameNextToken ? from : to));
        }
        return Answer.ok(answer);
    }

    private Map<String, Object> wire(Alarm alarm) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("AlarmName", alarm.name());
        wire.put("AlarmArn", alarm.arn());
        wire.put("StateValue", alarm.state().name());
        wire.put("AlarmActions", actionsOf(alarm));
        wire.put("StateReason", alarm.reason());
        wire.put("StateUpdatedTimestamp", alarm.since());
        if (!untransitioned.contains(alarm.name())) {
            wire.put("StateTransitionedTimestamp", alarm.since());
        }
        if (logAlarms.contains(alarm.name())) {
            wire.put("StateReasonData", "{\"version\":\"1.0\",\"queryResultsEvaluated\":1}");
            wire.put("QueryResultsToEvaluate", 1);
            wire.put("QueryResultsToAlarm", 1);
            wire.put("ComparisonOperator", "GreaterThanThreshold");
        } else if (alarm.rule() != null) {
            wire.put("AlarmRule", alarm.rule());
            wire.put("ActionsSuppressedBy", "None");
        } else if (alarm.expression() != null) {
            wire.put("Metrics", List.of(Map.of("Id", "q1", "Expression", alarm.expression(), "ReturnData", true,
                    "Period", 60)));
        } else {
            wire.put("Namespace", alarm.namespace());
            wire.put("MetricName", alarm.metric());
            wire.put("Dimensions", List.of());
        }
        return wire;
    }

    private Answer describeContributors(JsonNode request) {
        Alarm alarm = alarms.get(request.path("AlarmName").asText());
        if (alarm == null) {
            return Answer.notFound("no alarm " + request.path("AlarmName").asText());
        }
        List<Object> contributors = new ArrayList<>();
        alarm.contributors().forEach((id, contributor) -> contributors.add(Map.of("ContributorId", id,
                "ContributorAttributes", contributor.attributes(), "StateReason", contributor.reason(),
                "StateTransitionedTimestamp", contributor.since())));
        return Answer.ok(Map.of("AlarmContributors", contributors));
    }

    private Answer listTags(JsonNode request) {
        String arn = request.path("ResourceARN").asText();
        var alarm = alarms.values().stream().filter(one -> one.arn().equals(arn)).findFirst();
        if (alarm.isEmpty()) {
            return Answer.notFound("no alarm " + arn);
        }
        List<Object> tags = new ArrayList<>();
        alarm.get().tags().forEach((key, value) -> tags.add(Map.of("Key", key, "Value", value)));
        return Answer.ok(Map.of("Tags", tags));
    }

    private Answer listMuteRules(JsonNode request) {
        List<Object> rules = new ArrayList<>();
        alarms.values().stream().map(Alarm::muteRuleArn).filter(Objects::nonNull).distinct()
                .forEach(arn -> rules.add(Map.of("AlarmMuteRuleArn", arn, "Status", "ACTIVE", "MuteType",
                        "ONE_TIME")));
        return Answer.ok(Map.of("AlarmMuteRuleSummaries", rules));
    }

    private Answer getMuteRule(JsonNode request) {
        String name = request.path("AlarmMuteRuleName").asText();
        List<String> targets = alarms.values().stream().filter(alarm -> alarm.muteRuleArn() != null
                && alarm.muteRuleArn().endsWith(":" + name)).map(Alarm::name).toList();
        if (targets.isEmpty()) {
            return Answer.error("ResourceNotFoundException", "no alarm mute rule " + name);
        }
        return Answer.ok(Map.of("Name", name, "Status", "ACTIVE", "MuteType", "ONE_TIME", "MuteTargets",
                Map.of("AlarmNames", targets)));
    }

    /** CBOR as the SDK reads it; an {@link Instant} is a tag-1 epoch-seconds number, as Smithy RPC v2 says. */
    private static byte[] cbor(Map<String, Object> body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) CBOR.getFactory().createGenerator(out)) {
            write(generator, body);
        }
        return out.toByteArray();
    }

    private static void write(CBORGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (var entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Instant time) {
            generator.writeTag(1);
            generator.writeNumber(time.getEpochSecond() + time.getNano() / 1e9);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value.toString());
        }
    }

    private static String nameOf(String arn) {
        return arn.split(":", 7)[6];
    }

    /** The fake's alarms as the reconciliation reads them, without HTTP or the SDK. */
    private final class InProcess implements CloudWatchAlarms {

        @Override
        public List<AlarmChange> inState(AlarmState state, String actionPrefix, String namePrefix) {
            synchronized (FakeCloudWatch.this) {
                return alarms.values().stream().filter(alarm -> alarm.state() == state)
                        .filter(alarm -> takes(alarm, actionPrefix, namePrefix)).map(InProcess::change).toList();
            }
        }

        @Override
        public List<AlarmChange> named(Collection<String> names) {
            synchronized (FakeCloudWatch.this) {
                return alarms.values().stream().filter(alarm -> names.contains(alarm.name()))
                        .map(InProcess::change).toList();
            }
        }

        @Override
        public Map<String, String> tags(String arn) {
            synchronized (FakeCloudWatch.this) {
                return alarms.values().stream().filter(alarm -> alarm.arn().equals(arn)).findFirst()
                        .map(Alarm::tags).orElse(Map.of());
            }
        }

        @Override
        public Map<String, String> mutedAlarms() {
            synchronized (FakeCloudWatch.this) {
                Map<String, String> muted = new LinkedHashMap<>();
                alarms.values().stream().filter(alarm -> alarm.muteRuleArn() != null).forEach(alarm -> muted.put(
                        alarm.name(), "alarm mute rule " + alarm.muteRuleArn().substring(
                                alarm.muteRuleArn().lastIndexOf(':') + 1)));
                return muted;
            }
        }

        @Override
        public List<AlarmChange> contributorsInAlarm(AlarmChange alarm) {
            synchronized (FakeCloudWatch.this) {
                List<AlarmChange> contributors = new ArrayList<>();
                alarms.get(alarm.name()).contributors().forEach((id, contributor) -> contributors.add(
                        alarm.now(AlarmState.ALARM, contributor.reason(), contributor.since(), Envelope.CLOUDWATCH,
                                false).withContributor(new AlarmChange.Contributor(id, contributor.attributes()))));
                return contributors;
            }
        }

        private static AlarmChange change(Alarm alarm) {
            String[] arn = alarm.arn().split(":", 7);
            MetricSummary metrics = alarm.expression() != null
                    ? new MetricSummary(null, List.of(alarm.expression()), Map.of())
                    : alarm.metric() == null ? MetricSummary.NONE
                            : new MetricSummary(alarm.namespace(), List.of(alarm.metric()), Map.of());
            return AlarmChange.of(alarm.name(), alarm.arn(), alarm.state()).account(arn[4]).region(arn[3])
                    .reason(alarm.reason()).at(alarm.since()).metrics(metrics).rule(alarm.rule())
                    .via(Envelope.CLOUDWATCH).build();
        }
    }
}
