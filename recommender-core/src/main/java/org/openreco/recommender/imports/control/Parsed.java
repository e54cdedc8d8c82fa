package org.openreco.recommender.imports.control;

/**
 * A record converted to an ItemData, UserData or EventData, with the line it came from (for the error
 * report), or a record that could not be read or converted: then {@code rejected} says why and
 * {@code data} is null. Rejected records travel to the writer like good ones, so they count towards
 * the chunk and land in the error report inside the chunk's transaction.
 */
record Parsed(long line, Object data, RecordRejected rejected) {

    static Parsed of(long line, Object data) {
        return new Parsed(line, data, null);
    }

    static Parsed rejected(RecordRejected reason) {
        return new Parsed(reason.line(), null, reason);
    }
}
