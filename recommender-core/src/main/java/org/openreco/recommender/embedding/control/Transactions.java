package org.openreco.recommender.embedding.control;

import java.sql.Connection;

/**
 * Runs work in a transaction of its own: committed when the work returns, rolled back when it throws.
 * In the server a REQUIRES_NEW EJB method ({@link NewTransactions}); in the database tests plain JDBC.
 */
public interface Transactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    <T> T inNew(Work<T> work);
}
