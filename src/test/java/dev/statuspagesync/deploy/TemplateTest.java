package dev.statuspagesync.deploy;

import static dev.statuspagesync.deploy.Template.branches;
import static dev.statuspagesync.deploy.Template.getAtt;
import static dev.statuspagesync.deploy.Template.intrinsic;
import static dev.statuspagesync.deploy.Template.list;
import static dev.statuspagesync.deploy.Template.map;
import static dev.statuspagesync.deploy.Template.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.MetricsConfig;
import dev.statuspagesync.invocation.StatusPageSync;
import dev.statuspagesync.metrics.Metrics;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.support.Fixtures;
import io.smallrye.config.WithDefault;

/** template.yaml deploys what the build produces, sets what the code reads, and wires every path. */
class TemplateTest {

    static final Template TEMPLATE = Template.load();
    /** Read by the runtime rather than by the function's configuration. */
    static final Set<String> PLATFORM_VARIABLES = Set.of("DISABLE_SIGNAL_HANDLERS", "JAVA_TOOL_OPTIONS");
    static final String JVM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final Map<String, Object> ALIAS = ref("Function.Alias");
    static final Map<String, Object> FAILURE_QUEUE = getAtt("FailureQueue", "Arn");

    @Test
    void setsOnlyEnvironmentVariablesThatAreConfigurationPropertiesOfTheFunction() {
        var properties = ConfigProperties.byEnvironmentVariable();
        Set<String> unknown = new TreeSet<>(variables().keySet());
        unknown.removeAll(properties.keySet());
        unknown.removeAll(PLATFORM_VARIABLES);

        assertEquals(Set.of(), unknown, "variables no property reads; properties: " + properties.keySet());
        assertTrue(properties.containsKey("FLASHDUTY_APP_KEY"), "the property names are found at all");
    }

    @Test
    void setsEveryRequiredPropertyAndADefaultRouteOrARoutingDocument() {
        var required = ConfigProperties.byEnvironmentVariable().values().stream()
                .filter(ConfigProperties.Property::required).map(ConfigProperties.Property::environmentVariable)
                .toList();

        assertEquals(List.of(), required, "the app key comes from FLASHDUTY_APP_KEY_SECRET or FLASHDUTY_APP_KEY");
        assertTrue(variables().containsKey("FLASHDUTY_APP_KEY_SECRET"));
        assertTrue(variables().keySet().containsAll(List.of("STATUSPAGE_PAGE_ID", "STATUSPAGE_COMPONENT_IDS",
                "STATUSPAGE_ROUTES")));
    }

    @Test
    void passesWhereTheKeysAreNeverTheKeysAndLetsTheFunctionReadThoseSecretsOnly() {
        assertEquals(ref("AppKeySecret"), variables().get("FLASHDUTY_APP_KEY_SECRET"));
        assertEquals(ref("AppKeySecretField"), variables().get("FLASHDUTY_APP_KEY_SECRET_FIELD"));
        assertEquals(List.of(ref("AppKeySecretVersionId"), ref("AWS::NoValue")),
                ifBranches(variables().get("FLASHDUTY_APP_KEY_SECRET_VERSION"), "HasSecretVersion"));
        assertFalse(variables().containsKey("FLASHDUTY_APP_KEY"), "no key in the function's configuration");
        assertFalse(variables().containsKey("STATUSPAGE_REFERENCE_KEY"), "nor the reference key");
        assertFalse(String.valueOf(variables()).contains("{{resolve:"), "no dynamic reference resolves a secret"
                + " into the configuration");
        var reads = roleStatements().stream().filter(statement -> "secretsmanager:GetSecretValue"
                .equals(statement.get("Action"))).toList();
        assertEquals(1, reads.size());
        var resources = list(reads.get(0).get("Resource"));
        assertEquals(List.of(ref("AppKeySecret"), Map.of("Fn::Sub", "arn:${AWS::Partition}:secretsmanager:"
                + "${AWS::Region}:${AWS::AccountId}:secret:${AppKeySecret}-??????")),
                ifBranches(resources.get(0), "AppKeySecretIsArn"));
        assertEquals(ref("ReferenceKey"), ifBranches(resources.get(1), "CreateReferenceKey").get(0));
        assertFalse(TEMPLATE.parameter("AppKeySecret").containsKey("Default"), "the secret's name has no default");
        TEMPLATE.parameters().forEach((name, parameter) -> {
            boolean secretLike = name.matches("(?i).*(password|token|apikey|appkey)$");
            assertFalse(secretLike, name + " looks like a secret passed as a parameter");
            if (Boolean.TRUE.equals(map(parameter).get("NoEcho"))) {
                assertFalse(map(parameter).containsKey("Default"), name + " is NoEcho but has a default");
            }
        });
    }

