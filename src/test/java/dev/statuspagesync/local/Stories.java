package dev.statuspagesync.local;

import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.local.LocalRun.Step;
import dev.statuspagesync.local.LocalRun.Story;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The local run's bundled stories. Each tells its steps from the settings the function runs with, so that a
 * caller's own quiet period, joining, deference or reconciliation changes the words as it changes the answers.
 */
final class Stories {

    static final String EVENTS_DIR = "src/test/resources/events/";
    static final String STORIES_DIR = "src/test/resources/stories/";
    /** The day every story's changes happen on. */
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    /** The aws-health story's routing document: the demo page for alarms, and two health rules. */
    static final String HEALTH_ROUTES = """
            component_names: {01LOCALDEMOAPI000000000000: Public API, 01LOCALDEMODATABASE0000000: Database}
            default: {page_id: 1001, components: [01LOCALDEMOAPI000000000000, 01LOCALDEMODATABASE0000000]}
            health:
              - {name: aws ec2, match: {service: EC2, category: issue}, page_id: 1001,
                 components: [01LOCALDEMOAPI000000000000]}
              - name: orders database
                match: {service: RDS, category: scheduledChange, resources: ["arn:aws:rds:*:db:orders-*"]}
                page_id: 1001
                components: [01LOCALDEMODATABASE0000000]
            """;

    /** The stories by name, each with the settings it needs unless the caller sets them. */
    static final Map<String, Story> ALL = Map.of(
            "incident", new Story(Stories::incident, Map.of()),
            "flapping", new Story(Stories::flapping, Map.of("STATUSPAGE_RESOLVE_AFTER", "5m")),
            // The story's event is dated 2026-03-14, as the other stories' changes are.
            "maintenance", new Story(Stories::maintenance, Map.of(
                    "STATUSPAGE_DEFER_TO", "people,maintenance,published", "STATUSPAGE_EVENT_MAX_AGE", "3650d")),
            "lost", new Story(Stories::lost, Map.of("STATUSPAGE_RECONCILE", "true")),
            "aws-health", new Story(Stories::awsHealth, Map.of("STATUSPAGE_ROUTES", HEALTH_ROUTES)));

    /** Where the aws-health story writes its scheduled changes, dated from the day it runs. */
    static final Path HEALTH_DIR = Path.of("target", "local-run", "aws-health");
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss 'GMT'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Stories() {
    }

    /** What a story's words depend on, read from the function's settings with the function's defaults. */
    record Told(Duration quietPeriod, boolean monitoringUpdate, boolean joins, String deferTo, boolean reconciles) {

        static Told from(Map<String, String> settings) {
            Duration quiet;
            try {
                quiet = CalmPage.duration("STATUSPAGE_RESOLVE_AFTER",
                        settings.getOrDefault("STATUSPAGE_RESOLVE_AFTER", "0"));
            } catch (IllegalArgumentException unusable) {
                quiet = Duration.ZERO; // the function refuses it at start-up, and the run says so
            }
            return new Told(quiet, on(settings, "STATUSPAGE_MONITORING_UPDATE", false),
                    on(settings, "STATUSPAGE_JOIN_OPEN_INCIDENTS", true),
                    settings.getOrDefault("STATUSPAGE_DEFER_TO", "people,maintenance").strip(),
                    on(settings, "STATUSPAGE_RECONCILE", false));
        }

        boolean quiet() {
            return quietPeriod.isPositive();
        }

        String period() {
            return "the quiet period of " + humanised(quietPeriod);
        }

        /** A last recovery in a story that runs no sweep after it. */
        String recordedQuietly() {
            return "recorded silently; " + period() + " starts, after which a sweep would resolve the incident (this"
                    + " story runs none).";
        }

        /** When the quiet period after a recovery at {@code recovery} (on the stories' day) ends. */
        LocalDateTime dueAfter(LocalTime recovery) {
            return DAY.atTime(recovery).plus(quietPeriod);
        }

