package dev.statuspagesync.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.HealthEvent;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * Health events reach the page through health rules alone: no alarm rule, no default route, and no environment's
 * default takes one; a health rule takes no alarm.
 */
class HealthRoutesTest {

    static final String DOCUMENT = """
            routes:
              - {name: everything, page_id: 7, components: [01ALL]}
            health:
              - name: tagged
                match: {category: scheduledChange, tags: {statuspage: checkout}}
                page_id: 7
                components: [01CHECKOUT]
              - name: orders-db
                match: {service: RDS, category: scheduledChange, resources: ["arn:aws:rds:*:db:orders-*"]}
                page_id: 7
                components: [01DB]
              - name: ec2-in-virginia
                match: {service: EC2, event_type_code: "AWS_EC2_*_ISSUE", region: us-east-1, account: "210987654321"}
                page_id: 7
                components: [01API]
                impact: partial_outage
                title: "{components}: AWS is investigating"
            default: {page_id: 7, components: [01DEFAULT]}
            """;

    private final Router router = new Router(StatusPageSettings.document(DOCUMENT));

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            RDS | AWS_RDS_MAINTENANCE_SCHEDULED | scheduledChange | us-east-1 | arn:aws:rds:us-east-1:210987654321:db:orders-primary | orders-db
            RDS | AWS_RDS_MAINTENANCE_SCHEDULED | scheduledChange | us-east-1 | arn:aws:rds:us-east-1:210987654321:db:ledger        | -
            RDS | AWS_RDS_OPERATIONAL_ISSUE     | issue           | us-east-1 | arn:aws:rds:us-east-1:210987654321:db:orders-primary | -
            EC2 | AWS_EC2_OPERATIONAL_ISSUE     | issue           | us-east-1 | -                                                    | ec2-in-virginia
            ec2 | AWS_EC2_API_ISSUE             | issue           | us-east-1 | -                                                    | ec2-in-virginia
            EC2 | AWS_EC2_OPERATIONAL_ISSUE     | issue           | eu-west-1 | -                                                    | -
            EC2 | AWS_EC2_INSTANCE_RETIREMENT   | issue           | us-east-1 | -                                                    | -
            """)
    void takesTheFirstHealthRuleThatMatchesAndNothingElse(String service, String code, String category,
            String region, String resource, String expected) {
        var route = router.routeFor(health(service, code, category, region, "210987654321", resource));

        assertEquals(Optional.ofNullable(expected), route.map(Route::name));
    }

    @Test
    void matchesAnAffectedEntityThatCarriesEveryTagOfTheRule() {
        AlarmChange tagged = withTags(Map.of("arn:aws:rds:us-east-1:210987654321:db:ledger",
                Map.of("statuspage", "checkout", "team", "payments")));
        AlarmChange otherValue = withTags(Map.of("arn:aws:rds:us-east-1:210987654321:db:ledger",
                Map.of("statuspage", "orders")));

        assertEquals("tagged", router.routeFor(tagged).orElseThrow().name());
        assertEquals(Optional.empty(), router.routeFor(otherValue));
    }

    @Test
    void refusesATagWithoutItsValue() {
        String error = refusal("""
                health:
                  - {match: {tags: {}}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);

