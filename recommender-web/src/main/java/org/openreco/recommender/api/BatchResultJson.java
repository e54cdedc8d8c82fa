package org.openreco.recommender.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.openreco.recommender.platform.boundary.BatchResult;

/**
 * The answer to a batch: counts and each element's outcome by index. When no element was accepted
 * the answer is 400 and error/field/message name the first rejected element, like any other error.
 */
public record BatchResultJson(String error, String field, String message, long accepted, long duplicates,
        long rejected, List<Element> elements) {

    public record Element(int index, String status, String field, String reason) {
    }

    static Response of(BatchResult result) {
        long accepted = result.count(BatchResult.Status.ACCEPTED);
        long duplicates = result.count(BatchResult.Status.DUPLICATE);
        long rejected = result.count(BatchResult.Status.REJECTED);
        var elements = result.elements().stream()
                .map(e -> new Element(e.index(), e.status().name().toLowerCase(Locale.ROOT), e.field(), e.reason()))
                .toList();
        var firstRejected = result.elements().stream().filter(e -> e.status() == BatchResult.Status.REJECTED).findFirst();
        boolean failed = accepted + duplicates == 0 && firstRejected.isPresent();
        var body = failed
                ? new BatchResultJson("invalid", "[" + firstRejected.get().index() + "]." + firstRejected.get().field(),
                        "element " + firstRejected.get().index() + ": " + firstRejected.get().field() + " "
                                + firstRejected.get().reason(), accepted, duplicates, rejected, elements)
                : new BatchResultJson(null, null, null, accepted, duplicates, rejected, elements);
        return Response.status(failed ? Response.Status.BAD_REQUEST : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
