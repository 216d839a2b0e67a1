package dev.statuspagesync.published;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.routing.Router;

/**
 * The operator's limits on a published event, beyond Flashduty's rules ({@link PageEventRules}): it may name only a
 * page the function routes to and the components of that page's routes (or {@code STATUSPAGE_EVENT_COMPONENTS}),
 * notify subscribers only where the page's routes do, name only the responders the routes or
 * {@code STATUSPAGE_EVENT_RESPONDERS} name, date itself at most {@code maxAge} back
 * ({@code STATUSPAGE_EVENT_MAX_AGE}) and {@link #MAX_AHEAD} ahead, and carry text and lists of bounded length.
 */
public record EventPolicy(Router router, Set<String> extraComponents, Set<Long> extraResponders, Duration maxAge) {

    /** The longest description of an event or an update, in characters. */
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_UPDATES = 20;
    static final int MAX_COMPONENT_CHANGES = 100;
    static final int MAX_LINKED = 20;
    static final Duration MAX_AHEAD = Duration.ofDays(365);
    private static final long DAY = Duration.ofDays(1).toSeconds();

    /**
     * The request as the policy lets it go out (a page that notifies no one gets {@code notify_subscribers} false
     * when the event leaves it out), or the problems that stop it, each naming its field.
     */
    public Checked check(Requests.CreateChange request, long nowSeconds) {
        List<String> problems = new ArrayList<>();
        long page = request.pageId();
        if (!router.pageIds().contains(page)) {
            problems.add("page_id: " + page + " is not a page the function routes to (" + router.pageIds() + ")");
            return new Checked(null, problems);
        }
        Set<String> components = new LinkedHashSet<>(router.componentsOn(page));
        components.addAll(extraComponents);
        Set<Long> responders = new LinkedHashSet<>(router.respondersOn(page));
        responders.addAll(extraResponders);
        boolean notifies = router.notifiesOn(page);

        if (Boolean.TRUE.equals(request.notifySubscribers()) && !notifies) {
            problems.add("notify_subscribers: the page's routes notify no one (STATUSPAGE_NOTIFY_SUBSCRIBERS);"
                    + " leave it out or set it false");
        }
        if (request.responders() != null) {
            request.responders().stream().filter(id -> !responders.contains(id)).forEach(id -> problems.add(
                    "responders: " + id + " is not a responder of the page's routes or STATUSPAGE_EVENT_RESPONDERS"));
        }
        if (request.linkedChanges() != null && request.linkedChanges().size() > MAX_LINKED) {
            problems.add("linked_changes: " + request.linkedChanges().size() + " changes; at most " + MAX_LINKED);
        }
        length("description", request.description(), problems);
        dated("start_at_seconds", request.startAtSeconds(), nowSeconds, problems);
        dated("close_at_seconds", request.closeAtSeconds(), nowSeconds, problems);
        if (request.updates().size() > MAX_UPDATES) {
            problems.add("updates: " + request.updates().size() + " updates; at most " + MAX_UPDATES);
        }
        for (int i = 0; i < request.updates().size(); i++) {
            var update = request.updates().get(i);
            String at = "updates[" + i + "]";
            length(at + ".description", update.description(), problems);
            dated(at + ".at_seconds", update.atSeconds(), nowSeconds, problems);
            if (update.componentChanges().size() > MAX_COMPONENT_CHANGES) {
                problems.add(at + ".component_changes: " + update.componentChanges().size() + " changes; at most "
                        + MAX_COMPONENT_CHANGES);
            }
            for (var change : update.componentChanges()) {
                if (!components.contains(change.componentId())) {
                    problems.add(at + ".component_changes: " + change.componentId() + " is not a component of the"
                            + " page's routes or STATUSPAGE_EVENT_COMPONENTS");
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        if (request.notifySubscribers() == null && !notifies) {
            request = new Requests.CreateChange(page, request.type(), request.title(), request.description(),
                    request.status(), request.startAtSeconds(), request.closeAtSeconds(), false,
                    request.autoUpdateBySchedule(), request.isRetrospective(), request.responders(),
                    request.linkedChanges(), request.updates());
        }
        return new Checked(request, List.of());
    }

    /** The request to send, or the problems that stop it. */
    public record Checked(Requests.CreateChange request, List<String> problems) {
    }

    private String age() {
        return maxAge.toSeconds() % DAY == 0 ? maxAge.toSeconds() / DAY + " days" : maxAge.toSeconds() + " s";
    }

    private static void length(String field, String text, List<String> problems) {
        if (text != null && text.codePointCount(0, text.length()) > MAX_DESCRIPTION) {
            problems.add(field + ": " + text.codePointCount(0, text.length()) + " characters; at most "
                    + MAX_DESCRIPTION);
        }
    }

    private void dated(String field, Long seconds, long now, List<String> problems) {
        if (seconds == null) {
            return;
        }
        if (seconds < now - maxAge.toSeconds()) {
            problems.add(field + ": " + seconds + " is further back than STATUSPAGE_EVENT_MAX_AGE (" + age()
                    + ") allows; a page's history is not rewritten");
        } else if (seconds > now + MAX_AHEAD.toSeconds()) {
            problems.add(field + ": " + seconds + " is more than " + MAX_AHEAD.toDays() + " days ahead");
        }
    }
}
