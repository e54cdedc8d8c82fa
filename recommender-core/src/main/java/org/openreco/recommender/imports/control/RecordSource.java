package org.openreco.recommender.imports.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the records of a file one at a time, whatever its format, so that an import holds one
 * record (not the file) in memory. A record that cannot be read throws {@link RecordRejected} and the
 * next call goes on with the following one; a file that cannot be read further throws anything else.
 */
public interface RecordSource extends Closeable {

    /** The next record, or null at the end. */
    SourceRecord next() throws IOException;

    static RecordSource open(String format, InputStream in) {
        return switch (format) {
            case "csv" -> new CsvSource(in);
            case "json" -> new JsonArraySource(in);
            case "ndjson" -> new NdjsonSource(in);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
