package org.openreco.recommender.training.control;

import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.embedding.control.WorkFailed;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * {@link Transactions#inNew} for the boundary: the caller's 400/404/409 exceptions come out as
 * themselves, not wrapped in {@link WorkFailed}, so the API maps them.
 */
public final class Transacted {

    private Transacted() {
    }

    public static <T> T inNew(Transactions transactions, Transactions.Work<T> work) {
        try {
            return transactions.inNew(work);
        } catch (WorkFailed e) {
            if (e.getCause() instanceof ConflictException
                    || e.getCause() instanceof NotFoundException
                    || e.getCause() instanceof InvalidInputException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }
}
