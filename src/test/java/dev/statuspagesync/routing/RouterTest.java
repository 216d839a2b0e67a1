package dev.statuspagesync.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.alarm.MetricSummary;
import dev.statuspagesync.flashduty.ComponentStatus;
import dev.statuspagesync.support.LogCapture;
import dev.statuspagesync.support.StatusPageSettings;

/** Routes come from the environment or a routing document; both are validated at start-up. */
class RouterTest {

    static final String DOCUMENT = """
            routes:
              - name: payments
                match:
                  alarm_name: {prefix: "payments-"}
                page_id: 11
                components: [01PAYMENTS]
                impact: {ALARM: full_outage, INSUFFICIENT_DATA: degraded}
                title: "Payments: {alarm_name}"
                notify_subscribers: false
              - name: latency in Europe
                match:
                  alarm_name: "*-latency*"
                  region: eu-west-1
                page_id: 12
                components: [01LATENCY]
              - name: search team
                match:
                  tags: {team: search}
                page_id: 13
                components: [01SEARCH]
              - name: databases
                match:
                  alarm_name: {regex: "db-[0-9]+-.*"}
                  namespace: AWS/RDS
                  account: "111122223333"
                page_id: 14
                components: [01DB]
                impact: partial_outage
            default:
              page_id: 10
              components: [01EVERYTHING]
            """;

