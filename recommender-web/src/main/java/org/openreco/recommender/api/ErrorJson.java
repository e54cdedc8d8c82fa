package org.openreco.recommender.api;

/**
 * Every error the API returns: a stable machine-readable code, the request field at fault (null when
 * the fault is not one field's), and a message for people.
 */
public record ErrorJson(String error, String field, String message) {
}