        boolean defersToPublished() {
            return List.of(deferTo.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("published");
        }

        private static boolean on(Map<String, String> settings, String name, boolean byDefault) {
            String value = settings.get(name);
            return value == null ? byDefault : value.strip().equalsIgnoreCase("true");
        }
    }

    /** Two alarms' lives on one page. */
    static List<Step> incident(Told told) {
        String first = "The first alarm recovers: ";
        String second = "The second alarm recovers, delivered by EventBridge: ";
        String settles = told.quiet() ? told.recordedQuietly() : "the incident is resolved and the page is green.";
        return List.of(
                Step.expecting(EVENTS_DIR + "sns-single-metric-alarm.json", "created", "CloudWatch alarm"
                        + " checkout-api-high-cpu fires (OK -> ALARM), delivered by SNS: an incident opens."),
                Step.expecting(EVENTS_DIR + "sns-single-metric-alarm.json", "ignored",
                        "SNS delivers the same change again, as at-least-once delivery may: nothing changes."),
                told.joins()
                        ? Step.expecting(EVENTS_DIR + "sns-metric-math-alarm.json", "updated", "A second alarm,"
                                + " orders-5xx-error-rate, fires on the same components: it joins the open incident"
                                + " without notifying subscribers again.")
                        : Step.expecting(EVENTS_DIR + "sns-metric-math-alarm.json", "created", "A second alarm,"
                                + " orders-5xx-error-rate, fires on the same components: joining is off"
                                + " (STATUSPAGE_JOIN_OPEN_INCIDENTS=false), so it opens an incident of its own."),
                told.joins()
                        ? Step.expecting(EVENTS_DIR + "sns-single-metric-ok.json", "updated",
                                first + "the incident stays open, the second alarm still fires.")
                        : Step.expecting(EVENTS_DIR + "sns-single-metric-ok.json", told.quiet() ? "updated"
                                : "resolved", first + (told.quiet() ? "its own incident's quiet period starts."
                                        : "its own incident is resolved.")),
                Step.expecting(EVENTS_DIR + "eventbridge-metric-math-ok.json", told.quiet() ? "updated" : "resolved",
                        second + settles));
    }

    /** A flapping alarm: with a quiet period one incident and two updates subscribers hear of. */
    static List<Step> flapping(Told told) {
        String dir = STORIES_DIR + "flapping/";
        if (!told.quiet()) {
            return List.of(
                    Step.expecting(dir + "1-alarm.json", "created",
                            "checkout-api-high-cpu fires at 09:00: an incident opens (subscribers hear of it)."),
                    Step.expecting(dir + "2-ok.json", "resolved", "It recovers at 09:01: without a quiet period"
                            + " (STATUSPAGE_RESOLVE_AFTER=0) the incident resolves at once (subscribers hear of it)."),
                    Step.expecting(dir + "3-alarm.json", "created", "It fires again at 09:02: its incident is"
                            + " resolved, so a second one opens (subscribers hear of it)."),
                    Step.expecting(dir + "4-ok.json", "resolved",
                            "It recovers at 09:03: the second incident resolves (subscribers hear of it)."),
                    Step.expecting(dir + "5-sweep.json", "ignored", "The sweep of 09:06 finds nothing to resolve."),
                    Step.expecting(dir + "6-sweep.json", "ignored", "The sweep of 09:08 neither. Without a quiet"
                            + " period, flapping cost subscribers four updates: two openings and two resolutions;"
                            + " with STATUSPAGE_RESOLVE_AFTER=5m it costs two."));
        }
        boolean monitoring = told.monitoringUpdate();
        LocalDateTime due = told.dueAfter(LocalTime.of(9, 3));
        String recorded = monitoring ? "recorded, and a monitoring update tells subscribers it recovered"
                : "recorded silently";
        String cost = monitoring ? " Flapping cost subscribers five updates: the opening, two monitoring updates,"
                + " one back to identified, and the resolution." : " Flapping cost subscribers two updates: the"
                + " opening and the resolution.";
        Step early = due.isAfter(DAY.atTime(9, 6))
                ? Step.expecting(dir + "5-sweep.json", "ignored", "The sweep of 09:06 finds the quiet period not"
                        + " over (" + clock(due) + "): nothing is written.")
                : Step.expecting(dir + "5-sweep.json", "resolved", "The sweep of 09:06 finds the quiet period over ("
                        + clock(due) + ") and resolves the incident at 09:03, when the alarm last recovered." + cost);
        Step late = !due.isAfter(DAY.atTime(9, 6))
                ? Step.expecting(dir + "6-sweep.json", "ignored", "The sweep of 09:08 has nothing left to resolve.")
                : due.isAfter(DAY.atTime(9, 8))
                        ? Step.expecting(dir + "6-sweep.json", "ignored", "The sweep of 09:08 finds the quiet period"
                                + " still not over (" + clock(due) + "): a later sweep resolves the incident.")
                        : Step.expecting(dir + "6-sweep.json", "resolved", "The sweep of 09:08 resolves the incident"
                                + " at 09:03, when the alarm last recovered." + cost);
        return List.of(
                Step.expecting(dir + "1-alarm.json", "created",
                        "checkout-api-high-cpu fires at 09:00: an incident opens (subscribers hear of it)."),
                Step.expecting(dir + "2-ok.json", "updated",
                        "It recovers at 09:01: the recovery is " + recorded + "; " + told.period() + " starts."),
                Step.expecting(dir + "3-alarm.json", "updated", "It fires again at 09:02: the incident's list says"
                        + " so" + (monitoring ? ", and an update tells subscribers it is identified again"
                                : ", silently") + "; the incident stays open."),
                Step.expecting(dir + "4-ok.json", "updated",
                        "It recovers at 09:03: " + recorded + "; the quiet period starts again."),
                early, late);
    }

