package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Converts and validates one record for its kind: items, users, events (by the mapping) or a
 * MovieLens movie or rating. A bad or unreadable record is passed on as rejected, for the writer's
 * error report.
 */
@Named
@Dependent
public class ImportProcessor implements ItemProcessor {

    @Inject
    @BatchProperty
    String kind;

    /** JSON object: source column → target field */
    @Inject
    @BatchProperty
    String mapping;

    @Inject
    @BatchProperty
    String listSeparator;

    /** the MovieLens folder (for tags.csv) */
    @Inject
    @BatchProperty
    String folder;

    private RecordMapping records;
    private MovieLens movieLens;

    @Override
    public Object processItem(Object item) {
        if (item instanceof Unreadable unreadable) {
            return Parsed.rejected(unreadable.reason());
        }
        var record = (SourceRecord) item;
        try {
            return Parsed.of(record.line(), convert(record));
        } catch (RecordRejected e) {
            return Parsed.rejected(e);
        }
    }

    private Object convert(SourceRecord record) {
        return switch (kind) {
            case "items" -> records().item(record);
            case "users" -> records().user(record);
            case "events" -> records().event(record);
            case "movielens-movies" -> movieLens().movie(record);
            case "movielens-ratings" -> MovieLens.rating(record);
            default -> throw new IllegalStateException("unknown import kind " + kind);
        };
    }

    private RecordMapping records() {
        if (records == null) {
            Map<String, String> columns = new HashMap<>();
            if (mapping != null && !mapping.isBlank()) {
                try (var reader = Json.createReader(new StringReader(mapping))) {
                    reader.readObject().forEach((column, field) -> columns.put(column, ((jakarta.json.JsonString) field).getString()));
                }
            }
            records = new RecordMapping(columns, listSeparator);
        }
        return records;
    }

    private MovieLens movieLens() {
        if (movieLens == null) {
            try {
                movieLens = MovieLens.fromFolder(Path.of(folder));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return movieLens;
    }
}