    @ParameterizedTest(name = "{0} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            payments-api-errors    | us-east-1 | AWS/ApiGateway | ''          | payments
            api-p99-latency-high   | eu-west-1 | AWS/ApiGateway | ''          | latency in Europe
            api-p99-latency-high   | us-east-1 | AWS/ApiGateway | ''          | default
            search-errors          | us-east-1 | Search         | team=search | search team
            search-errors          | us-east-1 | Search         | team=other  | default
            db-12-free-storage     | us-east-1 | AWS/RDS        | ''          | databases
            db-12-free-storage     | us-east-1 | AWS/EC2        | ''          | default
            payments-db-12-latency | eu-west-1 | AWS/RDS        | ''          | payments
            """)
    void routesByTheFirstMatchingRuleElseTheDefault(String name, String region, String namespace, String tag,
            String route) {
        Map<String, String> tags = tag.isEmpty() ? Map.of() : Map.of(tag.split("=")[0], tag.split("=")[1]);

        Route chosen = new Router(StatusPageSettings.document(DOCUMENT)).routeFor(alarm(name, region, namespace, tags)).orElseThrow();

        assertEquals(route, chosen.name());
    }

    @Test
    void compilesEveryFieldOfARule() {
        Route payments = new Router(StatusPageSettings.document(DOCUMENT))
                .routeFor(alarm("payments-api-errors", "us-east-1", "AWS/ApiGateway", Map.of())).orElseThrow();

        assertEquals(new Route("payments", 11L, List.of("01PAYMENTS"), Map.of(AlarmState.ALARM,
                ComponentStatus.FULL_OUTAGE, AlarmState.INSUFFICIENT_DATA, ComponentStatus.DEGRADED),
                Wording.internal("Payments: {alarm_name}"), false), payments);
        assertEquals(ComponentStatus.DEGRADED, payments.impactFor(AlarmState.INSUFFICIENT_DATA));
    }

    @Test
    void givesARouteItsRespondersAndLinkedChanges() {
        String routes = """
                routes:
                  - {name: checkout, page_id: 5, components: [01A], responders: [2476301, 2476302, 2476301],
                     linked_changes: [CHG-1042]}
                """;

        Route route = new Router(StatusPageSettings.document(routes)).routeFor(alarm("x", "us-east-1", "N", Map.of())).orElseThrow();

        assertEquals(List.of(2476301L, 2476302L), route.responders(), "each responder once");
        assertEquals(List.of("CHG-1042"), route.linkedChanges());
    }

    @Test
    void readsTheSameDocumentWrittenInJson() {
        String json = """
                {"routes": [{"name": "all", "page_id": 5, "components": ["01A"], "impact": "partial_outage"}]}""";

        Route route = new Router(StatusPageSettings.document(json)).routeFor(alarm("x", "us-east-1", "N", Map.of())).orElseThrow();

        assertEquals(new Route("all", 5L, List.of("01A"), Map.of(AlarmState.ALARM, ComponentStatus.PARTIAL_OUTAGE),
                Wording.internal(Wording.INTERNAL_TITLE), true), route);
    }

    @Test
    void leavesAlarmUnroutedWhenNoRuleMatchesAndThereIsNoDefault() {
        String routes = "routes: [{name: only-payments, match: {alarm_name: 'payments-*'}, page_id: 1, components: [01A]}]";

        assertEquals(Optional.empty(), new Router(StatusPageSettings.document(routes))
                .routeFor(alarm("search-errors", "us-east-1", "N", Map.of())));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "routes: [{name: a, components: [01A]}]"                                          | route 1 (a): page_id is required
            "routes: [{page_id: 1, components: []}]"                                          | route 1: components must list at least one component id
            "routes: [{page_id: 1, components: [01A, 01A]}]"                                  | route 1: components lists a component id twice: [01A, 01A]
            "routes: [{name: a, page_id: 1, components: [01A]}, {name: b, page_id: 1, components: [01B], impact: major_outage}]" | route 2 (b): impact 'major_outage' is not degraded, partial_outage or full_outage
            "routes: [{page_id: 1, components: [01A], impact: {OK: degraded}}]"               | route 1: impact names state 'OK'; use ALARM or INSUFFICIENT_DATA
            "routes: [{page_id: 1, components: [01A], impact: {INSUFFICIENT_DATA: degraded}}]" | route 1: impact must name ALARM
            "routes: [{page_id: 1, components: [01A], match: {alarm_name: {regex: 'a('}}}]"  | route 1: alarm_name regex 'a(' is invalid: Unclosed group
            "routes: [{page_id: 1, components: [01A], match: {alarm_name: {suffix: x}}}]"     | route 1: alarm_name matcher 'suffix' is not exact, prefix, glob or regex
            "routes: [{page_id: 1, components: [01A], title: '{alarm} down'}]"                | route 1 (internal audience): template title uses unknown placeholder(s) [alarm]; use [components, impact, route, time] or [alarm_name, state, region, account, namespace, description, reason, metric]
            "routes: [{page_id: 1, components: [01A], audience: public, title: '{alarm_name} down'}]" | route 1 (public audience): template title uses [alarm_name], the alarm's own fields, which a public page never shows
            "routes: [{page_id: 1, components: [01A], audience: public, templates: {opening: 'In {region}: {reason}'}}]" | route 1 (public audience): template opening uses [region, reason], the alarm's own fields
            "routes: [{page_id: 1, components: [01A], audience: public, templates: {resolution: ' '}}]" | route 1 (public audience): template resolution is empty
            "routes: [{page_id: 1, components: [01A], audience: staff}]"                      | route 1: audience is 'staff'; use public or internal
            "routes: [{page_id: 1, components: [01A], title: a, templates: {title: b}}]"     | route 1: title is given twice, as title and as templates.title
            "routes: [{page_id: 1, components: [01A], audience: public}, {page_id: 1, components: [01B]}]" | page 1 gets routes for both the public and the internal audience
            "{component_names: {01A: ''}, routes: [{page_id: 1, components: [01A]}]}"        | component_names: every component id needs a display name
            "routes: [{page_id: 1, components: [01A], templates: {resolution: 'Fixed.'}}, {page_id: 1, components: [01B]}]" | page 1 gets routes [route 1, route 2] with different recovery or resolution templates
            "routes: [{page_id: 1, components: [01A], display_name: A, templates: {resolution: '{route} is fine.'}}, {page_id: 1, components: [01B], display_name: B, templates: {resolution: '{route} is fine.'}}]" | page 1 gets routes [route 1, route 2] with different recovery or resolution templates (or display_name
            "routes: [{page_id: 1, components: [01A], templates: {recovery: '{alarm_name} recovered'}}]" | route 1 (internal audience): template recovery uses [alarm_name]: the sweep words the recovery by page
            "routes: [{page_id: 1, components: [01A], pgae_id: 2}]"                           | STATUSPAGE_ROUTES: unknown field "pgae_id" at routes[0].pgae_id; use [audience, components, display_name, impact, linked_changes, match, name, notify_subscribers, page_id, responders, templates, title]
            "routes: [{page_id: one, components: [01A]}]"                                     | STATUSPAGE_ROUTES: Cannot deserialize value of type `java.lang.Long` from String "one": not a valid `java.lang.Long` value at routes[0].page_id
            "routes: [ {page_id"                                                               | STATUSPAGE_ROUTES: while parsing a flow mapping at routes[0]
            "routes: [{page_id: 1, components: [01A], responders: [0]}]"                      | route 1: responders must be Flashduty member ids (positive integers), was [0]
            "routes: [{page_id: 1, components: [01A], linked_changes: ['']}]"                 | route 1: linked_changes must not hold an empty id
            """)
    void refusesBrokenDocumentNamingTheRule(String routes, String message) {
        var error = assertThrows(RouteConfigException.class, () -> new Router(StatusPageSettings.document(routes)));

        assertEquals(message, error.getMessage().startsWith(message) ? message : error.getMessage());
    }

