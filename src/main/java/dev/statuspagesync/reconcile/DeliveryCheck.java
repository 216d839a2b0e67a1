package dev.statuspagesync.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.statuspagesync.alarm.AlarmArn;
import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.cloudwatch.CloudWatchAlarms;
import dev.statuspagesync.cloudwatch.CloudWatchConnector;
import dev.statuspagesync.cloudwatch.CloudWatchException;
import dev.statuspagesync.config.InsufficientDataPolicy;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.lifecycle.Invocation;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.routing.Router;

/**
 * Checks delivered changes with CloudWatch before they are applied, when reconciliation is on and a change names
 * the function's own account ({@code STATUSPAGE_HOME_ACCOUNT}) in its ARN or its message:
 * <ul>
 * <li>its message must agree with its ARN (name, account, Region), and the Region must be one AWS has;</li>
 * <li>a firing change goes on only when CloudWatch shows the alarm firing now, and a whole alarm's recovery only
 * when CloudWatch does not: a forged change, one of an alarm CloudWatch does not have, or one so late that the
 * alarm has changed since opens, joins and resolves nothing;</li>
 * <li>a confirmed change goes on as CloudWatch reads the alarm (state, time, text, metric, and tags when routes
 * read them), so that nothing the message made up decides the route or the words; a contributor's change keeps
 * its own time series and time.</li>
 * </ul>
 * The alarms of one invocation are read together, one DescribeAlarms call per 100 names and Region. When CloudWatch
 * cannot answer, the changes fail, to be delivered again: the sweep opens the incident of an alarm that does fire
 * from CloudWatch's own state. Changes of other accounts go on as delivered.
 */
@ApplicationScoped
public class DeliveryCheck {

    /** A delivered change after the check: applied as {@code change}, unless {@code answer} says why not. */
    public record Checked(AlarmChange change, Outcome answer) {

        static Checked go(AlarmChange change) {
            return new Checked(change, null);
        }

        static Checked stop(AlarmChange change, Outcome answer) {
            return new Checked(change, answer);
        }
    }

    private final Router router;
    private final BiFunction<String, Supplier<Duration>, CloudWatchAlarms> cloudWatchIn;
    private final boolean enabled;
    private final InsufficientDataPolicy insufficientData;
    private final Reconciliation.Scope home;

    @Inject
    public DeliveryCheck(Router router, CloudWatchConnector connector, StatusPageConfig config,
            @ConfigProperty(name = "aws.region") Optional<String> region) {
        this(router, connector::connect, config.reconcile(), config.insufficientData(),
                Reconciliation.Scope.home(config, region).orElse(null));
    }

    public DeliveryCheck(Router router, BiFunction<String, Supplier<Duration>, CloudWatchAlarms> cloudWatchIn,
            boolean enabled, InsufficientDataPolicy insufficientData, Reconciliation.Scope home) {
        this.router = router;
        this.cloudWatchIn = cloudWatchIn;
        this.enabled = enabled;
        this.insufficientData = insufficientData;
        this.home = home;
    }

    /** Each delivered change, checked; in the order given. */
    public List<Checked> check(List<AlarmChange> delivered, Invocation invocation) {
        List<Checked> checked = new ArrayList<>(delivered.size());
        Map<String, Set<String>> namesByRegion = new LinkedHashMap<>();
        for (AlarmChange alarm : delivered) {
            Checked first = screen(alarm);
            checked.add(first);
            if (first == null) {
                namesByRegion.computeIfAbsent(alarm.region(), region -> new LinkedHashSet<>()).add(alarm.name());
            }
        }
        Map<String, AlarmChange> read = new LinkedHashMap<>();
        Map<String, String> unanswered = new LinkedHashMap<>();
        namesByRegion.forEach((region, names) -> {
            try {
                cloudWatchIn.apply(region, () -> invocation.deadline().remaining()).named(names)
                        .forEach(alarm -> read.put(alarm.arn(), alarm));
            } catch (CloudWatchException failure) {
                unanswered.put(region, failure.getMessage());
            }
        });
        for (int i = 0; i < checked.size(); i++) {
            if (checked.get(i) == null) {
                AlarmChange alarm = delivered.get(i);
                String failure = unanswered.get(alarm.region());
                if (failure != null) {
                    invocation.markFailed();
                    checked.set(i, Checked.stop(alarm, Outcome.failed("not confirmed with CloudWatch, to be"
                            + " delivered again: " + failure)));
                } else {
                    checked.set(i, decide(alarm, read.get(alarm.arn()), invocation));
                }
            }
        }
        return checked;
    }

