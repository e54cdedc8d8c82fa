package org.openreco.recommender.platform.boundary;

import jakarta.ejb.ApplicationException;

/** The thing a caller named does not exist; the API answers 404. */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