    /** An alarm during a maintenance that someone published. */
    static List<Step> maintenance(Told told) {
        String dir = STORIES_DIR + "maintenance/";
        return List.of(
                Step.expecting(dir + "1-maintenance-in-progress.json", "created",
                        "A pipeline publishes a maintenance in progress on the Database (a status-page event)."),
                told.defersToPublished()
                        ? Step.expecting(dir + "2-alarm.json", "created", "checkout-api-high-cpu fires on Public API"
                                + " and Database: the incident opens on Public API only; the Database is left to the"
                                + " maintenance (STATUSPAGE_DEFER_TO lists published events).")
                        : Step.expecting(dir + "2-alarm.json", "created", "checkout-api-high-cpu fires on Public API"
                                + " and Database: STATUSPAGE_DEFER_TO (" + told.deferTo() + ") does not list"
                                + " published events, so the incident opens on both."),
                told.quiet()
                        ? Step.expecting(dir + "3-ok.json", "updated", "The alarm recovers: " + told.period()
                                + " starts, after which a sweep would resolve the incident; the maintenance goes on.")
                        : Step.expecting(dir + "3-ok.json", "resolved",
                                "The alarm recovers: its incident is resolved; the maintenance goes on."));
    }

    /** Changes CloudWatch made that never reached the function, repaired by the sweep's reconciliation. */
    static List<Step> lost(Told told) {
        String dir = STORIES_DIR + "lost/";
        LocalDateTime due = told.dueAfter(LocalTime.of(9, 5));
        Step repair;
        if (!told.reconciles()) {
            repair = Step.expecting(dir + "4-sweep.json", "ignored", "The sweep of 09:07 does not read CloudWatch"
                    + " (STATUSPAGE_RECONCILE=false): the page still shows the first alarm firing, and the second"
                    + " stays off it.");
        } else if (due.isAfter(DAY.atTime(9, 7))) {
            repair = Step.expecting(dir + "4-sweep.json", "updated", "The sweep of 09:07 reads CloudWatch"
                    + " (DescribeAlarms): the lost recovery is recorded at 09:05 (" + told.period() + " ends at "
                    + clock(due) + "), and the lost alarm joins that incident, still open.");
        } else {
            repair = Step.expecting(dir + "4-sweep.json", "created", "The sweep of 09:07 reads CloudWatch"
                    + " (DescribeAlarms): the lost recovery resolves the first incident at 09:05, and the lost alarm"
                    + " opens its own incident.");
        }
        return List.of(
                Step.expecting(dir + "1-alarm.json", "created",
                        "checkout-api-high-cpu fires at 09:00, delivered by SNS: an incident opens."),
                new Step(dir + "2-ok.json", "It recovers at 09:05, but the delivery is lost: CloudWatch knows, the"
                        + " page still shows it.", true),
                new Step(dir + "3-other-alarm.json", "checkout-api-5xx fires at 09:06, and this delivery is lost too.",
                        true),
                repair);
    }