    /** The answer that needs no CloudWatch, or null for a change CloudWatch must confirm. */
    private Checked screen(AlarmChange alarm) {
        boolean fires = insufficientData.fires(alarm.newState());
        boolean recovers = insufficientData.recovers(alarm.newState());
        // CloudWatch knows nothing of a Health event, which only EventBridge delivers.
        if (!enabled || home == null || alarm.envelope() == Envelope.CLOUDWATCH || alarm.isHealth()
                || !fires && !recovers) {
            return Checked.go(alarm);
        }
        var parsed = AlarmArn.parse(alarm.arn());
        boolean claimsHome = parsed.filter(arn -> arn.account().equals(home.account())).isPresent()
                || home.account().equals(alarm.accountId());
        if (parsed.isEmpty() || !claimsHome) {
            return Checked.go(alarm);
        }
        AlarmArn arn = parsed.get();
        if (!arn.account().equals(home.account()) || alarm.accountId() != null && !alarm.accountId().equals(
                arn.account()) || !arn.name().equals(alarm.name()) || !arn.region().equals(alarm.region())
                || !CloudWatchConnector.isRegion(arn.region())) {
            return Checked.stop(alarm, Outcome.ignored("the message's alarm name, account or Region is not its"
                    + " ARN's, or not one AWS has: a forged change opens nothing"));
        }
        // The role reads alarms in the function's own Region only: another Region's change is trusted to its
        // channel, as another account's is.
        return arn.region().equals(home.region()) ? null : Checked.go(alarm);
    }

    /** The answer for a change of the home account, given what CloudWatch read of its alarm (null: no such alarm). */
    private Checked decide(AlarmChange alarm, AlarmChange read, Invocation invocation) {
        boolean recovers = insufficientData.recovers(alarm.newState());
        if (read == null) {
            // The recovery of an alarm deleted since goes on: its incident has nothing left to wait for.
            return recovers ? Checked.go(alarm) : Checked.stop(alarm, Outcome.ignored("CloudWatch has no alarm "
                    + alarm.name() + " in " + home.account() + " " + alarm.region() + ": a forged change, or one of"
                    + " a deleted alarm, opens nothing"));
        }
        boolean readFires = insufficientData.fires(read.newState());
        String shown = "CloudWatch shows alarm " + alarm.name() + " in " + read.newState()
                + (read.stateTime() == null ? "" : " since " + read.stateTime());
        if (!recovers && !readFires) {
            return Checked.stop(alarm, Outcome.ignored(shown + ", not firing: a forged or stale change opens nothing"));
        }
        // One time series may recover while the alarm fires for others.
        if (recovers && readFires && alarm.contributor() == null) {
            return Checked.stop(alarm, Outcome.ignored(shown + ": a forged or stale recovery changes nothing"));
        }
        try {
            // The payload's tags are its publisher's: a confirmed change is routed by CloudWatch's own.
            Map<String, String> tags = router.readsTags()
                    ? cloudWatchIn.apply(alarm.region(), () -> invocation.deadline().remaining()).tags(alarm.arn())
                    : Map.of();
            return Checked.go(asRead(alarm, read, tags));
        } catch (CloudWatchException unanswered) {
            invocation.markFailed();
            return Checked.stop(alarm, Outcome.failed("not confirmed with CloudWatch, to be delivered again: "
                    + unanswered.getMessage()));
        }
    }

    /** The delivered change as CloudWatch reads its alarm; a contributor's change keeps its series and time. */
    private static AlarmChange asRead(AlarmChange delivered, AlarmChange read, Map<String, String> tags) {
        boolean series = delivered.contributor() != null;
        return read.toBuilder().state(series ? delivered.newState() : read.newState())
                .previous(delivered.previousState()).reason(series ? delivered.reason() : read.reason())
                .at(series ? delivered.stateTime() : read.stateTime())
                .suppressed(delivered.actionsSuppressed() || read.actionsSuppressed()).tags(tags)
                .tagsSetAside(delivered.tags().isEmpty() && delivered.tagsSetAside() == null ? null
                        : "a confirmed change of the function's own account is routed by CloudWatch's tags")
                .via(delivered.envelope()).mutedBy(delivered.mutedBy()).contributor(delivered.contributor())
                .deleted(false).build();
    }
}
