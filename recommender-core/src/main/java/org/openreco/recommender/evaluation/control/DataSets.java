package org.openreco.recommender.evaluation.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.embedding.control.ItemText;
import org.openreco.recommender.imports.control.MovieLens;
import org.openreco.recommender.imports.control.SourceRecord;
import org.openreco.recommender.training.control.IdIndex;

/**
 * Readers of the public data sets in {@code $RECOMMENDER_DATASETS} (see its README), turning explicit
 * ratings into implicit positives: a rating ≥ {@code threshold} is one interaction of weight 1, lower
 * ratings are dropped before splitting (they are neither training signal nor relevant test items).
 */
public final class DataSets {

    private DataSets() {
    }

    /** MovieLens {@code ratings.csv}: header, then userId,movieId,rating,timestamp (CRLF). */
    public static InteractionLog movieLens(Path dir, double threshold) throws IOException {
        InteractionLog log = new InteractionLog();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.strip().split(",");
                if (f.length == 4 && Double.parseDouble(f[2]) >= threshold) {
                    log.add(f[0], f[1], 1, Long.parseLong(f[3]));
                }
            }
        }
        return log;
    }

    /**
     * One-hot genre vectors from MovieLens {@code movies.csv} (movieId,title,genres with '|'): a cheap
     * stand-in for text embeddings, for intra-list diversity and a content baseline. Items of
     * {@code items} without genres get null.
     */
    public static float[][] movieLensGenres(Path dir, IdIndex items) throws IOException {
        List<String> genres = new ArrayList<>();
        float[][] vectors = new float[items.size()][];
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("movies.csv"), StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                line = line.strip();
                // titles may hold quoted commas; the id is before the first comma, the genres after the last
                String id = line.substring(0, line.indexOf(','));
                String[] g = line.substring(line.lastIndexOf(',') + 1).split("\\|");
                rows.add(new String[] {id, String.join("|", g)});
                for (String genre : g) {
                    if (!genre.equals("(no genres listed)") && !genres.contains(genre)) {
                        genres.add(genre);
                    }
                }
            }
        }
        for (String[] row : rows) {
            int item = items.indexOf(row[0]);
            if (item < 0) {
                continue;
            }
            float[] v = new float[genres.size()];
            boolean any = false;
            for (String genre : row[1].split("\\|")) {
                int at = genres.indexOf(genre);
                if (at >= 0) {
                    v[at] = 1;
                    any = true;
                }
            }
            vectors[item] = any ? v : null;
        }
        return vectors;
    }

    /**
     * Each item's text exactly as the platform builds it for a MovieLens import: the import's own
     * mapping ({@link MovieLens}: genres as categories, the movie's tags from tags.csv trimmed, lower-cased
     * and distinct in order of first appearance) turned into text by {@link ItemText}, as the embedding
     * pipeline does. Items of {@code items} missing from movies.csv get null.
     */
    public static String[] movieLensTexts(Path dir, IdIndex items) throws IOException {
        MovieLens preset = MovieLens.fromFolder(dir);
        String[] texts = new String[items.size()];
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("movies.csv"), StandardCharsets.UTF_8)) {
            in.readLine();
            long lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                line = line.strip();
                lineNumber++;
                // movieId,title,genres: the title (maybe quoted, with commas) lies between the first and last comma
                int first = line.indexOf(','), last = line.lastIndexOf(',');
                String id = line.substring(0, first);
                int item = items.indexOf(id);
                if (item < 0) {
                    continue;
                }
                ItemData movie = preset.movie(new SourceRecord(lineNumber, Map.of("movieId", id, "title",
                        unquote(line.substring(first + 1, last)), "genres", line.substring(last + 1))));
                texts[item] = ItemText.of(movie.title(), movie.categories(), movie.tags(), movie.description());
            }
        }
        return texts;
    }

    /**
     * Each item's text from the Amazon 2018 metadata (JSON lines, gzip): {@link ItemText} of the title (only
     * where it is not the scrape's HTML fragment, else the publisher), the category path below the top
     * level, and the description with its HTML tags and common entities removed. The first line of a
     * repeated ASIN wins (repeats are identical); items without metadata get null.
     */
    public static String[] amazonTexts(Path metaJsonGz, IdIndex items) throws IOException {
        String[] texts = new String[items.size()];
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(metaJsonGz)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                jakarta.json.JsonObject o;
                try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(line))) {
                    o = reader.readObject();
                }
                int item = items.indexOf(o.getString("asin", ""));
                if (item < 0 || texts[item] != null) {
                    continue;
                }
                String title = plain(o.getString("title", ""));
                if (title.isBlank() || o.getString("title", "").startsWith("<")) {
                    title = plain(o.getString("brand", ""));
                }
                List<String> categories = strings(o, "category").stream().skip(1).map(DataSets::plain).toList();
                String description = String.join(" ", strings(o, "description").stream().map(DataSets::plain).toList());
                texts[item] = ItemText.of(title, categories, List.of(), description);
            }
        }
        return texts;
    }

    private static List<String> strings(jakarta.json.JsonObject o, String key) {
        jakarta.json.JsonValue v = o.get(key);
        if (v == null || v.getValueType() != jakarta.json.JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return v.asJsonArray().stream().filter(e -> e.getValueType() == jakarta.json.JsonValue.ValueType.STRING)
                .map(e -> ((jakarta.json.JsonString) e).getString()).toList();
    }

    /** Text without HTML tags, with the common entities decoded and white space collapsed. */
    static String plain(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replaceAll("\\s+", " ").strip();
    }

    /** A CSV field without its enclosing quotes and with doubled quotes undone. */
    static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }

    /** Amazon 2018 "ratings only" CSV: item,user,rating,timestamp, no header. */
    public static InteractionLog amazonRatings(Path file, double threshold) throws IOException {
        InteractionLog log = new InteractionLog();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.strip().split(",");
                if (f.length == 4 && Double.parseDouble(f[2]) >= threshold) {
                    log.add(f[1], f[0], 1, Long.parseLong(f[3]));
                }
            }
        }
        return log;
    }
}
