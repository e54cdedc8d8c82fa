package org.openreco.recommender.platform.boundary;

import java.util.List;

/**
 * What became of each element of a batch, by its index in the request. Accepted elements are
 * committed together; rejected ones write nothing; duplicates (a re-sent client event id) were
 * already stored and are not stored twice.
 */
public record BatchResult(List<Element> elements) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    /** One element's outcome; field and reason only for rejected ones. */
    public record Element(int index, Status status, String field, String reason) {

        public static Element accepted(int index) {
            return new Element(index, Status.ACCEPTED, null, null);
        }

        public static Element duplicate(int index) {
            return new Element(index, Status.DUPLICATE, null, null);
        }

        public static Element rejected(int index, String field, String reason) {
            return new Element(index, Status.REJECTED, field, reason);
        }
    }

    public long count(Status status) {
        return elements.stream().filter(e -> e.status() == status).count();
    }
}
