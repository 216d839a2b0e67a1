package dev.statuspagesync.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.decide.IncidentMapper;
import dev.statuspagesync.inbound.EnvelopeReader;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.routing.Route;
import dev.statuspagesync.routing.Router;

/**
 * The work a warm function does for one event before any network call: parse the payload, read the envelope,
 * route the alarm, map it to Flashduty's create request, and serialise that. Run by scripts/bench-per-event.sh;
 * sample mode gives the percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PerEventBenchmark {

    /** A firing alarm in each envelope, from the fixtures beside the tests. */
    @Param({ "sns-single-metric-alarm.json", "eventbridge-single-metric-alarm.json",
            "alarm-action-metric-alarm.json", "sqs-raw-delivery.json" })
    public String fixture;

    private byte[] payload;
    private ObjectMapper mapper;
    private EnvelopeReader reader;
    private Router router;

    @Setup
    public void load() throws IOException {
        payload = Files.readAllBytes(Path.of("src/test/resources/events", fixture));
        // As Quarkus configures its mapper: unknown properties are not an error.
        mapper = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        reader = new EnvelopeReader(mapper);
        router = new Router(config());
        if (work().isEmpty()) {
            throw new IllegalStateException(fixture + " does not map to a create request");
        }
    }

    @Benchmark
    public List<byte[]> parseRouteMapSerialise() {
        return work();
    }

    private List<byte[]> work() {
        try {
            List<byte[]> requests = new ArrayList<>(1);
            for (Inbound item : reader.read(mapper.readTree(payload))) {
                if (item instanceof Inbound.Alarm alarm) {
                    Optional<Route> route = router.routeFor(alarm.change());
                    if (route.isPresent()) {
                        var request = IncidentMapper.openIncident(alarm.change(), route.get(),
                                alarm.change().stateTime().getEpochSecond());
                        requests.add(mapper.writeValueAsBytes(request));
                    }
                }
            }
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ten rules that do not match, so that every event is tried against all of them before the default route. */
    private static StatusPageConfig config() {
        StringBuilder routes = new StringBuilder("routes:\n");
        for (int rule = 0; rule < 10; rule++) {
            routes.append("  - {name: team-").append(rule).append(", match: {alarm_name: \"team-").append(rule)
                    .append("-*\", namespace: AWS/Lambda}, page_id: 1001, components: [01BENCHTEAM")
                    .append(rule).append("]}\n");
        }
        routes.append("default: {page_id: 1001, components: [01BENCHDEFAULT0000000000000], impact: degraded}\n");
        Map<String, Object> values = Map.of("pageId", Optional.empty(), "componentIds", Optional.empty(),
                "impact", "degraded", "notifySubscribers", true, "routes", Optional.of(routes.toString()),
                "joinOpenIncidents", true);
        return (StatusPageConfig) Proxy.newProxyInstance(StatusPageConfig.class.getClassLoader(),
                new Class<?>[] { StatusPageConfig.class }, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }
}
