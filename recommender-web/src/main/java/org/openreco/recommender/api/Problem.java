package org.openreco.recommender.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Every error the API returns, as RFC 9457 problem details ({@code application/problem+json}): a type per
 * kind of problem, its title, the HTTP status, what went wrong this time ({@code detail}) and the request
 * it happened to ({@code instance}). The extension members are the API's own: {@code error}, the stable
 * code the type URI ends with; {@code field}, the request field at fault (left out when the fault is not
 * one field's); {@code message}, the same words as {@code detail}, for clients written against them.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "error", "field", "message"})
public record Problem(String type, String title, int status, String detail, String instance, String error, String field,
                      String message) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A tag URI (RFC 4151): names the kind of problem; it is not meant to be fetched. */
    static final String TYPE_PREFIX = "tag:openreco.org,2026:problem:";

    /** Titles of the API's own problems; the rest (not_found, unauthorized, ...) are titled by their HTTP status. */
    private static final Map<String, String> TITLES = Map.of(
            "invalid", "Invalid input",
            "malformed_json", "Unreadable request body",
            "conflict", "Conflicts with the current state",
            "overloaded", "Too busy to answer now",
            "database_unavailable", "Database did not answer in time",
            "payload_too_large", "Request body too large",
            "too_many_requests", "Too many failed logins",
            "internal_error", "Unexpected server error");

    static Problem of(Response.StatusType status, String error, String field, String message, String instance) {
        String title = TITLES.getOrDefault(error, status.getReasonPhrase());
        return new Problem(TYPE_PREFIX + error, title, status.getStatusCode(), message, instance, error, field, message);
    }
}
