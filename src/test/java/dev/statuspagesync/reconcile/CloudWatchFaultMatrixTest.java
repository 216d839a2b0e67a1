package dev.statuspagesync.reconcile;

import static dev.statuspagesync.fake.FakeCloudWatchResource.cloudWatch;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.LogCapture;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Every operation a sweep makes, failing every way CloudWatch fails: throttled, 5xx, connection dropped, access
 * denied, and not offered in the Region. Three alarms fire that no delivery brought: a plain one, a multi-time-series one with a contributor
 * in ALARM, and one an active mute rule holds. Each cell checks the page the sweep leaves, its answer, its metrics
 * and its log: nothing wrong is written, and what does not depend on the failed read is repaired.
 */
@QuarkusTest
@TestProfile(Profiles.Reconciling.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class CloudWatchFaultMatrixTest {

    static final Instant FIRED = Instant.parse("2026-03-14T09:00:00Z");
    static final String PLAIN = AlarmEvents.ARN;
    static final String MUTED = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:payments-latency";
    static final String CONTRIBUTOR = "9f2c07a4e1b35d68";
    static final String TABLE = MemberKey.of(AlarmEvents.TABLES_ARN, CONTRIBUTOR).wire();

    /**
     * What a sweep leaves: whether it failed, what the page lists, whether its answer says that repairs wait, the
     * invocation's {@code RepairsHeldBack} and {@code ReconcileFailed} metrics, and a line its log must hold (empty:
     * no line of a held-back or failed read).
     */
    record Left(boolean failed, List<String> listed, boolean heldBack, long heldBackMetric, long failedMetric,
            String logLine) {
    }

    static Stream<Arguments> cells() {
        List<String> all = sorted(PLAIN, MUTED, AlarmEvents.TABLES_ARN, TABLE);
        List<String> unmuted = sorted(PLAIN, AlarmEvents.TABLES_ARN);
        List<Arguments> cells = new ArrayList<>();
        // HTTP status, error code, and how the failure reads; status 0: the connection drops before an answer.
        for (String[] fault : new String[][] { { "400", "Throttling", "Throttling" },
                { "500", "InternalFailure", "InternalFailure" }, { "0", "dropped", "Unable to execute HTTP request" },
                { "400", "AccessDeniedException", "AccessDeniedException" },
                { "400", "UnknownOperationException", "UnknownOperationException" } }) {
            String code = fault[1];
            String says = fault[2];
            boolean absent = code.equals("UnknownOperationException");
            cells.add(Arguments.of("DescribeAlarms", fault[0], code, new Left(true, List.of(), false, 0, 1,
                    "not reconciled: CloudWatch DescribeAlarms failed: " + says)));
            for (String muteRead : List.of("ListAlarmMuteRules", "GetAlarmMuteRule")) {
                // The three alarms and the contributor would each open: all four wait for the rules.
                cells.add(Arguments.of(muteRead, fault[0], code, absent ? new Left(false, all, false, 0, 0, "")
                        : new Left(false, List.of(), true, 4, 0, "held back until the next sweep: alarm "
                                + AlarmEvents.NAME + " would open, and CloudWatch " + muteRead + " failed: " + says)));
            }
            cells.add(Arguments.of("DescribeAlarmContributors", fault[0], code, absent
                    ? new Left(false, unmuted, false, 0, 0, "")
                    : new Left(false, unmuted, false, 1, 0, "the contributors of alarm " + AlarmEvents.TABLES
                            + " were not read (CloudWatch DescribeAlarmContributors failed: " + says)));
        }
        return cells.stream();
    }

    private static List<String> sorted(String... keys) {
        return List.copyOf(new TreeSet<>(List.of(keys)));
    }

    @BeforeEach
    void threeAlarmsFiringThatNoDeliveryBrought() {
        cloudWatch().reset();
        cloudWatch().metricAlarm(PLAIN, AlarmState.ALARM, FIRED, "AWS/EC2", "CPUUtilization");
        cloudWatch().metricAlarm(MUTED, AlarmState.ALARM, FIRED, "AWS/ApiGateway", "Latency");
        cloudWatch().mute("payments-latency", "arn:aws:cloudwatch:us-east-1:210987654321:alarm-mute-rule:reindex");
        cloudWatch().multiTimeSeriesAlarm(AlarmEvents.TABLES_ARN, AlarmState.ALARM, FIRED,
                "SELECT SUM(WriteThrottleEvents) FROM \"AWS/DynamoDB\" GROUP BY TableName");
        cloudWatch().contributor(AlarmEvents.TABLES, CONTRIBUTOR, Map.of("TableName", "checkout-orders"), FIRED);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cells")
    void aFailedReadLeavesThePageRightAndRepairsWhatDoesNotNeedIt(String operation, int status, String code,
            Left expected) {
        if (status == 0) {
            cloudWatch().dropAlways(operation);
        } else {
            cloudWatch().failAlways(operation, status, code);
        }

        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Response response;
        List<String> log;
        try (LogCapture capture = LogCapture.start()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            response = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:01:00Z"));
            log = capture.lines();
        } finally {
            System.setOut(original);
        }

        var answer = Fixtures.json(response.asString());
        var metrics = printed.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\"_aws\""))
                .map(Fixtures::json).findFirst().orElseThrow(() -> new AssertionError("no metrics record"));
        List<String> listed = fake().incidents().isEmpty() ? List.of() : List.copyOf(new TreeSet<>(IncidentText
                .readAlarmList(fake().incidents().get(0).updates().get(0).description()).members().keySet()));
        String line = expected.logLine().isEmpty() ? "" : log.stream().filter(one -> one.contains(expected.logLine()))
                .findFirst().map(one -> expected.logLine()).orElse("(no line with: " + expected.logLine() + ")");
        Left left = new Left(response.statusCode() != 200, listed, answer.path("reason").asText()
                .contains("held back until the next sweep"), metrics.path("RepairsHeldBack").asLong(),
                metrics.path("ReconcileFailed").asLong(), line);
        assertEquals(expected, left, answer.toString());
        if (expected.logLine().isEmpty()) {
            assertEquals(List.of(), log.stream().filter(one -> one.contains("held back") || one.contains("not read"))
                    .toList(), "a Region without the operation holds nothing back");
        }
        assertEquals(expected.failed() || expected.listed().isEmpty() ? 0 : 1, fake().incidents().size(),
                "one incident at most, whatever failed");
    }
}
