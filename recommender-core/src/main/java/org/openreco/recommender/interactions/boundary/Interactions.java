package org.openreco.recommender.interactions.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
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
import java.util.TreeSet;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.boundary.CatalogueRef;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.interactions.control.CallersTransaction;
import org.openreco.recommender.interactions.control.EventRules;
import org.openreco.recommender.interactions.control.EventStore;
import org.openreco.recommender.interactions.control.EventWrites;
import org.openreco.recommender.interactions.control.EventWriter;
import org.openreco.recommender.interactions.control.MissingUsersAndItems;
import org.openreco.recommender.interactions.control.SeparateTransactions;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.BatchResult.Element;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.UsersChanged;

/**
 * Records behaviour: events in, each user marked dirty for re-embedding. A storefront's batch runs
 * outside a transaction on the request pool and holds at most one connection at a time: reads, then
 * first-seen users and items in their own short transactions, then the events in one transaction
 * ({@link SeparateTransactions}). Holding the events' connection while creating users in another would
 * need two per request, and a full pool would then wait on itself. An import's chunk records its events
 * in its own transaction instead ({@link #recordInTransaction}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Interactions {

    /** The most events one call records (one request of the batch endpoint). */
    public static final int MAX_BATCH = 10_000;
    static final int NEW_USERS_PER_TRANSACTION = 100;

    @Inject
    Catalogues catalogues;

    @Inject
    MissingUsersAndItems missing;

    @Inject
    EventWriter writer;

    @Inject
    Event<UsersChanged> usersChanged;

    /** A storefront batch's reads; its writes go through MissingUsersAndItems and EventWriter, which own their transactions. */
    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource requests;

    /** The caller's transaction's connection, for {@link #recordInTransaction}. */
    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    /**
     * Records the valid events of a batch together; unknown users are created, unknown items are
     * rejected unless createMissingItems; a re-sent client event id is a duplicate, not a second row.
     * Rejected events write nothing, not even their user (users of valid events are committed
     * before the events, see {@link #createUsers}).
     */
    public BatchResult record(String catalogue, List<EventData> events, boolean createMissingItems) {
        var ref = catalogues.ref(catalogue);
        return record(ref, events, createMissingItems, new SeparateTransactions(requests, ref.id(), missing, writer));
    }

    /**
     * As {@link #record}, with every write in the caller's transaction: an import's chunk commits its
     * events, their users and its checkpoint together, so a crash between them cannot leave events whose
     * chunk is read again on restart. New users are then held until the caller commits, so a storefront
     * batch naming one of them waits for that.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public BatchResult recordInTransaction(String catalogue, List<EventData> events, boolean createMissingItems) {
        var ref = catalogues.ref(catalogue);
        try (var connection = dataSource.getConnection()) {
            return record(ref, events, createMissingItems, new CallersTransaction(connection, ref.id()));
        } catch (SQLException e) {
            throw new IllegalStateException("recording events in catalogue '" + catalogue + "' failed", e);
        }
    }

    private BatchResult record(CatalogueRef ref, List<EventData> events, boolean createMissingItems, EventWrites writes) {
        if (events == null) {
            throw new InvalidInputException("events", "is required");
        }
        if (events.size() > MAX_BATCH) {
            throw new InvalidInputException("events", "holds " + events.size() + " events, at most " + MAX_BATCH + " are allowed per request");
        }
        long catalogueId = ref.id();
        var rules = new EventRules(ref.settings(), Instant.now());
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
        Set<String> itemNames = new LinkedHashSet<>();
        Set<String> userNames = new LinkedHashSet<>();
        valid.forEach(i -> itemNames.add(events.get(i).item()));
        valid.forEach(i -> userNames.add(events.get(i).user()));
        var known = writes.find(itemNames, userNames);
        Map<String, Long> items = known.items();
        Map<String, Long> users = known.users();
        itemNames.removeAll(items.keySet());
        if (!itemNames.isEmpty()) {
            if (createMissingItems) {
                items.putAll(writes.create("item", itemNames));
            } else {
                valid = rejectUnknownItems(events, valid, items, results);
            }
        }
        if (valid.isEmpty()) {
            return new BatchResult(List.of(results));
        }
        // only the users of events still valid: a rejected event writes nothing
        userNames.clear();
        valid.forEach(i -> userNames.add(events.get(i).user()));
        userNames.removeAll(users.keySet());
        createUsers(writes, userNames, users);
        insert(writes, catalogueId, events, valid, rules, users, items, results);
        return new BatchResult(List.of(results));
    }

    /**
     * In sorted chunks, each committed on its own: a concurrent batch that needs one of these users
     * waits for one chunk's insert, not for all of them (measured: at 8 senders, first-seen users
     * were where the time went).
     */
    private static void createUsers(EventWrites writes, Set<String> names, Map<String, Long> users) {
        var sorted = new ArrayList<>(new TreeSet<>(names));
        for (int from = 0; from < sorted.size(); from += NEW_USERS_PER_TRANSACTION) {
            users.putAll(writes.create("app_user", sorted.subList(from, Math.min(sorted.size(), from + NEW_USERS_PER_TRANSACTION))));
        }
    }

    private static List<Integer> rejectUnknownItems(List<EventData> events, List<Integer> valid, Map<String, Long> itemIds,
            Element[] results) {
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

    private void insert(EventWrites writes, long catalogueId, List<EventData> events, List<Integer> valid, EventRules rules,
            Map<String, Long> users, Map<String, Long> items, Element[] results) {
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
        // the users of duplicates too, in the same statement: a repeated mark coalesces with the first
        Set<Long> dirty = new HashSet<>();
        valid.forEach(i -> dirty.add(users.get(events.get(i).user())));
        Set<String> inserted = writes.write(rows, dirty);
        // delivered once committed: what was seen changed for these users, their vectors follow in the next batch
        usersChanged.fire(new UsersChanged(catalogueId, dirty));
        for (int i : valid) {
            var event = events.get(i);
            boolean added = event.clientEventId() == null || inserted.contains(event.clientEventId());
            results[i] = added ? Element.accepted(i) : Element.duplicate(i);
        }
    }
}
