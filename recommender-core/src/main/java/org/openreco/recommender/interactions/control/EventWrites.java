package org.openreco.recommender.interactions.control;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The database steps of recording a batch of events, in the order Interactions takes them: a storefront
 * request runs each in a short transaction of its own ({@link SeparateTransactions}), an import's chunk
 * runs them all in its own transaction ({@link CallersTransaction}), so that they commit with its checkpoint.
 */
public interface EventWrites {

    /** The database ids of the catalogue's items and users with these external ids; absent ones are missing from the maps. */
    record Known(Map<String, Long> items, Map<String, Long> users) {
    }

    /** Looks both up in one go (one connection for a storefront batch). */
    Known find(Collection<String> itemIds, Collection<String> userIds);

    /** The ids of these users (or minimal items), created where missing. */
    Map<String, Long> create(String table, Collection<String> missing);

    /** Writes the events and holds their users' queue marks; the client event ids that were inserted. */
    Set<String> write(EventStore.Rows rows, Collection<Long> userIds);
}
