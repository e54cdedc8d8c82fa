package org.openreco.recommender.imports.control;

/**
 * A record that cannot be imported: a skippable exception of the import jobs, turned into a line of
 * the error report by {@link RejectionListener}.
 */
public class RecordRejected extends RuntimeException {

    private final long line;
    private final String field;

    public RecordRejected(long line, String field, String reason) {
        super(reason);
        this.line = line;
        this.field = field;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
