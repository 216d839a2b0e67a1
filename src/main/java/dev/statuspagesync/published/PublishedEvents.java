package dev.statuspagesync.published;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.statuspagesync.config.CalmPage;
import dev.statuspagesync.config.StatusPageConfig;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.Deadline;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.flashduty.StatusPageApi;
import dev.statuspagesync.inbound.Inbound;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.page.References;
import dev.statuspagesync.routing.Router;

/**
 * Creates the status-page events that people and pipelines publish: checked against the create API's rules and
 * the operator's {@link EventPolicy} first, then created once. The event's key (its {@code client_key}, else the
 * SNS MessageId, else a digest of the message; scoped by the opaque name of the channel it came on) is written as
 * the description's last line, so a repeated delivery finds the event it created and no other channel's.
 */
@ApplicationScoped
public class PublishedEvents {

    /** How far before its start a closed event is looked for when a delivery repeats. */
    static final long LOOKBACK_SECONDS = 24 * 60 * 60;

    private final StatusPageApi flashduty;
    private final Optional<Long> defaultPage;
    private final Clock clock;
    /** The topics and queues that may carry published events; a direct invocation always may. */
    private final Set<String> channels;
    private final EventPolicy policy;

    public PublishedEvents(StatusPageApi flashduty, StatusPageConfig config, Router router, Clock clock) {
        this.flashduty = flashduty;
        this.clock = clock;
        this.defaultPage = config.pageId();
        this.channels = config.eventChannels().orElse(List.of()).stream().map(String::trim)
                .filter(channel -> !channel.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.policy = new EventPolicy(router, config.eventComponents().orElse(List.of()).stream().map(String::strip)
                .filter(id -> !id.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                Set.copyOf(config.eventResponders().orElse(List.of())),
                CalmPage.duration("STATUSPAGE_EVENT_MAX_AGE", config.eventMaxAge()));
    }

    public Outcome apply(Inbound.Published item, Deadline deadline) {
        if (item.channel() != null && !channels.contains(item.channel())) {
            return Outcome.rejected("a status-page event arrived on " + item.channel() + ", which is not a channel"
                    + " for published events: publish to one listed in STATUSPAGE_EVENT_CHANNELS or invoke the"
                    + " function directly; the alarm channel takes alarms only");
        }
        var checked = PageEventRules.check(item.message(), defaultPage);
        if (!checked.valid()) {
            return Outcome.rejected("invalid status-page event: " + String.join("; ", checked.problems()));
        }
        var allowed = policy.check(checked.request(), clock.instant().getEpochSecond());
        if (!allowed.problems().isEmpty()) {
            return Outcome.rejected("status-page event not allowed: " + String.join("; ", allowed.problems()));
        }
        String unscoped = keyOf(checked.clientKey(), item);
        String key = item.channel() == null ? unscoped : References.current().channel(item.channel()) + "/" + unscoped;
        Requests.CreateChange request = withKeyLine(allowed.request(), key);
        String what = request.type().wire() + " \"" + request.title() + "\"";
        try {
            var existing = find(request, List.of(key, unscoped), deadline);
            if (existing.isPresent()) {
                return Outcome.ignored(what + " already exists as event " + existing.get().changeId() + " (key "
                        + key + ")", existing.get().changeId());
            }
            long changeId = flashduty.createChange(request, change -> IncidentText.hasEventKey(change, key),
                    deadline);
            return flashduty.holdsWrites() ? Outcome.dryRun(Outcome.Kind.CREATED, "would create " + what + " (key "
                    + key + ")", null, flashduty.takeHeldWrites())
                    : Outcome.created(changeId, what + " created (key " + key + ")");
        } catch (RuntimeException failure) {
            return Outcome.of(failure, what);
        }
    }

    /** The client's key, else the SNS MessageId, else a digest of the message as delivered. */
    static String keyOf(String clientKey, Inbound.Published item) {
        if (clientKey != null) {
            return clientKey;
        }
        if (item.deliveryId() != null && !item.deliveryId().isBlank()) {
            return "sns:" + item.deliveryId();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(item.message().toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", missing);
        }
    }

    /**
     * The request with the key line at the end of the description and of every update: Flashduty may show an event's
     * latest update as its description, and lists may come without timelines, so whichever text a read shows
     * carries the line; an event whose key cannot be read would pass for a person's.
     */
    private static Requests.CreateChange withKeyLine(Requests.CreateChange request, String key) {
        String keyLine = IncidentText.eventKeyLine(key);
        List<Requests.Update> updates = new ArrayList<>(request.updates().size());
        for (Requests.Update update : request.updates()) {
            updates.add(new Requests.Update(update.atSeconds(), update.status(),
                    IncidentText.withKeyLine(update.description(), keyLine), update.componentChanges()));
        }
        return new Requests.CreateChange(request.pageId(), request.type(), request.title(),
                IncidentText.withKeyLine(request.description(), keyLine), request.status(), request.startAtSeconds(),
                request.closeAtSeconds(), request.notifySubscribers(), request.autoUpdateBySchedule(),
                request.isRetrospective(), request.responders(), request.linkedChanges(), List.copyOf(updates));
    }

    /**
     * The event an earlier delivery created: among the open events of its type, else the closed ones. It carries
     * one of {@code keys}: the scoped key, or the unscoped one that events created before keys were scoped carry.
     */
    private Optional<Responses.Change> find(Requests.CreateChange request, List<String> keys, Deadline deadline) {
        var open = flashduty.activeEvents(request.pageId(), request.type(), deadline);
        var found = first(open, keys);
        if (found.isPresent()) {
            return found;
        }
        ChangeStatus closed = request.type().terminal();
        long now = clock.instant().getEpochSecond();
        long since = Math.min(request.startAtSeconds() == null ? now : request.startAtSeconds(), now)
                - LOOKBACK_SECONDS;
        return first(flashduty.events(request.pageId(), request.type(), closed, since, deadline), keys);
    }

    private static Optional<Responses.Change> first(List<Responses.Change> events, List<String> keys) {
        return events.stream().filter(change -> keys.stream().anyMatch(key -> IncidentText.hasEventKey(change, key)))
                .findFirst();
    }
}
