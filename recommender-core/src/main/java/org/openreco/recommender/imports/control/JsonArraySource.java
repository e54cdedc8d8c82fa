package org.openreco.recommender.imports.control;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;

/**
 * A JSON array of objects, parsed as a stream: only the current element is ever built. Malformed JSON
 * ends the file (a parser cannot resynchronise), so it fails the import with its line; an element that
 * is not an object is one rejected record.
 */
final class JsonArraySource implements RecordSource {

    private final JsonParser parser;
    private boolean started;
    private boolean ended;

    JsonArraySource(InputStream in) {
        parser = Json.createParser(in);
    }

    @Override
    public SourceRecord next() {
        if (ended) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                    throw new IllegalStateException("line " + parser.getLocation().getLineNumber()
                            + ": a JSON import must be an array of objects");
                }
            }
            JsonParser.Event event = parser.next();
            long line = parser.getLocation().getLineNumber();
            return switch (event) {
                case END_ARRAY -> {
                    ended = true;
                    yield null;
                }
                case START_OBJECT -> JsonValues.record(line, parser.getObject());
                default -> {
                    if (event == JsonParser.Event.START_ARRAY) {
                        parser.skipArray();
                    }
                    throw new RecordRejected(line, null, "is not a JSON object");
                }
            };
        } catch (JsonParsingException e) {
            throw new IllegalStateException("line " + e.getLocation().getLineNumber() + ": malformed JSON: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        parser.close();
    }
}
