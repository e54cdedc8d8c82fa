package org.openreco.recommender.platform.boundary;

import jakarta.ejb.ApplicationException;

/**
 * The server cannot take the request now (every permit is taken and stayed taken for as long as a caller
 * may wait); the API answers 503 with Retry-After, so clients back off instead of piling up.
 */
@ApplicationException(rollback = true)
public class OverloadedException extends RuntimeException {

    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
