package dev.statuspagesync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.page.References;

/** The repairs reconciliation finds, as plain values: what the page lists as firing against what CloudWatch says. */
class ReconciliationTest {

    static final Instant NOW = Instant.parse("2026-03-14T09:10:00Z");
    static final Instant SINCE = Instant.parse("2026-03-14T09:02:00Z");
    static final String API = arn("api-errors");
    static final String DB = arn("db-connections");
    static final Reconciliation.Scope SCOPE = new Reconciliation.Scope("210987654321", "us-east-1");
    static final Reconciliation.Truth NOTHING = new Reconciliation.Truth(List.of(), List.of(), Set.of(), Map.of());

    @Test
    void anAlarmListedAsFiringThatCloudWatchFindsOkRecoversAtCloudWatchsTime() {
        var ok = truth("api-errors", AlarmState.OK);

        var repairs = Reconciliation.repairs(Set.of(API), new Reconciliation.Truth(List.of(), List.of(ok),
                Set.of(API), Map.of()), SCOPE, InsufficientDataPolicy.IGNORE, NOW);

        assertEquals(List.of(ok), repairs);
        assertEquals(SINCE, repairs.get(0).stateTime());
    }

    @Test
    void anAlarmAskedForThatCloudWatchNoLongerHasIsDeletedAtTheSweepsTime() {
        var repairs = Reconciliation.repairs(Set.of(API), new Reconciliation.Truth(List.of(), List.of(), Set.of(API),
                Map.of()), SCOPE, InsufficientDataPolicy.IGNORE, NOW);

        assertEquals(1, repairs.size());
        assertEquals(true, repairs.get(0).deleted());
        assertEquals(AlarmState.OK, repairs.get(0).newState());
        assertEquals(NOW, repairs.get(0).stateTime());
        assertEquals("api-errors", repairs.get(0).name());
    }

    @Test
    void anAlarmNotAskedForIsNeitherRecoveredNorDeleted() {
        assertEquals(List.of(), Reconciliation.repairs(Set.of(API), NOTHING, SCOPE, InsufficientDataPolicy.IGNORE, NOW));
    }

    @Test
    void insufficientDataRecoversOnlyWhenThePolicyResolves() {
        var unknown = truth("api-errors", AlarmState.INSUFFICIENT_DATA);
        var truth = new Reconciliation.Truth(List.of(), List.of(unknown), Set.of(API), Map.of());

        assertEquals(List.of(), Reconciliation.repairs(Set.of(API), truth, SCOPE, InsufficientDataPolicy.IGNORE, NOW));
        assertEquals(List.of(), Reconciliation.repairs(Set.of(API), truth, SCOPE, InsufficientDataPolicy.DEGRADE, NOW));
        assertEquals(List.of(unknown), Reconciliation.repairs(Set.of(API), truth, SCOPE, InsufficientDataPolicy.RESOLVE,
                NOW));
    }

    @Test
    void aFiringAlarmTheListDoesNotShowFiringFires() {
        var firing = truth("db-connections", AlarmState.ALARM);
        var listed = truth("api-errors", AlarmState.ALARM);

        assertEquals(List.of(firing), Reconciliation.repairs(Set.of(API), new Reconciliation.Truth(
                List.of(listed, firing), List.of(), Set.of(), Map.of()), SCOPE, InsufficientDataPolicy.IGNORE, NOW));
    }

    @Test
    void insufficientDataFiresOnlyWhenThePolicyDegrades() {
        var unknown = truth("db-connections", AlarmState.INSUFFICIENT_DATA);
        var truth = new Reconciliation.Truth(List.of(unknown), List.of(), Set.of(), Map.of());

        assertEquals(List.of(), Reconciliation.repairs(Set.of(), truth, SCOPE, InsufficientDataPolicy.IGNORE, NOW));
        assertEquals(List.of(unknown), Reconciliation.repairs(Set.of(), truth, SCOPE, InsufficientDataPolicy.DEGRADE, NOW));
    }

    @Test
    void aContributorThatLeftAlarmRecoversAndANewOneFires() {
        var alarm = truth("db-connections", AlarmState.ALARM);
        var carts = contributor(alarm, "0c51e8b27d94fa36");
        MemberKey orders = MemberKey.of(DB, "9f2c07a4e1b35d68");

        var repairs = Reconciliation.repairs(Set.of(DB, orders.wire()), new Reconciliation.Truth(List.of(alarm),
                List.of(), Set.of(), Map.of(DB, List.of(carts))), SCOPE, InsufficientDataPolicy.IGNORE, NOW);

        assertEquals(2, repairs.size());
        assertEquals(orders, repairs.get(0).memberKey());
        assertEquals(AlarmState.OK, repairs.get(0).newState());
        assertEquals(NOW, repairs.get(0).stateTime(), "CloudWatch keeps no time for a contributor's recovery");
        assertEquals(carts, repairs.get(1));
    }

    @Test
    void readsTheListedFiringMembersOfItsOwnAccountAndRegionOnly() {
        var scope = SCOPE;

        assertEquals(true, scope.holds(API));
        assertEquals(false, scope.holds("arn:aws:cloudwatch:eu-west-1:210987654321:alarm:api-errors"));
        assertEquals(false, scope.holds("arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-errors"));
        assertEquals(Set.of(DB), Reconciliation.toAsk(Set.of(API, DB, MemberKey.of(API, "9f2c07a4e1b35d68").wire()),
                List.of(truth("api-errors", AlarmState.ALARM))));
    }

