package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.fake.FakeCloudWatchResource.cloudWatch;
import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

import dev.statuspagesync.fake.FakeCloudWatchResource;
import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.inbound.AlarmState;
import dev.statuspagesync.inbound.MemberKey;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every operation a sweep makes, failing every way CloudWatch fails: throttled, 5xx, access denied, and not offered
 * in the Region. Three alarms fire that no delivery brought: a plain one, a multi-time-series one with a contributor
 * in ALARM, and one an active mute rule holds. Each cell checks the page the sweep leaves and its answer: nothing
 * wrong is written, and what does not depend on the failed read is repaired.
 */
@QuarkusTest
@TestProfile(ReconcileTest.Reconciling.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@QuarkusTestResource(value = FakeCloudWatchResource.class, restrictToAnnotatedClass = true)
@ExtendWith(FreshFake.class)
class CloudWatchFaultMatrixTest {

    static final Instant FIRED = Instant.parse("2026-03-14T09:00:00Z");
    static final String PLAIN = AlarmEvents.ARN;
    static final String MUTED = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:payments-latency";
    static final String CONTRIBUTOR = "9f2c07a4e1b35d68";
    static final String TABLE = MemberKey.of(AlarmEvents.TABLES_ARN, CONTRIBUTOR);

    /** What a sweep leaves: whether it failed, what the page lists, and whether it says that repairs wait. */
    record Left(boolean failed, List<String> listed, boolean heldBack) {
    }

    static Stream<Arguments> cells() {
        Left failed = new Left(true, List.of(), false);
        Left unmuted = new Left(false, sorted(PLAIN, MUTED, AlarmEvents.TABLES_ARN, TABLE), false);
        Left nothingOpens = new Left(false, List.of(), true);
        Left withoutContributor = new Left(false, sorted(PLAIN, AlarmEvents.TABLES_ARN), false);
        List<Arguments> cells = new ArrayList<>();
        for (String[] fault : new String[][] { { "400", "Throttling" }, { "500", "InternalFailure" },
                { "400", "AccessDeniedException" }, { "400", "UnknownOperationException" } }) {
            boolean absent = fault[1].equals("UnknownOperationException");
            cells.add(Arguments.of("DescribeAlarms", fault[0], fault[1], failed));
            cells.add(Arguments.of("ListAlarmMuteRules", fault[0], fault[1], absent ? unmuted : nothingOpens));
            cells.add(Arguments.of("GetAlarmMuteRule", fault[0], fault[1], absent ? unmuted : nothingOpens));
            cells.add(Arguments.of("DescribeAlarmContributors", fault[0], fault[1], absent ? withoutContributor
                    : new Left(false, sorted(PLAIN, AlarmEvents.TABLES_ARN), false)));
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

    @ParameterizedTest(name = "{0} answers {1} {2}")
    @MethodSource("cells")
    void aFailedReadLeavesThePageRightAndRepairsWhatDoesNotNeedIt(String operation, int status, String code,
            Left expected) {
        cloudWatch().failAlways(operation, status, code);

        var response = Lambda.invoke(AlarmEvents.sweep("2026-03-14T09:01:00Z"));

        var answer = Fixtures.json(response.asString());
        List<String> listed = fake().incidents().isEmpty() ? List.of() : List.copyOf(new TreeSet<>(IncidentText
                .readAlarmList(fake().incidents().get(0).updates().get(0).description()).members().keySet()));
        Left left = new Left(response.statusCode() != 200, listed, answer.path("reason").asText()
                .contains("held back until the next sweep"));
        assertEquals(expected, left, answer.toString());
        assertEquals(expected.failed() || expected.listed().isEmpty() ? 0 : 1, fake().incidents().size(),
                "one incident at most, whatever failed");
    }
}
