package org.openreco.recommender.api;

import java.io.IOException;

/** A request body grew past its {@link BodyLimit} while being read. */
class BodyTooLargeException extends IOException {

    final long limit;

    BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }
}