    /**
     * AWS Health on the page: an EC2 issue opens and closes an incident; an RDS maintenance AWS schedules is announced
     * and moved; an issue no health rule takes stays off the page. The scheduled change is dated from today, so
     * that it is still to come whenever the story runs.
     */
    static List<Step> awsHealth(Told told) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3).atTime(6, 0).toInstant(ZoneOffset.UTC);
        Instant moved = start.plus(Duration.ofDays(7));
        String upcoming = scheduledChange("4-maintenance-scheduled.json", start, now.minus(Duration.ofHours(2)));
        String later = scheduledChange("5-maintenance-moved.json", moved, now.minus(Duration.ofHours(1)));
        return List.of(
                Step.expecting(EVENTS_DIR + "health-issue-open.json", "created", "AWS Health opens an EC2 operational"
                        + " issue in us-east-1; the health rule 'aws ec2' takes it to the Public API: an incident"
                        + " opens, in the page's words (AWS's own description stays off a public page)."),
                Step.expecting(EVENTS_DIR + "health-issue-open.json", "ignored",
                        "EventBridge delivers the same version of the event again: nothing changes."),
                Step.expecting(EVENTS_DIR + "health-issue-closed.json", told.quiet() ? "updated" : "resolved",
                        "AWS closes the issue: " + (told.quiet() ? told.recordedQuietly()
                                : "the incident is resolved and the Public API is operational again.")),
                Step.expecting(upcoming, "created", "AWS schedules maintenance of the orders-primary database for "
                        + window(start) + ": the rule 'orders database' announces it on the Database, and Flashduty"
                        + " starts and completes it by its schedule."),
                Step.expecting(later, "updated", "AWS moves the maintenance a week later, to " + window(moved)
                        + ": it has not begun, so the announcement is replaced by one in the new window."),
                Step.expecting(EVENTS_DIR + "health-organizational-issue.json", "ignored", "An issue of a load"
                        + " balancer in another account: no health rule takes it, so it stays off the page."));
    }

    /** The scheduled-change sample moved to a two-hour window from {@code start}, written for the story. */
    private static String scheduledChange(String name, Instant start, Instant updated) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Path.of(EVENTS_DIR,
                    "health-scheduled-change-upcoming.json").toFile());
            ObjectNode detail = (ObjectNode) event.path("detail");
            detail.put("startTime", RFC_1123.format(start)).put("endTime", RFC_1123.format(start.plus(
                    Duration.ofHours(2)))).put("lastUpdatedTime", RFC_1123.format(updated));
            event.put("time", updated.toString());
            Files.createDirectories(HEALTH_DIR);
            Path file = HEALTH_DIR.resolve(name);
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event));
            return file.toString();
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the story's event " + name, unwritable);
        }
    }

    private static String window(Instant start) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC).format(start)
                + " to " + DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC)
                        .format(start.plus(Duration.ofHours(2)));
    }

    private static String clock(LocalDateTime time) {
        String clock = time.getSecond() == 0 ? String.format("%02d:%02d", time.getHour(), time.getMinute())
                : time.toLocalTime().toString();
        return time.toLocalDate().equals(DAY) ? clock : time.toLocalDate() + " " + clock;
    }

    private static String humanised(Duration period) {
        long seconds = period.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
