package org.openreco.recommender.interactions.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Creates the users (and, when asked, minimal items) that events name for the first time, each call in
 * its own short transaction. Measured: inside the batch's transaction, concurrent batches naming the
 * same new user waited on each other's whole insert of events (the unique index holds the second
 * insert until the first transaction ends), and at 8 senders most of the time went there.
 * Committed first, a user survives if its batch then fails — an id without events, which is harmless.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MissingUsersAndItems {

    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource dataSource;

    /** The ids of the catalogue's users with these external ids, created where missing. */
    public Map<String, Long> createUsers(long catalogueId, Collection<String> missing) {
        return create(catalogueId, "app_user", missing);
    }

    /** The ids of the catalogue's items with these external ids, created (titled with the id, marked for embedding) where missing. */
    public Map<String, Long> createItems(long catalogueId, Collection<String> missing) {
        return create(catalogueId, "item", missing);
    }

    private Map<String, Long> create(long catalogueId, String table, Collection<String> missing) {
        try (var connection = dataSource.getConnection()) {
            return new CallersTransaction(connection, catalogueId).create(table, missing);
        } catch (SQLException e) {
            throw new IllegalStateException("creating " + missing.size() + " rows in " + table + " failed", e);
        }
    }
}
