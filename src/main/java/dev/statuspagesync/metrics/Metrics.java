package dev.statuspagesync.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.statuspagesync.config.MetricsConfig;

/**
 * What the current invocation did, counted where it happens (changes, outcomes, Flashduty calls, the sweep) and
 * written at its end as one Embedded Metric Format line on standard output, which CloudWatch turns into metrics
 * without an API call. A Lambda environment runs one invocation at a time.
 */
@ApplicationScoped
public class Metrics {

    /** Names of the metrics, as they appear in CloudWatch. */
    public static final String CHANGES = "ChangesReceived";
    public static final String CHANGES_VIA_SNS = "ChangesViaSNS";
    public static final String CHANGES_VIA_EVENTBRIDGE = "ChangesViaEventBridge";
    public static final String CHANGES_VIA_ALARM_ACTION = "ChangesViaAlarmAction";
    public static final String CHANGES_VIA_SQS = "ChangesViaSQS";
    public static final String FLASHDUTY_CALLS = "FlashdutyCalls";
    public static final String FLASHDUTY_RETRIES = "FlashdutyRetries";
    public static final String FLASHDUTY_RATE_LIMITED = "FlashdutyRateLimited";
    public static final String FLASHDUTY_LATENCY = "FlashdutyLatency";
    public static final String REDELIVERED = "ItemsReturnedForRedelivery";
    public static final String DEFERRED = "Deferred";
    public static final String SWEEPS = "Sweeps";
    public static final String SWEEP_RESOLVED = "SweepResolved";
    public static final String SWEEP_WAITING = "SweepWaiting";
    public static final String CLOUDWATCH_CALLS = "CloudWatchCalls";
    public static final String RECONCILED = "Reconciled";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    /** Repairs a sweep held back because an optional read (mute rules, tags, contributors) failed. */
    public static final String REPAIRS_HELD_BACK = "RepairsHeldBack";
    /** Deliveries refused for what they claim: a sweep not from the schedule, an alarm of an unlisted account. */
    public static final String REFUSED = "DeliveriesRefused";
    /** Times taken back to the clock: a change dated too far ahead, a sweep dated ahead. */
    public static final String TIMES_CLAMPED = "TimesClamped";

    private final MetricsConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String version;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, List<Long>> millis = new LinkedHashMap<>();

    @Inject
    public Metrics(MetricsConfig config, ObjectMapper mapper, Clock clock,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.version = version;
    }

    public synchronized void count(String metric) {
        count(metric, 1);
    }

    public synchronized void count(String metric, long amount) {
        counts.merge(metric, amount, Long::sum);
    }

    /** One observation of a duration, in milliseconds. */
    public synchronized void time(String metric, long milliseconds) {
        millis.computeIfAbsent(metric, name -> new ArrayList<>()).add(milliseconds);
    }

    /** The count so far in this invocation. */
    public synchronized long counted(String metric) {
        return counts.getOrDefault(metric, 0L);
    }

    /** Writes the invocation's record (when enabled) and starts counting the next invocation from zero. */
    public synchronized void publish() {
        try {
            if (config.enabled()) {
                System.out.println(mapper.writeValueAsString(EmbeddedMetrics.record(mapper, config.namespace(),
                        config.functionName(), version, clock.millis(), counts, millis)));
            }
        } catch (JsonProcessingException cannotHappen) {
            throw new IllegalStateException("the metrics record is plain JSON", cannotHappen);
        } finally {
            counts.clear();
            millis.clear();
        }
    }
}