    @Test
    void deploysTheBuildsFunctionZipOnTheRuntimeAndHandlerOfEachBuild() throws Exception {
        var function = TEMPLATE.properties("Function");

        assertEquals("AWS::Serverless::Function", TEMPLATE.resource("Function").get("Type"));
        assertEquals("target/function.zip", function.get("CodeUri"));
        assertEquals(List.of("provided.al2023", ref("JavaRuntime")),
                ifBranches(function.get("Runtime"), "IsCustomRuntime"));
        assertEquals(List.of("bootstrap", JVM_HANDLER), ifBranches(function.get("Handler"), "IsCustomRuntime"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "IsNative"),
                Map.of("Fn::Equals", List.of(ref("Build"), "jvm-aot")))), TEMPLATE.conditions().get("IsCustomRuntime"));
        assertEquals(List.of("native", "jvm", "jvm-aot"), TEMPLATE.parameter("Build").get("AllowedValues"));
        assertEquals(List.of(ref("AWS::NoValue"), "--add-opens=java.base/java.lang=ALL-UNNAMED"), ifBranches(
                map(map(function.get("Environment")).get("Variables")).get("JAVA_TOOL_OPTIONS"), "IsCustomRuntime"),
                "the jvm-aot bootstrap sets its own options, which its cache was trained with");
        assertEquals(List.of("java25", "java21"), TEMPLATE.parameter("JavaRuntime").get("AllowedValues"));
        int release = compilerRelease();
        for (Object runtime : list(TEMPLATE.parameter("JavaRuntime").get("AllowedValues"))) {
            int version = Integer.parseInt(String.valueOf(runtime).substring("java".length()));
            assertTrue(version >= release, runtime + " runs classes compiled for Java " + release);
        }
        String[] handler = JVM_HANDLER.split("::");
        Class<?> handlerClass = Class.forName(handler[0]);
        assertTrue(RequestStreamHandler.class.isAssignableFrom(handlerClass));
        handlerClass.getMethod(handler[1], InputStream.class, OutputStream.class, Context.class);
        assertEquals("native", TEMPLATE.parameter("Build").get("Default"), "native by default");
    }

    @Test
    void offersSnapStartForTheJvmBuildOnlyOnPublishedVersions() {
        var function = TEMPLATE.properties("Function");

        assertEquals("live", function.get("AutoPublishAlias"), "SnapStart applies to published versions");
        assertEquals(List.of(Map.of("ApplyOn", "PublishedVersions"), ref("AWS::NoValue")),
                ifBranches(function.get("SnapStart"), "UseSnapStart"));
        assertEquals(List.of(Map.of("Fn::Equals", List.of(ref("Build"), "jvm")),
                Map.of("Fn::Equals", List.of(ref("SnapStart"), "true"))),
                map(TEMPLATE.conditions().get("UseSnapStart")).get("Fn::And"));
        var refused = map(TEMPLATE.rules().get("SnapStartNeedsTheManagedRuntime"));
        assertEquals(Map.of("Fn::Equals", List.of(ref("SnapStart"), "true")), refused.get("RuleCondition"));
        assertEquals(Map.of("Fn::Equals", List.of(ref("Build"), "jvm")),
                map(list(refused.get("Assertions")).get(0)).get("Assert"),
                "SnapStart with native or jvm-aot is refused");
    }

    @Test
    void subscribesTheFunctionOrItsBufferToTheAlarmTopic() {
        var topic = Map.of("Fn::If", List.of("CreateTopic", ref("AlarmTopic"), ref("ExistingTopicArn")));
        var direct = TEMPLATE.properties("TopicSubscription");
        var buffered = TEMPLATE.properties("TopicToBuffer");

        assertEquals("DirectDelivery", TEMPLATE.resource("TopicSubscription").get("Condition"));
        assertEquals(topic, direct.get("TopicArn"));
        assertEquals("lambda", direct.get("Protocol"));
        assertEquals(ALIAS, direct.get("Endpoint"));
        assertPermission("TopicInvokePermission", "sns.amazonaws.com", "DirectDelivery");
        assertEquals(topic, TEMPLATE.properties("TopicInvokePermission").get("SourceArn"));
        assertEquals("UseBuffer", TEMPLATE.resource("TopicToBuffer").get("Condition"));
        assertEquals(topic, buffered.get("TopicArn"));
        assertEquals("sqs", buffered.get("Protocol"));
        assertEquals(getAtt("BufferQueue", "Arn"), buffered.get("Endpoint"));
        assertEquals("CreateTopic", TEMPLATE.resource("AlarmTopic").get("Condition"));
    }

    @Test
    void routesAlarmStateChangesFromEventBridgeWithAnOptionalNamePrefix() {
        var rule = TEMPLATE.properties("AlarmStateRule");
        var pattern = map(rule.get("EventPattern"));
        var target = map(list(rule.get("Targets")).get(0));

        assertEquals("UseEventBridge", TEMPLATE.resource("AlarmStateRule").get("Condition"));
        assertEquals(List.of("aws.cloudwatch"), pattern.get("source"));
        assertEquals(List.of("CloudWatch Alarm State Change", "CloudWatch Alarm Contributor State Change",
                "CloudWatch Alarm Configuration Change"), pattern.get("detail-type"));
        assertEquals(List.of(Map.of("alarmName", List.of(Map.of("prefix", ref("AlarmNamePrefix")))),
                ref("AWS::NoValue")), ifBranches(pattern.get("detail"), "HasPrefix"));
        assertEquals(List.of(getAtt("BufferQueue", "Arn"), ALIAS), ifBranches(target.get("Arn"), "UseBuffer"));
        assertPermission("RuleInvokePermission", "events.amazonaws.com", "DirectEventBridge");
        assertEquals(getAtt("AlarmStateRule", "Arn"), TEMPLATE.properties("RuleInvokePermission").get("SourceArn"));
    }

    @Test
    void routesAwsHealthIssuesAndScheduledChangesOnlyWhenAsked() {
        var rule = TEMPLATE.properties("HealthRule");
        var pattern = map(rule.get("EventPattern"));
        var target = map(list(rule.get("Targets")).get(0));

        assertEquals("UseHealth", TEMPLATE.resource("HealthRule").get("Condition"));
        assertEquals("false", map(TEMPLATE.parameters().get("HealthEvents")).get("Default"),
                "the default deployment changes nothing");
        assertEquals(List.of("aws.health"), pattern.get("source"));
        assertEquals(List.of("AWS Health Event"), pattern.get("detail-type"));
        assertEquals(Map.of("eventTypeCategory", List.of("issue", "scheduledChange")), pattern.get("detail"));
        assertEquals(ALIAS, target.get("Arn"), "the function itself, also with a buffer: it takes Health events from"
                + " this invocation alone");
        assertEquals(Map.of("Arn", getAtt("FailureQueue", "Arn")), target.get("DeadLetterConfig"));
        assertPermission("HealthRuleInvokePermission", "events.amazonaws.com", "UseHealth");
        assertEquals(getAtt("HealthRule", "Arn"), TEMPLATE.properties("HealthRuleInvokePermission").get("SourceArn"));
        assertFalse(TEMPLATE.properties("BufferQueuePolicy").toString().contains("HealthRule"),
                "no Health event goes through the buffer");
    }

    @Test
    void sweepsEveryMinuteWhenThereIsAQuietPeriodOrItReconciles() {
        var sweep = map(map(TEMPLATE.properties("Function").get("Events")).get("Sweep"));
        var schedule = map(sweep.get("Properties"));

        assertEquals("Schedule", sweep.get("Type"));
        assertEquals("rate(1 minute)", schedule.get("Schedule"));
        assertEquals(List.of("ENABLED", "DISABLED"), ifBranches(schedule.get("State"), "Sweeps"));
        // The function knows its schedule by the rule's name: only that rule's events sweep.
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-sweep"), schedule.get("Name"));
        assertEquals(schedule.get("Name"), variables().get("STATUSPAGE_SCHEDULE_RULE"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "HasQuietPeriod"), Map.of("Condition",
                "Reconciles"))), TEMPLATE.conditions().get("Sweeps"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(ref("ResolveAfter"), "0")))),
                TEMPLATE.conditions().get("HasQuietPeriod"));
        assertEquals(Map.of("Fn::Equals", List.of(ref("Reconcile"), "true")), TEMPLATE.conditions().get("Reconciles"));
    }

    @Test
    void reconcilesByDefaultAndMayReadOnlyAlarmsOfItsOwnRegion() {
        assertEquals(ref("Reconcile"), variables().get("STATUSPAGE_RECONCILE"));
        assertEquals("true", map(TEMPLATE.parameters().get("Reconcile")).get("Default"));
        var reads = roleStatements().stream()
                .filter(statement -> String.valueOf(statement.get("Action")).contains("cloudwatch:")).toList();

        assertEquals(List.of(Map.of("Effect", "Allow", "Action", List.of("cloudwatch:DescribeAlarms",
                "cloudwatch:ListAlarmMuteRules"), "Resource", "*", "Condition", Map.of("StringEquals",
                        Map.of("aws:RequestedRegion", ref("AWS::Region")))), Map.of("Effect", "Allow", "Action",
                List.of("cloudwatch:DescribeAlarmContributors", "cloudwatch:ListTagsForResource"), "Resource",
                Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*")),
                Map.of("Effect", "Allow", "Action", "cloudwatch:GetAlarmMuteRule", "Resource", Map.of("Fn::Sub",
                        "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm-mute-rule:*"))),
                reads);
    }

    @Test
    void passesTheCalmPageSettingsWithDefaultsTheFunctionAccepts() {
        var resolveAfter = map(TEMPLATE.parameters().get("ResolveAfter"));
        Pattern allowed = Pattern.compile(String.valueOf(resolveAfter.get("AllowedPattern")));

        assertEquals(ref("ResolveAfter"), variables().get("STATUSPAGE_RESOLVE_AFTER"));
        assertEquals(ref("MonitoringUpdate"), variables().get("STATUSPAGE_MONITORING_UPDATE"));
        assertEquals(ref("DeferTo"), variables().get("STATUSPAGE_DEFER_TO"));
        assertEquals("5m", resolveAfter.get("Default"));
        for (String accepted : List.of("0", "5m", "90s", "1h")) {
            assertTrue(allowed.matcher(accepted).matches(), accepted);
            CalmPage.duration("STATUSPAGE_RESOLVE_AFTER", accepted);
        }
        for (String refused : List.of("-5m", "5 m", "00", "5d", "")) {
            assertFalse(allowed.matcher(refused).matches(), refused);
        }
        assertEquals("false", map(TEMPLATE.parameters().get("MonitoringUpdate")).get("Default"));
        for (Object words : list(map(TEMPLATE.parameters().get("DeferTo")).get("AllowedValues"))) {
            CalmPage.deference(List.of(String.valueOf(words).split(",")));
        }
    }

    @Test
    void alarmsOnItsOwnFailuresAndTellsTheOperatorsWhatToDo() throws Exception {
        var actions = Map.of("Fn::If", List.of("NotifyOps", List.of(Map.of("Fn::If", List.of("HasOpsTopic",
                ref("OpsTopicArn"), ref("OpsTopic")))), ref("AWS::NoValue")));
        var function = List.of(Map.of("Name", "FunctionName", "Value", ref("Function")));
        Map<String, List<Object>> alarms = Map.of(
                "FailureQueueAlarm", List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible",
                        List.of(Map.of("Name", "QueueName", "Value", getAtt("FailureQueue", "QueueName")))),
                "BufferDeadLetterAlarm", List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible",
                        List.of(Map.of("Name", "QueueName", "Value", getAtt("BufferDeadLetterQueue", "QueueName")))),
                "FunctionErrorsAlarm", List.of("AWS/Lambda", "Errors", function),
                "FunctionThrottlesAlarm", List.of("AWS/Lambda", "Throttles", function),
                "RejectedChangesAlarm", List.of(ref("MetricsNamespace"), "Rejected", function));

        alarms.forEach((name, metric) -> {
            var alarm = TEMPLATE.properties(name);
            assertEquals(metric, List.of(alarm.get("Namespace"), alarm.get("MetricName"), alarm.get("Dimensions")),
                    name);
            assertEquals(List.of(0, "GreaterThanThreshold", "notBreaching"), List.of(alarm.get("Threshold"),
                    alarm.get("ComparisonOperator"), alarm.get("TreatMissingData")), name);
            assertEquals(actions, alarm.get("AlarmActions"), name);
            assertEquals(actions, alarm.get("OKActions"), name);
            assertTrue(String.valueOf(alarm.get("AlarmDescription")).contains("README"), name + " says what to do");
        });
        assertEquals("UseBuffer", TEMPLATE.resource("BufferDeadLetterAlarm").get("Condition"));
        assertEquals("CreateOpsTopic", TEMPLATE.resource("OpsTopic").get("Condition"));
        assertEquals(List.of(Map.of("Protocol", "email", "Endpoint", ref("OpsEmail"))),
                TEMPLATE.properties("OpsTopic").get("Subscription"));
        assertEquals("Rejected", StatusPageSync.outcomeMetric(Outcome.Kind.REJECTED), "the metric the code counts");
        assertEquals(MetricsConfig.class.getMethod("namespace").getAnnotation(WithDefault.class).value(),
                map(TEMPLATE.parameters().get("MetricsNamespace")).get("Default"));
        assertEquals(ref("MetricsNamespace"), variables().get("STATUSPAGE_METRICS_NAMESPACE"));
        assertFalse(TEMPLATE.resources().values().stream().map(Template::map)
                .filter(resource -> "AWS::CloudWatch::Alarm".equals(resource.get("Type"))).map(String::valueOf)
                .anyMatch(alarm -> alarm.contains("ChangesReceived")), "quiet days are not failures");
    }

    @Test
    void offersADashboardOfTheMetricsTheFunctionWrites() throws Exception {
        var dashboard = TEMPLATE.properties("OperationsDashboard");
        String body = String.valueOf(map(dashboard.get("DashboardBody")).get("Fn::Sub"))
                .replace("${MetricsNamespace}", "StatusPageSync").replace("${Function}", "fn")
                .replace("${AWS::Region}", "eu-west-1").replace("${FailureQueue.QueueName}", "failures");
        Set<String> written = new TreeSet<>();
        for (Field constant : Metrics.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                written.add((String) constant.get(null));
            }
        }
        Arrays.stream(Outcome.Kind.values()).map(StatusPageSync::outcomeMetric).forEach(written::add);

        Set<String> shown = new TreeSet<>();
        for (JsonNode widget : Fixtures.json(body).path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.get(0).asText().equals("StatusPageSync")) {
                    shown.add(metric.get(1).asText());
                }
            }
        }
        assertEquals("CreateDashboard", TEMPLATE.resource("OperationsDashboard").get("Condition"));
        assertEquals("false", map(TEMPLATE.parameters().get("Dashboard")).get("Default"));
        assertTrue(shown.size() > 10, "the dashboard shows the function's metrics: " + shown);
        assertEquals(Set.of(), shown.stream().filter(name -> !written.contains(name))
                .collect(Collectors.toSet()), "every metric on the dashboard is one the code writes");
    }

    @Test
    void takesAlarmsFromEveryAccountOfAnOrganization() {
        var statements = list(map(TEMPLATE.properties("AlarmTopicPolicy").get("PolicyDocument")).get("Statement"))
                .stream().map(Template::map).toList();
        var rule = TEMPLATE.properties("OrganizationAlarmRule");
        var busPolicy = TEMPLATE.properties("OrganizationBusPolicy");
        Pattern organization = Pattern.compile(String.valueOf(map(TEMPLATE.parameters().get("OrganizationId"))
                .get("AllowedPattern")));

        var organizationAlarms = map(ifBranches(statements.get(2), "HasOrganization").get(0));

        assertEquals("CreateTopic", TEMPLATE.resource("AlarmTopicPolicy").get("Condition"));
        // This account and CloudWatch acting for the Organization's alarms; never the Organization's principals,
        // who would write alarms (and so the page) by hand.
        assertEquals(Arrays.asList(null, Map.of("StringEquals", Map.of("aws:SourceAccount", ref("AWS::AccountId"))),
                Map.of("StringEquals", Map.of("aws:SourceOrgID", ref("OrganizationId"))),
                Map.of("Bool", Map.of("aws:SecureTransport", "false"))),
                List.of(statements.get(0), statements.get(1), organizationAlarms, statements.get(3)).stream()
                        .map(statement -> statement.get("Condition")).toList());
        // No "AWS": "*": in this account only principals whose IAM policies allow sns:Publish may publish.
        assertEquals(Map.of("AWS", Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:root")),
                statements.get(0).get("Principal"));
        assertEquals(Map.of("Service", "cloudwatch.amazonaws.com"), statements.get(1).get("Principal"));
        assertEquals(Map.of("Service", "cloudwatch.amazonaws.com"), organizationAlarms.get("Principal"));
        assertEquals("sns:Publish", organizationAlarms.get("Action"));
        assertTrue(List.of(statements.get(0), statements.get(1), statements.get(3)).stream()
                .allMatch(statement -> "sns:Publish".equals(statement.get("Action"))));
        assertEquals(Map.of("StringEquals", Map.of("aws:PrincipalOrgID", ref("OrganizationId"))),
                map(busPolicy.get("Statement")).get("Condition"));
        assertEquals("events:PutEvents", map(busPolicy.get("Statement")).get("Action"));
        assertEquals(ref("OrganizationBus"), rule.get("EventBusName"));
        assertEquals(TEMPLATE.properties("AlarmStateRule").get("EventPattern"), rule.get("EventPattern"),
                "the same changes as the account's own rule");
        assertEquals(TEMPLATE.properties("AlarmStateRule").get("Targets"), rule.get("Targets"),
                "to the same function or buffer, with the same retries and failure queue");
        assertPermission("OrganizationRuleInvokePermission", "events.amazonaws.com", "DirectOrganization");
        assertEquals(getAtt("OrganizationAlarmRule", "Arn"),
                TEMPLATE.properties("OrganizationRuleInvokePermission").get("SourceArn"));
        for (String queuePolicy : List.of("BufferQueuePolicy", "FailureQueuePolicy")) {
            assertTrue(String.valueOf(TEMPLATE.properties(queuePolicy)).contains(
                    String.valueOf(getAtt("OrganizationAlarmRule", "Arn"))), queuePolicy + " lets the rule in");
        }
        for (String name : List.of("OrganizationBus", "OrganizationBusPolicy", "OrganizationAlarmRule")) {
            assertEquals("HasOrganization", TEMPLATE.resource(name).get("Condition"), name);
        }
        assertTrue(organization.matcher("o-a1b2c3d4e5").matches() && organization.matcher("").matches());
        assertFalse(organization.matcher("a1b2c3d4e5").matches());
        assertTrue(TEMPLATE.outputs().containsKey("OrganizationEventBusArn"));
    }

    @Test
    void deploysAPublicPageUnlessTheOperatorChoosesInternal() {
        var audience = map(TEMPLATE.parameters().get("Audience"));

        assertEquals("public", audience.get("Default"));
        assertEquals(List.of("public", "internal"), audience.get("AllowedValues"));
        assertEquals(ref("Audience"), variables().get("STATUSPAGE_AUDIENCE"));
    }

    @Test
    void keepsAGeneratedReferenceKeyInASecretItNeverDeletesOrReadsTheNamedOne() {
        var secret = TEMPLATE.resource("ReferenceKey");
        var generate = map(TEMPLATE.properties("ReferenceKey").get("GenerateSecretString"));

        assertEquals("CreateReferenceKey", secret.get("Condition"));
        assertEquals("Retain", secret.get("DeletionPolicy"));
        assertEquals("Retain", secret.get("UpdateReplacePolicy"));
        assertEquals("key", generate.get("GenerateStringKey"));
        assertEquals(48, generate.get("PasswordLength"));
        assertEquals(List.of(ref("ReferenceKey"), ref("ReferenceKeySecret")),
                ifBranches(variables().get("STATUSPAGE_REFERENCE_KEY_SECRET"), "CreateReferenceKey"));
        assertEquals("", map(TEMPLATE.parameters().get("ReferenceKeySecret")).get("Default"));
        assertEquals(List.of(ref("ReferenceKey"), ref("ReferenceKeySecret")),
                ifBranches(map(TEMPLATE.outputs().get("ReferenceKeySecretArn")).get("Value"), "CreateReferenceKey"));
    }

    @Test
    void tellsTheFunctionItsOwnAccountSoThatCloudWatchConfirmsItsAlarms() {
        assertEquals(ref("AWS::AccountId"), variables().get("STATUSPAGE_HOME_ACCOUNT"));
    }

    @Test
    void letsTheSweepOpenOnlyWhatTheTopicOrTheRuleDeliversAndNeverTheStacksOwnAlarms() {
        assertEquals(List.of(ref("AlarmTopic"), ref("ExistingTopicArn")),
                ifBranches(variables().get("STATUSPAGE_ALARM_SOURCES"), "CreateTopic"));
        List<Object> prefixes = ifBranches(variables().get("STATUSPAGE_ALARM_NAME_PREFIXES"), "UseEventBridge");
        assertEquals(List.of(ref("AlarmNamePrefix"), "*"), ifBranches(prefixes.get(0), "HasPrefix"));
        assertEquals(ref("AWS::NoValue"), prefixes.get(1));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-"), variables().get("STATUSPAGE_OWN_ALARM_PREFIX"));
    }

    @Test
    void acceptsPublishedEventsOnlyOnTheirOwnTopicFromTheNamedPublishers() {
        var statements = list(map(TEMPLATE.properties("EventTopicPolicy").get("PolicyDocument")).get("Statement"));
        var statement = map(statements.get(0));
        var others = map(statements.get(1));

        assertEquals("HasEventPublishers", TEMPLATE.resource("EventTopic").get("Condition"));
        assertEquals(Map.of("AWS", ref("EventPublishers")), statement.get("Principal"));
        assertEquals("sns:Publish", statement.get("Action"));
        assertEquals(ref("EventTopic"), statement.get("Resource"));
        assertEquals("Deny", others.get("Effect"), "no other principal, whatever its own policy allows");
        assertEquals(Map.of("ArnNotLike", Map.of("aws:PrincipalArn", ref("EventPublishers"))),
                others.get("Condition"));
        assertEquals("sns:Publish", others.get("Action"));
        assertEquals(Map.of("Fn::Join", List.of(",", List.of(Map.of("Fn::If", List.of("HasEventPublishers",
                ref("EventTopic"), "")), ref("EventChannels")))), variables().get("STATUSPAGE_EVENT_CHANNELS"),
                "the events topic, and the alarm topic only where the operator lists it");
        assertEquals("", map(TEMPLATE.parameters().get("EventChannels")).get("Default"));
        assertEquals(Map.of("deadLetterTargetArn", FAILURE_QUEUE),
                TEMPLATE.properties("EventTopicSubscription").get("RedrivePolicy"));
        assertPermission("EventTopicInvokePermission", "sns.amazonaws.com", "HasEventPublishers");
    }

    @Test
    void deniesEveryRequestWithoutTlsOnItsTopicsAndQueues() {
        var tlsOnly = Map.of("Bool", Map.of("aws:SecureTransport", "false"));
        Map<String, Object> guarded = new LinkedHashMap<>();
        guarded.put("AlarmTopicPolicy", ref("AlarmTopic"));
        guarded.put("EventTopicPolicy", ref("EventTopic"));
        guarded.put("BufferQueuePolicy", getAtt("BufferQueue", "Arn"));
        guarded.put("BufferDeadLetterQueuePolicy", getAtt("BufferDeadLetterQueue", "Arn"));
        guarded.put("FailureQueuePolicy", FAILURE_QUEUE);

        guarded.forEach((policy, resource) -> {
            var statements = list(map(TEMPLATE.properties(policy).get("PolicyDocument")).get("Statement")).stream()
                    .filter(statement -> !map(statement).containsKey("Fn::If")).map(Template::map).toList();
            var deny = statements.stream().filter(statement -> "TlsOnly".equals(statement.get("Sid"))).findFirst()
                    .orElseThrow(() -> new AssertionError(policy + " has no TlsOnly statement"));
            assertEquals("Deny", deny.get("Effect"), policy);
            assertEquals("*", deny.get("Principal"), policy);
            assertEquals(resource, deny.get("Resource"), policy);
            assertEquals(tlsOnly, deny.get("Condition"), policy);
            assertEquals(policy.contains("Queue") ? "sqs:*" : "sns:Publish", deny.get("Action"), policy);
        });
        Set<String> queues = new HashSet<>();
        TEMPLATE.resources().forEach((name, resource) -> {
            if ("AWS::SQS::Queue".equals(map(resource).get("Type"))) {
                queues.add(name);
            }
        });
        assertEquals(Set.of("BufferQueue", "BufferDeadLetterQueue", "FailureQueue"), queues,
                "every queue of the stack has its TLS-only policy above");
    }

    @Test
    void encryptsTopicsQueuesAndLogsWithTheOperatorsKeyWhenOneIsGiven() {
        var key = List.of(ref("KmsKeyArn"), ref("AWS::NoValue"));
        Pattern arn = Pattern.compile(String.valueOf(map(TEMPLATE.parameters().get("KmsKeyArn")).get("AllowedPattern")));

        assertEquals("", map(TEMPLATE.parameters().get("KmsKeyArn")).get("Default"));
        for (String topic : List.of("AlarmTopic", "EventTopic")) {
            assertEquals(key, ifBranches(TEMPLATE.properties(topic).get("KmsMasterKeyId"), "HasKmsKey"), topic);
        }
        for (String queue : List.of("BufferQueue", "BufferDeadLetterQueue", "FailureQueue")) {
            assertEquals(key, ifBranches(TEMPLATE.properties(queue).get("KmsMasterKeyId"), "HasKmsKey"), queue);
            assertEquals(List.of(ref("AWS::NoValue"), true),
                    ifBranches(TEMPLATE.properties(queue).get("SqsManagedSseEnabled"), "HasKmsKey"), queue);
        }
        assertEquals(key, ifBranches(TEMPLATE.properties("FunctionLogGroup").get("KmsKeyId"), "HasKmsKey"));
        assertTrue(roleStatements().contains(Map.of("Effect", "Allow", "Action", List.of("kms:Decrypt",
                "kms:GenerateDataKey"), "Resource", ref("KmsKeyArn"))), "the function may use the key, and no other");
        assertTrue(arn.matcher("arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .matches() && arn.matcher("").matches());
        assertFalse(arn.matcher("alias/aws/sns").matches(), "a key ARN, which the log group needs");
    }

    @Test
    void admitsDeliveriesOfThisAccountsTopicsOnly() {
        var permission = TEMPLATE.properties("TopicInvokePermission");
        var fromTheTopic = list(map(TEMPLATE.properties("BufferQueuePolicy").get("PolicyDocument")).get("Statement"))
                .stream().map(Template::map).filter(statement -> "FromTheTopic".equals(statement.get("Sid")))
                .findFirst().orElseThrow();

        assertEquals(ref("AWS::AccountId"), permission.get("SourceAccount"));
        assertEquals(ref("AWS::AccountId"), map(map(fromTheTopic.get("Condition")).get("StringEquals"))
                .get("aws:SourceAccount"));
    }

    @Test
    void letsOnlyAlarmsOfThisAccountInvokeTheFunctionDirectly() {
        var permission = TEMPLATE.properties("AlarmActionPermission");

        assertPermission("AlarmActionPermission", "lambda.alarms.cloudwatch.amazonaws.com", null);
        assertEquals(ref("AWS::AccountId"), permission.get("SourceAccount"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"),
                permission.get("SourceArn"));
    }

    @Test
    void readsTheBufferInBatchesAndReportsFailedItemsOnly() {
        var mapping = TEMPLATE.properties("BufferEventSource");

        assertEquals("UseBuffer", TEMPLATE.resource("BufferEventSource").get("Condition"));
        assertEquals(getAtt("BufferQueue", "Arn"), mapping.get("EventSourceArn"));
        assertEquals(ALIAS, mapping.get("FunctionName"));
        assertEquals(100, mapping.get("BatchSize"));
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"),
                "the function answers with batchItemFailures");
        assertEquals(Map.of("deadLetterTargetArn", getAtt("BufferDeadLetterQueue", "Arn"), "maxReceiveCount", 5),
                TEMPLATE.properties("BufferQueue").get("RedrivePolicy"));
        assertEquals(ref("BufferVisibilityTimeout"), TEMPLATE.properties("BufferQueue").get("VisibilityTimeout"));
        assertTrue(TEMPLATE.defaultNumber("BufferVisibilityTimeout") >= 6 * TEMPLATE.defaultNumber("Timeout"),
                "AWS advises a visibility timeout of six times the function's timeout");
    }

    @Test
    void sendsEveryFailedDeliveryAndInvocationToTheFailureQueue() {
        var invokeConfig = map(TEMPLATE.properties("Function").get("EventInvokeConfig"));
        var onFailure = map(map(invokeConfig.get("DestinationConfig")).get("OnFailure"));

        assertEquals(Map.of("Type", "SQS", "Destination", FAILURE_QUEUE), onFailure);
        assertEquals(2, invokeConfig.get("MaximumRetryAttempts"));
        for (String subscription : List.of("TopicSubscription", "TopicToBuffer")) {
            assertEquals(Map.of("deadLetterTargetArn", FAILURE_QUEUE),
                    TEMPLATE.properties(subscription).get("RedrivePolicy"), subscription);
        }
        var target = map(list(TEMPLATE.properties("AlarmStateRule").get("Targets")).get(0));
        assertEquals(Map.of("Arn", FAILURE_QUEUE), target.get("DeadLetterConfig"));
        Set<Object> senders = new HashSet<>();
        Template.walk(TEMPLATE.properties("FailureQueuePolicy"), node -> {
            if (node instanceof Map<?, ?> statement && "Allow".equals(statement.get("Effect"))) {
                senders.add(map(statement.get("Principal")).get("Service"));
            }
        });
        assertEquals(Set.of("sns.amazonaws.com", "events.amazonaws.com"), senders);
        assertTrue(roleStatements().stream().anyMatch(statement -> "sqs:SendMessage".equals(statement.get("Action"))
                && FAILURE_QUEUE.equals(statement.get("Resource"))), "the function may send to its destination");
    }

    @Test
    void letsOnlyItsSendersAndTheFunctionsRoleWriteToTheFailureQueueItReplays() {
        var deny = list(map(TEMPLATE.properties("FailureQueuePolicy").get("PolicyDocument")).get("Statement")).stream()
                .map(Template::map).filter(statement -> "OnlyTheseSenders".equals(statement.get("Sid"))).findFirst()
                .orElseThrow();
        var condition = map(deny.get("Condition"));

        assertEquals("Deny", deny.get("Effect"));
        assertEquals("sqs:SendMessage", deny.get("Action"));
        assertEquals(Map.of("aws:PrincipalArn", getAtt("FunctionRole", "Arn")), condition.get("ArnNotLike"));
        assertEquals(List.of(Map.of("Fn::If", List.of("CreateTopic", ref("AlarmTopic"), ref("ExistingTopicArn"))),
                Map.of("Fn::If", List.of("HasEventPublishers", ref("EventTopic"), ref("AWS::NoValue"))),
                Map.of("Fn::If", List.of("UseEventBridge", getAtt("AlarmStateRule", "Arn"), ref("AWS::NoValue"))),
                Map.of("Fn::If", List.of("HasOrganization", getAtt("OrganizationAlarmRule", "Arn"),
                        ref("AWS::NoValue"))),
                Map.of("Fn::If", List.of("UseHealth", getAtt("HealthRule", "Arn"), ref("AWS::NoValue")))),
                map(condition.get("ArnNotEquals")).get("aws:SourceArn"),
                "every sender the policy allows, and no other");
    }

    @Test
    void passesThePublishedEventPolicyAndTheAccountAllowList() {
        assertEquals(List.of(ref("EventComponents"), ref("AWS::NoValue")),
                ifBranches(variables().get("STATUSPAGE_EVENT_COMPONENTS"), "HasEventComponents"));
        assertEquals(List.of(ref("EventResponders"), ref("AWS::NoValue")),
                ifBranches(variables().get("STATUSPAGE_EVENT_RESPONDERS"), "HasEventResponders"));
        assertEquals(ref("EventMaxAge"), variables().get("STATUSPAGE_EVENT_MAX_AGE"));
        assertEquals("30d", map(TEMPLATE.parameters().get("EventMaxAge")).get("Default"));
        assertEquals(List.of(ref("AllowedAccounts"), ref("AWS::NoValue")),
                ifBranches(variables().get("STATUSPAGE_ACCOUNTS"), "HasAllowedAccounts"));
        Pattern accounts = Pattern.compile(String.valueOf(map(TEMPLATE.parameters().get("AllowedAccounts"))
                .get("AllowedPattern")));
        assertTrue(accounts.matcher("210987654321,111122223333").matches() && accounts.matcher("").matches());
        assertFalse(accounts.matcher("21098765432").matches());
    }

    @Test
    void keepsReservedConcurrencyTimesEachSharesWithinFlashdutysAccountLimits() {
        var function = TEMPLATE.properties("Function");
        long concurrency = TEMPLATE.defaultNumber("ReservedConcurrency");

        assertEquals(ref("ReservedConcurrency"), function.get("ReservedConcurrentExecutions"));
        assertEquals(ref("CallsPerSecond"), variables().get("FLASHDUTY_CALLS_PER_SECOND"));
        assertEquals(ref("CallsPerMinute"), variables().get("FLASHDUTY_CALLS_PER_MINUTE"));
        assertTrue(concurrency * TEMPLATE.defaultNumber("CallsPerSecond") <= 50, "50 calls a second per account");
        assertTrue(concurrency * TEMPLATE.defaultNumber("CallsPerMinute") <= 1000, "1,000 calls a minute per account");
        assertEquals(List.of(Map.of("MaximumConcurrency", ref("ReservedConcurrency")), ref("AWS::NoValue")),
                ifBranches(TEMPLATE.properties("BufferEventSource").get("ScalingConfig"), "ScaleBuffer"));
    }

    @Test
    void writesLogsToItsOwnGroupWithRetention() {
        var logging = map(TEMPLATE.properties("Function").get("LoggingConfig"));

        assertEquals(ref("FunctionLogGroup"), logging.get("LogGroup"));
        assertEquals("JSON", logging.get("LogFormat"), "the function prints JSON lines (quarkus-logging-json)");
        assertEquals(ref("LogLevel"), logging.get("ApplicationLogLevel"));
        assertEquals("WARN", logging.get("SystemLogLevel"));
        assertEquals(List.of("INFO", "DEBUG"), map(TEMPLATE.parameters().get("LogLevel")).get("AllowedValues"),
                "Lambda keeps a line without a level, the metrics line, only at INFO or below");
        assertEquals(ref("LogRetentionDays"), TEMPLATE.properties("FunctionLogGroup").get("RetentionInDays"));
    }

    @Test
    void grantsTheFunctionRoleNamedActionsOnNamedResourcesOnly() {
        assertEquals(getAtt("FunctionRole", "Arn"), TEMPLATE.properties("Function").get("Role"));
        for (Map<String, Object> statement : roleStatements()) {
            List<Object> actions = statement.get("Action") instanceof List<?> many ? new ArrayList<>(many)
                    : List.of(statement.get("Action"));
            assertTrue(actions.stream().noneMatch(action -> String.valueOf(action).contains("*")), "" + statement);
            // Reading alarms: DescribeAlarms sees composite alarms only on "*", and the account's mute rules are a
            // list; every other grant names its resource.
            boolean readsAlarms = actions.stream().allMatch(action -> String.valueOf(action).startsWith("cloudwatch:"));
            assertFalse(!readsAlarms && String.valueOf(statement.get("Resource")).contains("*"), "" + statement);
        }
        assertEquals(8, roleStatements().size(), "logs, the two secrets, failure queue, buffer, alarm reads, the KMS"
                + " key, and nothing else");
    }

    @Test
    void refersOnlyToParametersResourcesAndConditionsItDefines() {
        Set<String> names = new HashSet<>(TEMPLATE.parameters().keySet());
        names.addAll(TEMPLATE.resources().keySet());
        names.addAll(List.of("AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::NoValue",
                "Function.Alias"));
        Set<String> conditions = TEMPLATE.conditions().keySet();
        Set<String> missing = new TreeSet<>();
        Template.walk(TEMPLATE.root(), node -> intrinsic(node).ifPresent(call -> {
            switch (call.getKey()) {
                case "Ref" -> check(names, String.valueOf(call.getValue()), missing);
                case "Fn::GetAtt" -> check(names, String.valueOf(list(call.getValue()).get(0)), missing);
                case "Condition" -> check(conditions, String.valueOf(call.getValue()), missing);
                case "Fn::If" -> check(conditions, String.valueOf(list(call.getValue()).get(0)), missing);
                case "Fn::Sub" -> {
                    Matcher variable = Pattern.compile("\\$\\{([^}!]+)}").matcher(String.valueOf(call.getValue()));
                    while (variable.find()) {
                        // ${Resource.Attribute} is a GetAtt
                        String name = variable.group(1);
                        check(names, name.contains(".") && !names.contains(name)
                                ? name.substring(0, name.indexOf('.')) : name, missing);
                    }
                }
                default -> {
                }
            }
        }));
        TEMPLATE.resources().values().forEach(resource -> {
            Object condition = map(resource).get("Condition");
            if (condition != null) {
                check(conditions, String.valueOf(condition), missing);
            }
        });

        assertEquals(Set.of(), missing);
    }

    @Test
    void outputsWhatAUserNeedsNext() {
        assertTrue(TEMPLATE.outputs().keySet().containsAll(List.of("FunctionName", "AlarmActionArn", "AlarmTopicArn",
                "FailureQueueUrl", "BufferQueueUrl", "BufferDeadLetterQueueUrl", "EventRuleName", "LogGroupName")));
    }

    @Test
    void passesCfnLintWhereItIsInstalled() throws Exception {
        var linter = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "cfn-lint")).filter(Files::isExecutable).findFirst();
        assumeTrue(linter.isPresent(), "cfn-lint is not on PATH; the README says where the template was linted");

        Process lint = new ProcessBuilder(linter.get().toString(), Template.FILE.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");

        assertEquals("", output.strip());
        assertEquals(0, lint.exitValue());
    }

    private static void check(Set<String> defined, String name, Set<String> missing) {
        if (!defined.contains(name)) {
            missing.add(name);
        }
    }

    /** The two branches of an {@code Fn::If} on {@code condition}. */
    private static List<Object> ifBranches(Object node, String condition) {
        List<Object> arguments = list(map(node).get("Fn::If"));
        assertEquals(condition, arguments.get(0));
        return arguments.subList(1, 3);
    }

    private static void assertPermission(String resource, String principal, String condition) {
        var permission = TEMPLATE.properties(resource);
        assertEquals(ALIAS, permission.get("FunctionName"), resource);
        assertEquals("lambda:InvokeFunction", permission.get("Action"), resource);
        assertEquals(principal, permission.get("Principal"), resource);
        assertEquals(condition, TEMPLATE.resource(resource).get("Condition"), resource);
    }

    private static Map<String, Object> variables() {
        return map(map(TEMPLATE.properties("Function").get("Environment")).get("Variables"));
    }

    /** Every statement of the function role's policies, the conditional ones included. */
    private static List<Map<String, Object>> roleStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(TEMPLATE.properties("FunctionRole").get("Policies"))) {
            for (Object branch : branches(policy)) {
                if (intrinsic(branch).isEmpty()) {
                    list(map(map(branch).get("PolicyDocument")).get("Statement"))
                            .forEach(statement -> statements.add(map(statement)));
                }
            }
        }
        return statements;
    }

    private static int compilerRelease() throws Exception {
        Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(release.find(), "pom.xml sets maven.compiler.release");
        return Integer.parseInt(release.group(1));
    }
}
