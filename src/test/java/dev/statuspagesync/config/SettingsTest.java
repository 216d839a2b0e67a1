package dev.statuspagesync.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.statuspagesync.routing.Router;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Every variable of the README's configuration table is checked at start-up: a bad value stops the start with a
 * message that names the variable, the value and what is accepted, before the configuration mappings, which would
 * name a property and a Java type, read it.
 */
class SettingsTest {

    /** A start that works: the default route to an internal page. */
    static final Map<String, String> GOOD = Map.of("STATUSPAGE_PAGE_ID", "5750613685214", "STATUSPAGE_COMPONENT_IDS",
            "01A", "STATUSPAGE_AUDIENCE", "internal");

    /** The documented variables that have no bad value, each with the reason. */
    static final Map<String, String> ANY_VALUE = Map.of(
            "FLASHDUTY_APP_KEY", "the key itself: Flashduty judges it, and no message may show it",
            "FLASHDUTY_APP_KEY_SECRET", "a secret's name or ARN, read at start: a read Secrets Manager refuses stops"
                    + " the start naming the secret, and the check never shows a key pasted here by mistake",
            "STATUSPAGE_REFERENCE_KEY_SECRET", "as FLASHDUTY_APP_KEY_SECRET: a secret's name or ARN, read at start");

    /** One bad value of every other documented variable, and the message that refuses it. */
    static final String BAD_VALUES = """
            FLASHDUTY_APP_KEY_SECRET_FIELD   | ''                          | FLASHDUTY_APP_KEY_SECRET_FIELD is ''; name the field of the secret's JSON that holds the key, such as app_key
            FLASHDUTY_APP_KEY_SECRET_VERSION | AWSCURRENT                  | FLASHDUTY_APP_KEY_SECRET_VERSION is 'AWSCURRENT'; give a version id of the secret, 32 to 64 characters (a stage such as AWSCURRENT is not a version id); unset, the current version is read
            FLASHDUTY_BASE_URL               | api.flashcat.cloud          | FLASHDUTY_BASE_URL is 'api.flashcat.cloud'; use an http or https URL such as https://api.flashcat.cloud
            STATUSPAGE_PAGE_ID               | abc                         | STATUSPAGE_PAGE_ID is 'abc'; use the status page's id, a whole number such as 5750613685214
            STATUSPAGE_COMPONENT_IDS         | 01A 01B                     | STATUSPAGE_COMPONENT_IDS names '01A 01B'; list component ids separated by commas
            STATUSPAGE_COMPONENT_NAMES       | Payments,Checkout           | STATUSPAGE_COMPONENT_NAMES is 'Payments,Checkout', 2 name(s) for 1 component id(s) in STATUSPAGE_COMPONENT_IDS; give one name per id, in the same order (a name with a comma needs the routing document's component_names)
            STATUSPAGE_AUDIENCE              | staff                       | STATUSPAGE_AUDIENCE is 'staff'; use public or internal
            STATUSPAGE_REFERENCE_KEY         | too-short-a-key             | STATUSPAGE_REFERENCE_KEY has 15 characters; it needs at least 32 (the template's generated key has 48)
            STATUSPAGE_IMPACT                | major_outage                | STATUSPAGE_IMPACT is 'major_outage'; use degraded, partial_outage or full_outage
            STATUSPAGE_NOTIFY_SUBSCRIBERS    | yes                         | STATUSPAGE_NOTIFY_SUBSCRIBERS is 'yes'; use true or false
            STATUSPAGE_INSUFFICIENT_DATA     | alarm                       | STATUSPAGE_INSUFFICIENT_DATA is 'alarm'; use ignore, degrade or resolve
            STATUSPAGE_JOIN_OPEN_INCIDENTS   | 1                           | STATUSPAGE_JOIN_OPEN_INCIDENTS is '1'; use true or false
            STATUSPAGE_ROUTES                | 'routes: [{pgae_id: 1}]'    | STATUSPAGE_ROUTES: unknown field "pgae_id" at routes[0].pgae_id; use [audience, components, display_name, impact, linked_changes, match, name, notify_subscribers, page_id, responders, templates, title]
            STATUSPAGE_EVENT_CHANNELS        | statuspage-events           | STATUSPAGE_EVENT_CHANNELS names 'statuspage-events'; list topic and queue ARNs (arn:aws:sns:... or arn:aws:sqs:...) separated by commas
            STATUSPAGE_RESOLVE_AFTER         | -5m                         | STATUSPAGE_RESOLVE_AFTER is '-5m'; a duration cannot be negative
            STATUSPAGE_MONITORING_UPDATE     | maybe                       | STATUSPAGE_MONITORING_UPDATE is 'maybe'; use true or false
            STATUSPAGE_DEFER_TO              | both                        | STATUSPAGE_DEFER_TO names 'both'; use people, maintenance or published, several separated by commas, or none
            STATUSPAGE_RECONCILE             | on                          | STATUSPAGE_RECONCILE is 'on'; use true or false
            STATUSPAGE_ALARM_SOURCES         | ops-alarms                  | STATUSPAGE_ALARM_SOURCES names 'ops-alarms'; list topic or function ARNs (arn:aws:sns:... or arn:aws:lambda:...) separated by commas
            STATUSPAGE_ALARM_NAME_PREFIXES   | payments-*                  | STATUSPAGE_ALARM_NAME_PREFIXES names 'payments-*'; list alarm-name prefixes of at most 255 characters without wildcards (payments-, not payments-*), separated by commas, or * alone for every alarm
            STATUSPAGE_OWN_ALARM_PREFIX      | statuspage-*                | STATUSPAGE_OWN_ALARM_PREFIX is 'statuspage-*'; give the name prefix of the stack's own alarms, at most 255 characters, without wildcards
            STATUSPAGE_OPT_IN_TAG            | =publish                    | STATUSPAGE_OPT_IN_TAG is '=publish'; give one tag as key=value or key
            STATUSPAGE_SCHEDULE_RULE         | bad rule/name               | STATUSPAGE_SCHEDULE_RULE is 'bad rule/name'; give the sweep's EventBridge rule name (letters, digits, '.', '-', '_', at most 64)
            STATUSPAGE_EVENT_COMPONENTS      | 01A 01B                     | STATUSPAGE_EVENT_COMPONENTS names '01A 01B'; list component ids separated by commas
            STATUSPAGE_EVENT_RESPONDERS      | 2476301,ops                 | STATUSPAGE_EVENT_RESPONDERS names 'ops'; list Flashduty member ids (whole numbers such as 2476301) separated by commas
            STATUSPAGE_EVENT_MAX_AGE         | banana                      | STATUSPAGE_EVENT_MAX_AGE is 'banana'; use a duration such as 5m, 90s, 30d or 0
            STATUSPAGE_ACCOUNTS              | 210987654321,21098765432a   | STATUSPAGE_ACCOUNTS names '21098765432a'; list account ids of 12 digits, separated by commas
            STATUSPAGE_HOME_ACCOUNT          | 21098765432                 | STATUSPAGE_HOME_ACCOUNT is '21098765432'; give the function's own account id, 12 digits
            AWS_ENDPOINT_URL_CLOUDWATCH      | localhost:4566              | AWS_ENDPOINT_URL_CLOUDWATCH is 'localhost:4566'; use an http or https URL such as https://monitoring.us-east-1.amazonaws.com
            STATUSPAGE_METRICS_ENABLED       | nope                        | STATUSPAGE_METRICS_ENABLED is 'nope'; use true or false
            STATUSPAGE_METRICS_NAMESPACE     | AWS/Lambda                  | STATUSPAGE_METRICS_NAMESPACE is 'AWS/Lambda'; use a namespace of your own: 1 to 255 ASCII characters, not starting with AWS/ or a colon
            FLASHDUTY_DRY_RUN                | ture                        | FLASHDUTY_DRY_RUN is 'ture'; use true or false
            FLASHDUTY_CALLS_PER_MINUTE       | 0                           | FLASHDUTY_CALLS_PER_MINUTE is '0'; use a whole number of calls a minute, 1 or more
            FLASHDUTY_CALLS_PER_SECOND       | 500                         | FLASHDUTY_CALLS_PER_SECOND is '500'; use a whole number of calls a second from 1 to 50
            FLASHDUTY_READ_CACHE_MS          | 5s                          | FLASHDUTY_READ_CACHE_MS is '5s'; use a whole number of milliseconds, 0 or more
            FLASHDUTY_RETRY_MAX_RETRIES      | -1                          | FLASHDUTY_RETRY_MAX_RETRIES is '-1'; use a whole number of retries, 0 or more
            FLASHDUTY_RETRY_INITIAL_DELAY_MS | 0.2s                        | FLASHDUTY_RETRY_INITIAL_DELAY_MS is '0.2s'; use a whole number of milliseconds, 0 or more
            FLASHDUTY_RETRY_CALL_TIMEOUT_MS  | 0                           | FLASHDUTY_RETRY_CALL_TIMEOUT_MS is '0'; use a whole number of milliseconds, 1 or more
            FLASHDUTY_RETRY_RESERVE_MS       | abc                         | FLASHDUTY_RETRY_RESERVE_MS is 'abc'; use a whole number of milliseconds, 0 or more
            FLASHDUTY_RETRY_DEFAULT_BUDGET_MS | x                          | FLASHDUTY_RETRY_DEFAULT_BUDGET_MS is 'x'; use a whole number of milliseconds, 1 or more
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = BAD_VALUES)
    void refusesABadValueOfEveryDocumentedVariableNamingTheVariableTheValueAndWhatIsAccepted(String variable,
            String value, String message) {
        var refused = assertThrows(RuntimeException.class, () -> start(with(variable, value)));

        assertEquals(message, refused.getMessage());
        assertTrue(refused.getMessage().startsWith(variable), "the message begins with the variable to fix");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            STATUSPAGE_PAGE_ID                | 0              | STATUSPAGE_PAGE_ID is '0'; use the status page's id, a whole number such as 5750613685214
            STATUSPAGE_IMPACT                 | ''             | STATUSPAGE_IMPACT is ''; use degraded, partial_outage or full_outage
            STATUSPAGE_DEFER_TO               | people,robots  | STATUSPAGE_DEFER_TO names 'robots'; use people, maintenance or published, several separated by commas, or none
            STATUSPAGE_DEFER_TO               | ''             | STATUSPAGE_DEFER_TO is ''; use people, maintenance or published, several separated by commas, or none
            STATUSPAGE_EVENT_MAX_AGE          | 0              | STATUSPAGE_EVENT_MAX_AGE is 0; a published event could then date nothing in the past: use a duration such as 30d
            STATUSPAGE_METRICS_NAMESPACE      | ':metrics'     | STATUSPAGE_METRICS_NAMESPACE is ':metrics'; use a namespace of your own: 1 to 255 ASCII characters, not starting with AWS/ or a colon
            FLASHDUTY_BASE_URL                | ftp://flashcat | FLASHDUTY_BASE_URL is 'ftp://flashcat'; use an http or https URL such as https://api.flashcat.cloud
            FLASHDUTY_CALLS_PER_SECOND        | 0              | FLASHDUTY_CALLS_PER_SECOND is '0'; use a whole number of calls a second from 1 to 50
            FLASHDUTY_CALLS_PER_MINUTE        | 3000000000     | FLASHDUTY_CALLS_PER_MINUTE is '3000000000'; use a whole number of calls a minute, 1 or more
            """)
    void refusesOtherBadValuesAsWell(String variable, String value, String message) {
        var refused = assertThrows(IllegalArgumentException.class, () -> start(with(variable, value)));

        assertEquals(message, refused.getMessage());
    }

    @Test
    void showsARefusedValueCutEscapedAndWithoutAnAppKey() {
        assertEquals("STATUSPAGE_IMPACT is 'degraded\\u000a\\u001b[31mALERT'; use degraded, partial_outage or"
                + " full_outage", refusal("STATUSPAGE_IMPACT", "degraded\n\u001b[31mALERT"));
        assertEquals("FLASHDUTY_BASE_URL is 'api.flashcat.cloud/?app_key=****'; use an http or https URL such as"
                + " https://api.flashcat.cloud", refusal("FLASHDUTY_BASE_URL", "api.flashcat.cloud/?app_key=s3cr3t"));
        assertEquals("STATUSPAGE_PAGE_ID is '" + "9".repeat(Settings.SHOWN_LENGTH) + "…'; use the status page's id, a"
                + " whole number such as 5750613685214", refusal("STATUSPAGE_PAGE_ID", "9".repeat(200)));
        assertEquals("FLASHDUTY_APP_KEY_SECRET_VERSION has 25 characters; give a version id of the secret, 32 to 64"
                + " characters (a stage such as AWSCURRENT is not a version id); unset, the current version is read",
                refusal("FLASHDUTY_APP_KEY_SECRET_VERSION", "k".repeat(25)));
    }

    private static String refusal(String variable, String value) {
        return assertThrows(IllegalArgumentException.class, () -> start(with(variable, value))).getMessage();
    }

    @Test
    void refusesAnAlarmNamePrefixLongerThanAnAlarmName() {
        String prefix = "p".repeat(256);

        var refused = assertThrows(IllegalArgumentException.class,
                () -> start(with("STATUSPAGE_ALARM_NAME_PREFIXES", "payments-," + prefix)));

        assertTrue(refused.getMessage().startsWith("STATUSPAGE_ALARM_NAME_PREFIXES names '"
                + prefix.substring(0, Settings.SHOWN_LENGTH) + "…'; list alarm-name prefixes of at most 255"
                + " characters"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "''", "' '", "','", "x", "a b", "true", "-1", "0", "99999999999999999999" })
    void startsOrNamesTheVariableWhateverItIsSetTo(String value) throws IOException {
        for (String variable : readmeVariables()) {
            try {
                start(with(variable, value));
            } catch (RuntimeException refused) {
                assertTrue(refused.getMessage().startsWith(variable), variable + "='" + value + "' is refused by "
                        + refused);
            }
        }
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(Arguments.of("STATUSPAGE_EVENT_CHANNELS",
                ",arn:aws:sns:us-east-1:210987654321:statuspage-events,arn:aws:sqs:eu-west-1:210987654321:events.fifo"),
                Arguments.of("STATUSPAGE_ALARM_SOURCES", "arn:aws:sns:us-east-1:210987654321:ops-alarms,"
                        + "arn:aws-cn:lambda:cn-north-1:210987654321:function:statuspage-sync:live"),
                Arguments.of("STATUSPAGE_ALARM_NAME_PREFIXES", "*"),
                Arguments.of("STATUSPAGE_PAGE_ID", " 5750613685214 "),
                Arguments.of("STATUSPAGE_INSUFFICIENT_DATA", "Degrade"),
                Arguments.of("STATUSPAGE_DEFER_TO", "people,maintenance,published"),
                Arguments.of("STATUSPAGE_HOME_ACCOUNT", ""),
                Arguments.of("FLASHDUTY_APP_KEY_SECRET_VERSION", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"),
                Arguments.of("FLASHDUTY_BASE_URL", "http://127.0.0.1:8080"),
                Arguments.of("AWS_ENDPOINT_URL_CLOUDWATCH", "http://localhost:4566"),
                Arguments.of("STATUSPAGE_METRICS_NAMESPACE", "Status page/sync"),
                Arguments.of("FLASHDUTY_READ_CACHE_MS", "0"),
                Arguments.of("STATUSPAGE_REFERENCE_KEY", "a-reference-key-of-32-characters"));
    }

    @ParameterizedTest
    @MethodSource("goodValues")
    void takesTheValuesTheFunctionCanUse(String variable, String value) {
        assertDoesNotThrow(() -> start(with(variable, value)));
    }

    @Test
    void takesAnyValueOfTheVariablesThatHaveNoBadOne() {
        for (String variable : ANY_VALUE.keySet()) {
            assertDoesNotThrow(() -> start(with(variable, "any value at all: ' \", =*")), variable);
        }
        assertDoesNotThrow(() -> start(GOOD));
    }

    @Test
    void decidesWhatABadValueIsForEveryVariableOfTheReadmesConfigurationTable() throws IOException {
        Set<String> rows = new TreeSet<>();
        BAD_VALUES.lines().map(line -> line.substring(0, line.indexOf('|')).strip()).forEach(rows::add);
        Set<String> decided = new TreeSet<>(rows);
        decided.addAll(ANY_VALUE.keySet());

        assertEquals(readmeVariables(), decided, "each variable has a bad value in BAD_VALUES or a reason in"
                + " ANY_VALUE");
        assertEquals(rows.size() + ANY_VALUE.size(), decided.size(), "no variable has both");
    }

    @Test
    void runsAsTheConfigurationIsRead() throws IOException {
        var registered = Files.readAllLines(Path.of("src/main/resources/META-INF/services/"
                + "io.smallrye.config.ConfigSourceFactory"));

        assertEquals(List.of(Settings.class.getName()), registered);
    }

    /** The variables of the README's configuration table, one or more in the first cell of each row. */
    static Set<String> readmeVariables() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## Configuration");
        Pattern variable = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
        Set<String> variables = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                Matcher found = variable.matcher(line.substring(0, line.indexOf(" | ")));
                while (found.find()) {
                    variables.add(found.group(1));
                }
            }
        }
        assertTrue(variables.size() > 30, "the README's configuration table is read: " + variables);
        return variables;
    }

    private static Map<String, String> with(String variable, String value) {
        Map<String, String> environment = new HashMap<>(GOOD);
        environment.put(variable, value);
        return environment;
    }

    /**
     * What the function checks as it starts, before the first event: its configuration read as Quarkus reads it
     * (the sources found through {@code META-INF/services}, then the mappings), then the routes.
     */
    private static void start(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredSources().withMapping(StatusPageConfig.class)
                .withMapping(FlashdutyConfig.class).withMapping(MetricsConfig.class)
                .withSources(new EnvConfigSource(environment, 300)).build();
        new Router(config.getConfigMapping(StatusPageConfig.class));
    }

    /** The settings of {@code environment} as the checks read them. */
    static UnaryOperator<String> settings(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300)).build();
        return property -> config.getConfigValue(property).getValue();
    }
}