    @Test
    void readsContributorsOfAGroupedQueryOrOfAnAlarmListedWithThem() {
        var grouped = AlarmChange.of("tables", arn("tables"), AlarmState.ALARM).account("210987654321")
                .region("us-east-1").reason("").at(SINCE).metrics(new MetricSummary(null, List.of(
                        "SELECT SUM(x) FROM \"AWS/DynamoDB\" group by TableName"), Map.of()))
                .via(Envelope.CLOUDWATCH).build();

        assertEquals(true, Reconciliation.readsContributors(grouped, Set.of()));
        assertEquals(false, Reconciliation.readsContributors(truth("api-errors", AlarmState.ALARM), Set.of()));
        assertEquals(true, Reconciliation.readsContributors(truth("api-errors", AlarmState.ALARM),
                Set.of(MemberKey.of(API, "9f2c07a4e1b35d68").wire())));
    }

    @Test
    void aReferenceListedAsFiringThatCloudWatchFindsOkRecovers() {
        var ok = truth("api-errors", AlarmState.OK);
        Set<String> listed = Set.of(References.current().alarm(API));

        assertEquals(true, Reconciliation.placesReferences(listed, List.of()));
        var repairs = Reconciliation.repairs(listed, new Reconciliation.Truth(List.of(), List.of(), Set.of(),
                Map.of(), List.of(ok)), SCOPE, InsufficientDataPolicy.IGNORE, NOW);

        assertEquals(List.of(ok), repairs);
        assertEquals(Set.of(), Reconciliation.toAsk(listed, List.of()), "a reference is never asked for by name");
    }

    @Test
    void aReferenceOfAFiringAlarmNeedsNoOtherRead() {
        var firing = truth("api-errors", AlarmState.ALARM);
        Set<String> listed = Set.of(References.current().alarm(API));

        assertEquals(false, Reconciliation.placesReferences(listed, List.of(firing)));
        assertEquals(List.of(), Reconciliation.repairs(listed, new Reconciliation.Truth(List.of(firing), List.of(),
                Set.of(), Map.of()), SCOPE, InsufficientDataPolicy.IGNORE, NOW));
    }

    @Test
    void aReferenceNoAlarmOfTheScopeAnswersToIsDeletedByItsReference() {
        String listed = References.current().alarm(API);

        var repairs = Reconciliation.repairs(Set.of(listed), new Reconciliation.Truth(List.of(), List.of(), Set.of(),
                Map.of(), List.of(truth("db-connections", AlarmState.OK))), SCOPE, InsufficientDataPolicy.IGNORE,
                NOW);

        assertEquals(1, repairs.size());
        assertEquals(true, repairs.get(0).deleted());
        assertEquals(listed, repairs.get(0).memberKey().wire());
        assertEquals(listed, repairs.get(0).name());
        assertEquals(NOW, repairs.get(0).stateTime());
    }

    @Test
    void aReferenceIsNotDeletedWhileTheOtherStatesWereNotRead() {
        assertEquals(List.of(), Reconciliation.repairs(Set.of(References.current().alarm(API)), NOTHING, SCOPE,
                InsufficientDataPolicy.IGNORE, NOW));
    }

    @Test
    void aContributorListedByReferenceThatLeftAlarmRecoversUnderThatReference() {
        var alarm = truth("db-connections", AlarmState.ALARM);
        var carts = contributor(alarm, "0c51e8b27d94fa36");
        String orders = References.current().member(MemberKey.of(DB, "9f2c07a4e1b35d68"));
        Set<String> listed = Set.of(References.current().alarm(DB), References.current().member(carts.memberKey()),
                orders);

        assertEquals(true, Reconciliation.readsContributors(alarm, listed));
        var repairs = Reconciliation.repairs(listed, new Reconciliation.Truth(List.of(alarm), List.of(), Set.of(),
                Map.of(DB, List.of(carts))), SCOPE, InsufficientDataPolicy.IGNORE, NOW);

        assertEquals(1, repairs.size(), "carts is listed by its reference and still fires: " + repairs);
        assertEquals(orders, References.current().member(repairs.get(0).memberKey()));
        assertEquals(AlarmState.OK, repairs.get(0).newState());
    }

    @Test
    void aReferenceIsInScopeOnlyForItsOwnAccountAndRegion() {
        assertEquals(true, SCOPE.holds(References.current().alarm(API)));
        assertEquals(true, SCOPE.holds(References.current().member(MemberKey.of(API, "9f2c07a4e1b35d68"))));
        assertEquals(false, SCOPE.holds(References.current().alarm(
                "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:api-errors")));
        assertEquals(false, SCOPE.holds(References.current().alarm(
                "arn:aws:cloudwatch:us-east-1:111122223333:alarm:api-errors")));
    }

    static String arn(String name) {
        return "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name;
    }

    static AlarmChange truth(String name, AlarmState state) {
        return AlarmChange.of(name, arn(name), state).account("210987654321").region("us-east-1")
                .reason("read from CloudWatch").at(SINCE).via(Envelope.CLOUDWATCH).build();
    }

    static AlarmChange contributor(AlarmChange alarm, String id) {
        return AlarmChange.of(alarm.name(), alarm.arn(), AlarmState.ALARM).account(alarm.accountId())
                .region(alarm.region()).reason("Threshold Crossed").at(SINCE).metrics(alarm.metrics())
                .via(Envelope.CLOUDWATCH).contributor(new AlarmChange.Contributor(id, Map.of("TableName",
                        "checkout-carts"))).build();
    }
}