    @Test
    void refusesTwoDefaultRoutes() {
        var config = StatusPageSettings.environment(7L, List.of("01A"), "degraded")
                .withRoutes("default: {page_id: 1, components: [01A]}");

        var error = assertThrows(RouteConfigException.class, () -> new Router(config));

        assertEquals("STATUSPAGE_ROUTES has a default route and STATUSPAGE_PAGE_ID or STATUSPAGE_COMPONENT_IDS is set"
                + " too; keep one of them", error.getMessage());
    }

    @Test
    void buildsDefaultRouteFromEnvironment() {
        Route route = Router.defaultRoute(StatusPageSettings.environment(7L, List.of(" 01A ", "01B"), "full_outage"),
                Wording.internal(Wording.INTERNAL_TITLE));

        assertEquals(new Route("default", 7L, List.of("01A", "01B"), Map.of(AlarmState.ALARM,
                ComponentStatus.FULL_OUTAGE), Wording.internal(Wording.INTERNAL_TITLE), true), route);
    }

    @Test
    void refusesMissingPageId() {
        var error = assertThrows(RouteConfigException.class, () -> new Router(
                StatusPageSettings.environment(null, List.of("01A"), "degraded")));

        assertEquals("STATUSPAGE_PAGE_ID (statuspage.page-id) is not set", error.getMessage());
    }

    @Test
    void refusesMissingComponents() {
        var error = assertThrows(RouteConfigException.class, () -> new Router(
                StatusPageSettings.environment(7L, null, "degraded")));

        assertEquals("STATUSPAGE_COMPONENT_IDS (statuspage.component-ids) must list at least one component id",
                error.getMessage());
    }

    @Test
    void refusesDuplicateComponent() {
        var error = assertThrows(RouteConfigException.class, () -> new Router(
                StatusPageSettings.environment(7L, List.of("01A", "01A"), "degraded")));

        assertEquals("STATUSPAGE_COMPONENT_IDS lists a component id twice: [01A, 01A]", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "operational", "under_maintenance", "major_outage", "DEGRADED", "" })
    void refusesImpactThatIsNotAnOutage(String impact) {
        var error = assertThrows(RouteConfigException.class, () -> new Router(
                StatusPageSettings.environment(7L, List.of("01A"), impact)));

        assertEquals("STATUSPAGE_IMPACT is '" + impact + "'; use degraded, partial_outage or full_outage",
                error.getMessage());
    }

    @Test
    void refusesComponentNamesWithoutTheComponentIdsTheyName() {
        var error = assertThrows(RouteConfigException.class, () -> new Router(StatusPageSettings
                .document("routes: [{page_id: 1, components: [01A]}]").forAudience("public", List.of("Checkout"))));

        assertEquals("STATUSPAGE_COMPONENT_NAMES names the components of STATUSPAGE_COMPONENT_IDS, which is not set;"
                + " name components in the routing document's component_names", error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "api-*, api-errors, true", "api-*, web-errors, false", "*-errors, api-errors, true",
            "a?i-*, api-x, true", "a?i-*, ai-x, false", "*, '', true", "'', '', true", "'', x, false",
            "*a*b, xaxb, true", "*a*b, xaxbx, false", "**, x, true", "a*b*c, abc, true", "a*b*c, acb, false",
            "名*, 名前, true", "?, 名, true" })
    void globsMatchAsTheirStarsAndQuestionMarksSay(String glob, String name, boolean matches) {
        assertEquals(matches, Router.glob(glob).test(name));
    }

