package org.openreco.recommender.imports.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.interactions.boundary.EventData;

/**
 * The MovieLens preset (an ml-latest-small style folder): movies.csv → items (genres split on '|'
 * are the categories, "(no genres listed)" none; the movie's tags from tags.csv, trimmed, lower-cased
 * and distinct in order of first appearance), ratings.csv → rating events with their original
 * timestamps and stars as value, and a client event id "ml:&lt;user&gt;:&lt;movie&gt;:&lt;timestamp&gt;" so that
 * importing the same files again stores nothing new. Users are created from the ratings' ids.
 */
public final class MovieLens {

    public static final String MOVIES = "movies.csv";
    public static final String RATINGS = "ratings.csv";
    public static final String TAGS = "tags.csv";
    static final String NO_GENRES = "(no genres listed)";

    private final Map<String, Set<String>> tagsByMovie;

    /**
     * Reads tags.csv (if present) into memory: tags are listed per user, not per movie, so a movie's
     * tags are only complete at the end of the file. ml-latest-small has 3,683 tag rows; the large
     * sets would stage them in a table instead.
     */
    public static MovieLens fromFolder(Path folder) throws IOException {
        Map<String, Set<String>> tags = new HashMap<>();
        Path file = folder.resolve(TAGS);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file); var source = new CsvSource(in)) {
                while (true) {
                    SourceRecord record;
                    try {
                        record = source.next();
                    } catch (RecordRejected e) {
                        continue;
                    }
                    if (record == null) {
                        break;
                    }
                    String tag = tag((String) record.values().get("tag"));
                    if (tag != null) {
                        tags.computeIfAbsent((String) record.values().get("movieId"), m -> new LinkedHashSet<>()).add(tag);
                    }
                }
            }
        }
        return new MovieLens(tags);
    }

    MovieLens(Map<String, Set<String>> tagsByMovie) {
        this.tagsByMovie = tagsByMovie;
    }

    static String tag(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    public ItemData movie(SourceRecord record) {
        String movieId = required(record, "movieId");
        String title = required(record, "title");
        if (title.length() > RecordMapping.TITLE_MAX) {
            throw new RecordRejected(record.line(), "title", "must be at most " + RecordMapping.TITLE_MAX + " characters");
        }
        String genres = (String) record.values().get("genres");
        List<String> categories = genres == null || genres.isBlank() || genres.strip().equals(NO_GENRES)
                ? List.of()
                : List.of(genres.strip().split("\\|"));
        List<String> tags = new ArrayList<>(tagsByMovie.getOrDefault(movieId, Set.of()));
        return new ItemData(movieId, title.strip(), null, categories, tags, null, null, null);
    }

    public static EventData rating(SourceRecord record) {
        String user = required(record, "userId");
        String movie = required(record, "movieId");
        String rating = required(record, "rating");
        String timestamp = required(record, "timestamp");
        double stars;
        long seconds;
        try {
            stars = Double.parseDouble(rating);
        } catch (NumberFormatException e) {
            throw new RecordRejected(record.line(), "rating", "must be a number, not '" + rating + "'");
        }
        if (!(stars >= 0 && stars <= 5)) {
            throw new RecordRejected(record.line(), "rating", "must be between 0 and 5 stars");
        }
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new RecordRejected(record.line(), "timestamp", "must be seconds since the epoch, not '" + timestamp + "'");
        }
        return new EventData(user, movie, "rating", stars, Instant.ofEpochSecond(seconds),
                "ml:" + user + ":" + movie + ":" + seconds, null);
    }

    private static String required(SourceRecord record, String column) {
        Object value = record.values().get(column);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new RecordRejected(record.line(), column, "is required");
        }
        return text.strip();
    }
}
