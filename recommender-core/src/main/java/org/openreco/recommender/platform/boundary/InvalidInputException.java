package org.openreco.recommender.platform.boundary;

import jakarta.ejb.ApplicationException;

/** A value the caller sent breaks a rule that bean validation cannot express; the API answers 400 naming the field. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
