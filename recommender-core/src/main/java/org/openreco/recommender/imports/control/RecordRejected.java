package org.openreco.recommender.imports.control;

/**
 * A record that cannot be imported, with its line, field and reason: caught by the reader and the
 * processor and handed to the writer (as {@link Parsed#rejected}), which puts it into the error report.
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
