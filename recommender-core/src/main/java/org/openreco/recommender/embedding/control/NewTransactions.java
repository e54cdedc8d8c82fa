package org.openreco.recommender.embedding.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/** {@link Transactions} in the server: each call is a new JTA transaction on the application's datasource. */
@Stateless
public class NewTransactions implements Transactions {

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T inNew(Work<T> work) {
        try (var connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (WorkFailed e) {
            throw e;
        } catch (Exception e) {
            throw new WorkFailed(e);
        }
    }
}
