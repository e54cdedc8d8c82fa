package org.openreco.recommender.interactions.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes a batch's accepted events and marks their users dirty, holding the marks until the commit
 * ({@link EventStore#holdUserMarks}), in one transaction (the caller's or a new one): all of them or none.
 */
@Stateless
public class EventWriter {

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    /** Returns the client event ids that were inserted; the others with an id were already stored. */
    public Set<String> write(long catalogueId, EventStore.Rows rows, Collection<Long> userIds) {
        try (var connection = dataSource.getConnection()) {
            var store = new EventStore(connection, catalogueId);
            store.holdUserMarks(userIds);
            return store.insert(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + rows.userIds().length + " events failed", e);
        }
    }
}
