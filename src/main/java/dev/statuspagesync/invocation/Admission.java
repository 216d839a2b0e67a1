package dev.statuspagesync.invocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.statuspagesync.alarm.Arn;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.metrics.Metrics;

/**
 * What a delivery may claim. A sweep comes only from the operator's schedule and runs in the function's own account
 * and Region, never ahead of the clock; an alarm change comes from an allowed account, is none of the stack's own
 * alarms, and its time is never later than the clock allows for skew. Whatever is not admitted becomes a
 * {@link Inbound.Skipped} with the reason.
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);
    /** How far ahead of the function's clock a change's time may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Optional<String> scheduleRule;
    private final Optional<String> homeAccount;
    private final Optional<String> region;
    private final Optional<Set<String>> accounts;
    private final Optional<String> ownAlarmPrefix;
    private final Metrics metrics;
    private final Clock clock;

    @Inject
    public Admission(StatusPageConfig config, @ConfigProperty(name = "aws.region") Optional<String> region,
            Metrics metrics, Clock clock) {
        this(config.scheduleRule(), config.homeAccount(), region, config.accounts().map(Set::copyOf),
                config.ownAlarmPrefix(), metrics, clock);
    }

    public Admission(Optional<String> scheduleRule, Optional<String> homeAccount, Optional<String> region,
            Optional<Set<String>> accounts, Optional<String> ownAlarmPrefix, Metrics metrics, Clock clock) {
        this.scheduleRule = scheduleRule.filter(rule -> !rule.isBlank());
        this.homeAccount = homeAccount.filter(account -> !account.isBlank());
        this.region = region.filter(name -> !name.isBlank());
        this.accounts = accounts.map(listed -> listed.stream().map(String::strip).collect(Collectors.toSet()));
        this.ownAlarmPrefix = ownAlarmPrefix.filter(prefix -> !prefix.isBlank());
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The item as the function acts on it, or skipped with the reason. */
    public Inbound admit(Inbound item) {
        return switch (item) {
            case Inbound.Sweep sweep -> admitSweep(sweep);
            case Inbound.Alarm alarm -> admitAlarm(alarm);
            case Inbound.Published event -> event;
            case Inbound.Skipped skipped -> skipped;
        };
    }

    private Inbound admitSweep(Inbound.Sweep sweep) {
        String account = homeAccount.orElse(sweep.account());
        String home = region.orElse(sweep.region());
        if (scheduleRule.isPresent() && !namesRule(sweep.resources(), account, home)) {
            metrics.count(Metrics.REFUSED);
            return new Inbound.Skipped("a Scheduled Event sweeps only when its resources name the rule "
                    + scheduleRule.get() + " of the function's own account and Region", sweep.messageId());
        }
        Instant now = clock.instant();
        Instant time = sweep.time();
        if (time.isAfter(now)) {
            metrics.count(Metrics.TIMES_CLAMPED);
            LOG.infof("sweep time %s is later than the clock; the sweep runs at %s", time, now);
            time = now;
        }
        return new Inbound.Sweep(time, account, home, sweep.resources(), sweep.messageId());
    }

    private boolean namesRule(List<String> resources, String account, String home) {
        // arn:<partition>:events:<region>:<account>:rule/<name>
        return resources.stream().flatMap(resource -> Arn.parse(resource).stream())
                .anyMatch(rule -> rule.of("events") && rule.region().equals(home) && rule.account().equals(account)
                        && rule.resource().equals("rule/" + scheduleRule.get()));
    }

    private Inbound admitAlarm(Inbound.Alarm alarm) {
        var change = alarm.change();
        if (ownAlarmPrefix.isPresent() && change.name() != null && change.name().startsWith(ownAlarmPrefix.get())) {
            // The stack's own failure alarms tell its operators, never the page's subscribers.
            return new Inbound.Skipped("alarm " + change.name() + " is one of the stack's own ("
                    + ownAlarmPrefix.get() + "...): it tells the operators, not the page", alarm.messageId());
        }
        if (accounts.isPresent() && !accounts.get().contains(change.accountId())) {
            metrics.count(Metrics.REFUSED);
            return new Inbound.Skipped("alarm " + change.name() + " is of account " + change.accountId()
                    + ", which STATUSPAGE_ACCOUNTS does not list", alarm.messageId());
        }
        Instant now = clock.instant();
        if (change.stateTime() != null && change.stateTime().isAfter(now.plus(CLOCK_SKEW))) {
            metrics.count(Metrics.TIMES_CLAMPED);
            LOG.infof("alarm %s: state time %s is more than %d minutes ahead of the clock; taken as %s",
                    change.name(), change.stateTime(), CLOCK_SKEW.toMinutes(), now);
            return new Inbound.Alarm(change.at(now), alarm.messageId());
        }
        return alarm;
    }
}
