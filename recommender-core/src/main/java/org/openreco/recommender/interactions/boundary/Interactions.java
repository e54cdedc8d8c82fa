package org.openreco.recommender.interactions.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.interactions.control.EventRules;
import org.openreco.recommender.interactions.control.EventStore;
import org.openreco.recommender.interactions.control.MissingUsersAndItems;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.BatchResult.Element;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/** Records behaviour: events in, each user marked dirty for re-embedding. */
@Stateless
public class Interactions {

    /** The most events one call records (one request of the batch endpoint). */
    public static final int MAX_BATCH = 10_000;

    @Inject
    Catalogues catalogues;

    @Inject
    MissingUsersAndItems missing;

    /** The datasource of the persistence unit: its connection takes part in this bean's transaction. */
    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    /**
     * Records the valid events of a batch together; unknown users are created, unknown items are
     * rejected unless createMissingItems; a re-sent client event id is a duplicate, not a second row.
     * Rejected events write nothing, not even their user.
     */
    public BatchResult record(String catalogue, List<EventData> events, boolean createMissingItems) {
        if (events == null) {
            throw new InvalidInputException("events", "is required");
        }
        if (events.size() > MAX_BATCH) {
            throw new InvalidInputException("events", "holds " + events.size() + " events, at most " + MAX_BATCH + " are allowed per request");
        }
        long catalogueId = catalogues.get(catalogue).getId();
        var rules = new EventRules(catalogues.settings(catalogue), Instant.now());
        var results = new Element[events.size()];
        List<Integer> valid = new ArrayList<>(events.size());
        Set<String> clientEventIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            var problem = rules.problem(events.get(i));
            if (problem != null) {
                results[i] = Element.rejected(i, problem.field(), problem.reason());
            } else if (events.get(i).clientEventId() != null && !clientEventIds.add(events.get(i).clientEventId())) {
                results[i] = Element.duplicate(i); // the same id earlier in this batch
            } else {
                valid.add(i);
            }
        }
        if (valid.isEmpty()) {
            return new BatchResult(List.of(results));
        }
        try (var connection = dataSource.getConnection()) {
            var store = new EventStore(connection, catalogueId);
            Map<String, Long> items = new HashMap<>();
            valid = resolveItems(store, events, valid, results, createMissingItems, items);
            Set<String> userNames = new LinkedHashSet<>();
            valid.forEach(i -> userNames.add(events.get(i).user()));
            Map<String, Long> users = store.find("app_user", userNames);
            userNames.removeAll(users.keySet());
            if (!valid.isEmpty() && !userNames.isEmpty()) {
                users.putAll(missing.createUsers(catalogueId, userNames));
            }
            insert(store, events, valid, rules, users, items, results);
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + events.size() + " events in catalogue '" + catalogue + "' failed", e);
        }
        return new BatchResult(List.of(results));
    }

    private List<Integer> resolveItems(EventStore store, List<EventData> events, List<Integer> valid, Element[] results,
            boolean createMissingItems, Map<String, Long> itemIds) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        valid.forEach(i -> names.add(events.get(i).item()));
        itemIds.putAll(store.find("item", names));
        names.removeAll(itemIds.keySet());
        if (names.isEmpty()) {
            return valid;
        }
        if (createMissingItems) {
            itemIds.putAll(missing.createItems(store.catalogueId(), names));
            return valid;
        }
        var known = new ArrayList<Integer>(valid.size());
        for (int i : valid) {
            if (itemIds.containsKey(events.get(i).item())) {
                known.add(i);
            } else {
                results[i] = Element.rejected(i, "item", "item '" + events.get(i).item() + "' does not exist in this catalogue"
                        + " (send it first, or set createMissingItems)");
            }
        }
        return known;
    }

    private static void insert(EventStore store, List<EventData> events, List<Integer> valid, EventRules rules,
            Map<String, Long> users, Map<String, Long> items, Element[] results) throws SQLException {
        if (valid.isEmpty()) {
            return;
        }
        // by client event id, so that concurrent batches lock the same ids in the same order
        valid.sort(Comparator.comparing(i -> events.get(i).clientEventId(), Comparator.nullsLast(Comparator.naturalOrder())));
        int n = valid.size();
        var rows = new EventStore.Rows(new Long[n], new Long[n], new String[n], new Double[n], new Double[n],
                new String[n], new String[n], new String[n]);
        for (int k = 0; k < n; k++) {
            var event = events.get(valid.get(k));
            rows.userIds()[k] = users.get(event.user());
            rows.itemIds()[k] = items.get(event.item());
            rows.types()[k] = event.type();
            rows.values()[k] = event.value();
            rows.weights()[k] = rules.weight(event);
            rows.occurredAt()[k] = rules.occurredAt(event).toString();
            rows.clientEventIds()[k] = event.clientEventId();
            rows.requestIds()[k] = event.requestId() == null ? null : event.requestId().toString();
        }
        Set<String> inserted = store.insert(rows);
        Map<Long, Boolean> dirty = new HashMap<>();
        for (int i : valid) {
            var event = events.get(i);
            boolean added = event.clientEventId() == null || inserted.contains(event.clientEventId());
            results[i] = added ? Element.accepted(i) : Element.duplicate(i);
            if (added) {
                dirty.put(users.get(event.user()), true);
            }
        }
        store.enqueue("user", dirty.keySet());
    }
}
