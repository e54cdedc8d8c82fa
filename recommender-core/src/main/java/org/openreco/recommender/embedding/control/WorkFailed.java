package org.openreco.recommender.embedding.control;

import jakarta.ejb.ApplicationException;

/**
 * Work in a {@link Transactions} transaction failed and was rolled back. An application exception, so
 * the container neither wraps nor logs it: an item that keeps failing is an expected case, handled
 * by the batch (retried, then parked with its reason).
 */
@ApplicationException(rollback = true)
public class WorkFailed extends RuntimeException {

    public WorkFailed(Throwable cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
    }
}
