package org.openreco.recommender.platform.boundary;

import jakarta.ejb.ApplicationException;

/** The request clashes with what is stored (a duplicate name, a non-empty catalogue); the API answers 409. */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
