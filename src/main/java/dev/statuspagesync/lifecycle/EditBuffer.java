package dev.statuspagesync.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.statuspagesync.flashduty.PlannedWrite;
import dev.statuspagesync.outcome.Outcome;

/**
 * The edits of incidents' alarm lists that one invocation has yet to write, one per incident however many of its
 * changes touch it, the items whose write failed after their change was applied, and the writes a dry run held
 * back for them.
 */
final class EditBuffer {

    /** An incident whose alarm list changed, the items of the batch that changed it, and the alarms that joined. */
    record PendingEdit(long pageId, long changeId, Set<Integer> items, Set<String> joined) {
    }

    private final Map<Long, PendingEdit> edits = new LinkedHashMap<>();
    private final Map<Integer, Outcome> failedLater = new HashMap<>();
    private final Map<Integer, List<PlannedWrite>> heldLater = new HashMap<>();

    /** Records that item {@code item} changed this incident's alarm list, to be written once at the end. */
    void defer(long pageId, long changeId, int item, Set<String> joined) {
        PendingEdit edit = edits.computeIfAbsent(changeId,
                id -> new PendingEdit(pageId, changeId, new LinkedHashSet<>(), new LinkedHashSet<>()));
        edit.items().add(item);
        edit.joined().addAll(joined);
    }

    boolean has(long changeId) {
        return edits.containsKey(changeId);
    }

    Optional<PendingEdit> take(long changeId) {
        return Optional.ofNullable(edits.remove(changeId));
    }

    List<PendingEdit> takeAll() {
        List<PendingEdit> pending = new ArrayList<>(edits.values());
        edits.clear();
        return pending;
    }

    /** Items whose change was applied but whose write failed later; their messages must be delivered again. */
    void failLater(Set<Integer> items, Outcome outcome) {
        items.forEach(index -> failedLater.put(index, outcome));
    }

    Map<Integer, Outcome> failedLater() {
        return Map.copyOf(failedLater);
    }

    /** Writes a dry run held back for these items after they were answered. */
    void holdLater(Set<Integer> items, List<PlannedWrite> held) {
        if (!held.isEmpty()) {
            items.forEach(index -> heldLater.computeIfAbsent(index, any -> new ArrayList<>()).addAll(held));
        }
    }

    Map<Integer, List<PlannedWrite>> heldLater() {
        return Map.copyOf(heldLater);
    }
}