    @Test
    void aGlobAgainstALongNameMatchesInLinearTime() {
        var glob = Router.glob("*a*a*a*a*a*a*b");

        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> glob.test("a".repeat(100_000)));

        assertEquals(false, matched, "a backtracking matcher takes 34 s for 100 characters");
    }

    @Test
    void refusesAPublicPageWithoutAReferenceKey() {
        var error = assertThrows(RouteConfigException.class, () -> new Router(StatusPageSettings
                .environment(7L, List.of("01A"), "degraded").forAudience("public", null).withoutReferenceKey()));

        assertEquals("STATUSPAGE_REFERENCE_KEY_SECRET (or STATUSPAGE_REFERENCE_KEY) is not set, and page(s) [7] are"
                + " public: their incidents name alarms by references made with this key (the template creates one; elsewhere set a secret of at least"
                + " 32 characters)", error.getMessage());
        new Router(StatusPageSettings.environment(7L, List.of("01A"), "degraded").withoutReferenceKey());
    }

    @Test
    void namesTheDefaultRoutesComponentsOverTheDocumentsNames() {
        Route route = new Router(StatusPageSettings.environment(7L, List.of("01A", "01B"), "degraded")
                .withRoutes("component_names: {01B: Orders, 01C: Search}").forAudience("public",
                        List.of("Checkout", "Orders database")))
                .routeFor(alarm("any", "us-east-1", "N", Map.of())).orElseThrow();

        assertEquals(Map.of("01A", "Checkout", "01B", "Orders database", "01C", "Search"),
                route.wording().componentNames());
    }

    @Test
    void saysAtStartUpWhichAudienceEachPageGets() {
        try (LogCapture log = LogCapture.start()) {
            new Router(StatusPageSettings.environment(7L, List.of("01A"), "degraded")
                    .withRoutes("routes: [{name: staff, page_id: 9, components: [01B], audience: internal}]")
                    .forAudience("public", null));

            assertTrue(log.lines().containsAll(List.of(
                    Router.class.getName() + ": page 9: internal audience, routes [staff]",
                    Router.class.getName() + ": page 7: public audience, routes [default]")), log.lines().toString());
        }
    }

    @Test
    void acceptsTheReadmesRoutingDocumentAsWritten() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n", readme.indexOf("### Routing rules")) + "```yaml\n".length();
        String document = readme.substring(start, readme.indexOf("```", start));

        Router router = new Router(StatusPageSettings.document(document).forAudience("public", null));

        assertEquals(List.of(5750613685214L, 5750613689999L), router.pageIds());
        Route payments = router.routeFor(alarm("payments-5xx", "us-east-1", "AWS/ApiGateway", Map.of())).orElseThrow();
        assertEquals(new Wording(Audience.PUBLIC, "{route}: {impact}", "Some card payments fail ({impact})."
                + " We are investigating.", Wording.PUBLIC_IMPACT, Wording.PUBLIC_RECOVERY, Wording.PUBLIC_RESOLUTION,
                "Card payments", Map.of("01KC3GAZ6ZJE40H55GM31RPWZE", "Payments", "01KC3GB1M2N3P4Q5R6S7T8V9WX",
                        "Checkout API")), payments.wording());
        assertEquals(Audience.INTERNAL, router.wordingFor(5750613689999L).audience());
    }

    static AlarmChange alarm(String name, String region, String namespace, Map<String, String> tags) {
        return AlarmChange.of(name, "arn:aws:cloudwatch:" + region + ":111122223333:alarm:" + name, AlarmState.ALARM)
                .account("111122223333").region(region).previous(AlarmState.OK).reason("r").at(Instant.EPOCH)
                .metrics(new MetricSummary(namespace, List.of("M"), Map.of())).tags(tags).via(Envelope.EVENTBRIDGE)
                .build();
    }
}
