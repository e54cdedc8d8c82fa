package org.openreco.recommender.api;

import java.util.List;
import java.util.Locale;
import org.openreco.recommender.platform.boundary.BatchResult;

/** The outcome of a batch: totals, then each element by its index in the request (field and reason for rejected ones). */
public record BatchResultJson(long accepted, long duplicates, long rejected, List<ElementJson> results) {

    public record ElementJson(int index, String status, String field, String reason) {

        static ElementJson of(BatchResult.Element element) {
            return new ElementJson(element.index(), element.status().name().toLowerCase(Locale.ROOT), element.field(),
                    element.reason());
        }
    }

    static BatchResultJson of(BatchResult result) {
        return new BatchResultJson(result.count(BatchResult.Status.ACCEPTED), result.count(BatchResult.Status.DUPLICATE),
                result.count(BatchResult.Status.REJECTED), result.elements().stream().map(ElementJson::of).toList());
    }
}
