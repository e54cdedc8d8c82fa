package org.openreco.recommender.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.openreco.recommender.platform.boundary.BatchResult;

/**
 * The answer to a batch: counts and each element's outcome by index. When no element was accepted the answer
 * is a 400 {@link Problem} whose error, field and message name the first rejected element, like any other
 * error, with the counts and elements beside them.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "error", "field", "message", "accepted", "duplicates",
        "rejected", "elements"})
public record BatchResultJson(String type, String title, Integer status, String detail, String instance, String error,
        String field, String message, long accepted, long duplicates, long rejected, List<Element> elements) {

    public record Element(int index, String status, String field, String reason) {
    }

    static Response of(BatchResult result, UriInfo request) {
        long accepted = result.count(BatchResult.Status.ACCEPTED);
        long duplicates = result.count(BatchResult.Status.DUPLICATE);
        long rejected = result.count(BatchResult.Status.REJECTED);
        var elements = result.elements().stream()
                .map(e -> new Element(e.index(), e.status().name().toLowerCase(Locale.ROOT), e.field(), e.reason()))
                .toList();
        var firstRejected = result.elements().stream().filter(e -> e.status() == BatchResult.Status.REJECTED).findFirst();
        if (accepted + duplicates > 0 || firstRejected.isEmpty()) {
            return Response.ok(new BatchResultJson(null, null, null, null, null, null, null, null, accepted, duplicates, rejected,
                    elements), MediaType.APPLICATION_JSON_TYPE).build();
        }
        var first = firstRejected.get();
        var problem = Problem.of(Response.Status.BAD_REQUEST, "invalid", "[" + first.index() + "]." + first.field(),
                "element " + first.index() + ": " + first.field() + " " + first.reason(), request.getRequestUri().getRawPath());
        return Response.status(Response.Status.BAD_REQUEST)
                .type(Problem.MEDIA_TYPE)
                .entity(new BatchResultJson(problem.type(), problem.title(), problem.status(), problem.detail(), problem.instance(),
                        problem.error(), problem.field(), problem.message(), accepted, duplicates, rejected, elements))
                .build();
    }
}
