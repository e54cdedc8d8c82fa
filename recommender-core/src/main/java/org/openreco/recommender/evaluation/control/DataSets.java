package org.openreco.recommender.evaluation.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
