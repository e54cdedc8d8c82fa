package org.openreco.recommender.training.control;

import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.embedding.control.WorkFailed;
import org.openreco.recommender.platform.TestDatabase;

/** {@link Transactions} over plain JDBC on the test database: commit when the work returns, rollback when it throws. */
final class JdbcTransactions implements Transactions {

    @Override
    public <T> T inNew(Work<T> work) {
        try (var connection = TestDatabase.connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw e instanceof WorkFailed failed ? failed : new WorkFailed(e);
            }
        } catch (java.sql.SQLException e) {
            throw new WorkFailed(e);
        }
    }
}