        assertEquals("health rule 1: tags must name at least one tag and its value", error);
    }

    @Test
    void matchesTheAffectedAccount() {
        assertEquals(Optional.empty(), router.routeFor(health("EC2", "AWS_EC2_OPERATIONAL_ISSUE", "issue",
                "us-east-1", "321098765432", null)));
    }

    @Test
    void noHealthRuleTakesAnAlarm() {
        AlarmChange alarm = AlarmChange.of("orders-primary-cpu", "arn:aws:cloudwatch:us-east-1:210987654321:alarm:"
                + "orders-primary-cpu", AlarmState.ALARM).account("210987654321").region("us-east-1").build();

        assertEquals("everything", router.routeFor(alarm).orElseThrow().name());
    }

    @Test
    void aHealthEventIsOffThePageWithoutHealthRulesWhateverTheDefault() {
        Router alarmsOnly = new Router(StatusPageSettings.environment(7L, List.of("01A"), "degraded"));
        AlarmChange event = health("EC2", "AWS_EC2_OPERATIONAL_ISSUE", "issue", "us-east-1", "210987654321", null);

        assertEquals(Optional.empty(), alarmsOnly.routeFor(event));
        assertEquals("no health rule of the routing document matches AWS Health event AWS_EC2_OPERATIONAL_ISSUE:"
                + " AWS Health events reach the page only through health rules, and there are none",
                alarmsOnly.unrouted(event));
        assertEquals("no health rule of the routing document matches AWS Health event AWS_EC2_OPERATIONAL_ISSUE",
                router.unrouted(event));
    }

    @Test
    void aHealthRuleSetsItsImpactAndTitle() {
        Route route = router.routeFor(health("EC2", "AWS_EC2_OPERATIONAL_ISSUE", "issue", "us-east-1",
                "210987654321", null)).orElseThrow();

        assertEquals(List.of("01API"), route.componentIds());
        assertEquals("partial_outage", route.impactFor(AlarmState.ALARM).wire());
        assertEquals("{components}: AWS is investigating", route.wording().title());
    }

    @Test
    void refusesACategoryThePageIgnores() {
        String error = refusal("""
                health:
                  - {name: notes, match: {category: accountNotification}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);

        assertEquals("health rule 1 (notes): category 'accountNotification' is not issue or scheduledChange (the"
                + " page ignores accountNotification and investigation events)", error);
    }

    @Test
    void refusesAnEmptyResourceList() {
        String error = refusal("""
                health:
                  - {match: {resources: []}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);

        assertEquals("health rule 1: resources must list ARNs or globs of ARNs", error);
    }

    @Test
    void refusesARegionOrAccountNoEventCouldName() {
        String region = refusal("""
                health:
                  - {name: ec2, match: {region: us-east1}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);
        String account = refusal("""
                health:
                  - {match: {account: "2109876543"}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);
        Router global = new Router(StatusPageSettings.document("""
                health:
                  - {name: iam, match: {region: global}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """));

        assertEquals("health rule 1 (ec2): region 'us-east1' is no Region code (such as us-east-1) nor global",
                region);
        assertEquals("health rule 1: account '2109876543' is no account id of 12 digits", account);
        assertEquals("iam", global.routeFor(health("IAM", "AWS_IAM_OPERATIONAL_ISSUE", "issue", "global",
                "210987654321", null)).orElseThrow().name());
    }

    @Test
    void namesAMisspelledFieldAndWhatItsPlaceTakes() {
        String error = refusal("""
                health:
                  - {match: {catgory: issue}, page_id: 7, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);

        assertEquals("STATUSPAGE_ROUTES: unknown field \"catgory\" at health[0].match.catgory; use [account, category,"
                + " event_type_code, region, resources, service, tags]", error);
    }

    @Test
    void aHealthRuleNeedsItsPageAndComponents() {
        String error = refusal("""
                health:
                  - {name: ec2, match: {service: EC2}, components: [01A]}
                default: {page_id: 7, components: [01A]}
                """);

        assertEquals("health rule 1 (ec2): page_id is required", error);
    }

    @Test
    void thePagesAHealthRuleLeadsToAreThePagesRoutesLeadTo() {
        Router both = new Router(StatusPageSettings.document("""
                health:
                  - {match: {service: EC2}, page_id: 8, components: [01H]}
                default: {page_id: 7, components: [01A]}
                """));

        assertEquals(List.of(7L, 8L), both.pageIds());
        assertEquals(8, both.routeFor(health("EC2", "AWS_EC2_OPERATIONAL_ISSUE", "issue", "us-east-1",
                "210987654321", null)).orElseThrow().pageId());
        assertEquals(List.of("01H"), List.copyOf(both.componentsOn(8)));
    }

    /** The start-up refusal of a routing document, in its words. */
    private static String refusal(String document) {
        return assertThrows(RouteConfigException.class, () -> new Router(StatusPageSettings.document(document)))
                .getMessage();
    }

    static AlarmChange withTags(Map<String, Map<String, String>> tags) {
        AlarmChange change = health("RDS", "AWS_RDS_MAINTENANCE_SCHEDULED", "scheduledChange", "us-east-1",
                "210987654321", "arn:aws:rds:us-east-1:210987654321:db:ledger");
        HealthEvent event = change.health();
        return change.toBuilder().health(new HealthEvent(event.eventArn(), event.service(), event.typeCode(),
                event.category(), event.status(), event.start(), event.end(), event.resources(), tags)).build();
    }

    static AlarmChange health(String service, String code, String category, String region, String account,
            String resource) {
        String eventArn = "arn:aws:health:" + region + "::event/" + service + "/" + code + "/" + code + "_1";
        var event = new HealthEvent(eventArn, service, code, category, "open", Instant.parse("2026-12-01T09:41:00Z"),
                null, resource == null ? List.of() : List.of(resource));
        return AlarmChange.of(code, HealthEvent.key(eventArn, account), AlarmState.ALARM).account(account)
                .region(region).via(Envelope.HEALTH).health(event).build();
    }
}
