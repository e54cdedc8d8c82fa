package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bulk imports through the admin API of the deployed EAR: the MovieLens preset end to end (official
 * counts, a sample movie checked against the files themselves, idempotent re-import), dry runs and the
 * error report. Row counts come straight from the database, scoped to each test's own catalogue.
 */
class ImportsApiIT {

    static final Path DATASETS = Path.of(System.getenv().getOrDefault("RECOMMENDER_DATASETS",
            Path.of(System.getProperty("user.dir")).resolve("../../shared/datasets").toString())).toAbsolutePath().normalize();
    static final Path MOVIELENS = DATASETS.resolve("ml-latest-small");
    /** The folder the IT server may import from (the ear pom and ItServer set it as its RECOMMENDER_IMPORT_DIRS). */
    static final Path IMPORT_DIR = Path.of(System.getProperty("it.import.dir", "target/it-imports")).toAbsolutePath();
    static final String SAMPLE_MOVIE = "1"; // Toy Story (1995): several genres and tags

    @Test
    void movielens_imports_the_official_counts_and_a_second_import_changes_nothing() throws Exception {
        assumeTrue(Files.isReadable(MOVIELENS.resolve("ratings.csv")), "MovieLens is absent: download "
                + "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip and unzip it into " + DATASETS
                + " (or set RECOMMENDER_DATASETS)");
        String catalogue = newCatalogue("ml");
        pauseEmbedding(catalogue);

        long started = System.nanoTime();
        long[] moviesDone = {0};
        var first = await(catalogue, start(catalogue, "{\"kind\":\"movielens\",\"path\":\"" + importableMovieLens() + "\"}"), status -> {
            if (moviesDone[0] == 0 && status.getJsonNumber("read").longValue() > 9_742) {
                moviesDone[0] = System.nanoTime();
            }
        });
        long finished = System.nanoTime();
        assertEquals("completed", first.getString("status"), first.toString());
        assertEquals(0, first.getJsonNumber("rejected").longValue(), first.toString());
        assertEquals(9_742, count("item", catalogue));
        assertEquals(610, count("app_user", catalogue));
        assertEquals(100_836, count("interaction", catalogue, "type = 'rating'"));
        // the movies step ends when the reader has gone past the last movie (polled every 50 ms)
        double itemSeconds = (moviesDone[0] - started) / 1e9;
        double eventSeconds = (finished - moviesDone[0]) / 1e9;
        System.out.printf(Locale.ROOT, "BENCHMARK MovieLens import: %.1f s in all; items %.0f/s (%.2f s), rating events %.0f/s (%.2f s)%n",
                (finished - started) / 1e9, 9_742 / itemSeconds, itemSeconds, 100_836 / eventSeconds, eventSeconds);

        var expected = movieRow(SAMPLE_MOVIE);
        try (var db = database(); var query = db.prepareStatement("""
                select i.title, i.categories, i.tags from item i join catalogue c on c.id = i.catalogue_id
                where c.name = ? and i.external_id = ?""")) {
            query.setString(1, catalogue);
            query.setString(2, SAMPLE_MOVIE);
            var row = query.executeQuery();
            assertTrue(row.next());
            assertEquals(expected.getField(1), row.getString(1));
            assertEquals(List.of(expected.getField(2).split("\\|")), List.of((String[]) row.getArray(2).getArray()));
            assertEquals(tagsOf(SAMPLE_MOVIE), new LinkedHashSet<>(List.of((String[]) row.getArray(3).getArray())));
        }
        var rating = firstRatingOf(SAMPLE_MOVIE);
        try (var db = database(); var query = db.prepareStatement("""
                select x.value, extract(epoch from x.occurred_at)::bigint from interaction x
                join catalogue c on c.id = x.catalogue_id join app_user u on u.id = x.user_id join item i on i.id = x.item_id
                where c.name = ? and u.external_id = ? and i.external_id = ?""")) {
            query.setString(1, catalogue);
            query.setString(2, rating.getField(0));
            query.setString(3, rating.getField(1));
            var row = query.executeQuery();
            assertTrue(row.next());
            assertEquals(Double.parseDouble(rating.getField(2)), row.getDouble(1));
            assertEquals(Long.parseLong(rating.getField(3)), row.getLong(2));
        }

        String itemsBefore = fingerprint(catalogue);
        long again = System.nanoTime();
        var second = await(catalogue, start(catalogue, "{\"kind\":\"movielens\",\"path\":\"" + importableMovieLens() + "\"}"));
        System.out.printf(Locale.ROOT, "BENCHMARK MovieLens re-import (nothing new): %.1f s%n", (System.nanoTime() - again) / 1e9);
        assertEquals("completed", second.getString("status"), second.toString());
        assertEquals(100_836, second.getJsonNumber("duplicates").longValue(), second.toString());
        assertEquals(9_742, count("item", catalogue));
        assertEquals(610, count("app_user", catalogue));
        assertEquals(100_836, count("interaction", catalogue));
        assertEquals(itemsBefore, fingerprint(catalogue), "the items (text, tags, update times) are untouched");
    }

    /** A digest of every item's stored text, categories, tags and update time. */
    static String fingerprint(String catalogue) {
        try (var db = database(); var query = db.prepareStatement("""
                select md5(string_agg(i.external_id || i.title || i.categories::text || i.tags::text || i.updated_at::text,
                                      ',' order by i.external_id))
                from item i join catalogue c on c.id = i.catalogue_id where c.name = ?""")) {
            query.setString(1, catalogue);
            var row = query.executeQuery();
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_dry_run_validates_everything_and_writes_nothing() {
        String catalogue = newCatalogue("dry");
        var status = await(catalogue, upload(catalogue, "{\"kind\":\"items\",\"format\":\"csv\",\"dryRun\":true}",
                "items.csv", """
                        externalId,title,categories
                        a1,"Tents, stoves and lamps",outdoor|camping
                        a2,A good book,books
                        """));
        assertEquals("completed", status.getString("status"), status.toString());
        assertTrue(status.getBoolean("dryRun"));
        assertEquals(2, status.getJsonNumber("read").longValue());
        assertEquals(0, status.getJsonNumber("rejected").longValue());
        assertEquals(0, status.getJsonNumber("written").longValue());
        assertEquals(0, count("item", catalogue));
    }

    @Test
    void bad_lines_are_skipped_into_an_error_report_with_line_field_and_reason() {
        String catalogue = newCatalogue("bad");
        // line 1 header; 2 fine; 3 no title; 4 a field too many; 5 a quoted line break, fine (lines 5-6);
        // 7 a timestamp that is not one; 8 fine
        String csv = """
                sku,name,published
                p1,Camping stove,2024-01-01T00:00:00Z
                p2,,2024-01-01T00:00:00Z
                p3,Lamp,2024-01-01T00:00:00Z,extra
                p4,"Two-line
                title",2024-01-01T00:00:00Z
                p5,Kettle,yesterday
                p6,Mug,1700000000
                """;
        var status = await(catalogue, upload(catalogue,
                "{\"kind\":\"items\",\"format\":\"csv\",\"dryRun\":true,"
                        + "\"mapping\":{\"sku\":\"externalId\",\"name\":\"title\",\"published\":\"publishedAt\"}}",
                "bad.csv", csv));
        assertEquals("completed", status.getString("status"), status.toString());
        assertEquals(6, status.getJsonNumber("read").longValue(), status.toString());
        assertEquals(3, status.getJsonNumber("rejected").longValue(), status.toString());

        var report = Api.get("/api/v1/catalogues/" + catalogue + "/imports/" + status.getJsonNumber("id") + "/errors");
        assertEquals(200, report.status());
        var errors = report.array().getValuesAs(JsonObject.class);
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(3, errors.get(0).getInt("line"));
        assertEquals("title", errors.get(0).getString("field"));
        assertEquals("is required", errors.get(0).getString("reason"));
        assertEquals(4, errors.get(1).getInt("line"));
        assertTrue(errors.get(1).getString("reason").contains("4 fields"), errors.get(1).toString());
        assertEquals(7, errors.get(2).getInt("line"));
        assertEquals("publishedAt", errors.get(2).getString("field"));

        var csvReport = Api.get("/api/v1/catalogues/" + catalogue + "/imports/" + status.getJsonNumber("id") + "/errors.csv");
        assertEquals(200, csvReport.status());
        assertTrue(csvReport.body().startsWith("line,field,reason\n3,\"title\",\"is required\""), csvReport.body());
        assertEquals(0, count("item", catalogue));
    }

    /**
     * Issue 4's bug: unreadable lines did not count towards the 1,000-record chunk, so a file of mostly
     * bad lines ran as one transaction until the 180 s transaction timeout failed it. Now every record
     * read counts: 50,000 lines commit in 50 chunks, each with its part of the error report.
     */
    @Test
    void a_file_of_mostly_bad_lines_commits_chunk_by_chunk_with_exact_counts_and_report() throws SQLException {
        String catalogue = newCatalogue("mostly-bad");
        var csv = new StringBuilder("externalId,title\n");
        int records = 50_000;
        int good = 0;
        int untitled = 0;
        for (int i = 1; i <= records; i++) {
            switch (i % 20) {
                case 0 -> { csv.append("p").append(i).append(",Product ").append(i).append('\n'); good++; }
                case 1 -> { csv.append("p").append(i).append(",\n"); untitled++; }      // no title: invalid
                default -> csv.append("p").append(i).append(",Product,extra\n");     // a field too many: unreadable
            }
        }
        var status = await(catalogue, upload(catalogue, "{\"kind\":\"items\",\"format\":\"csv\"}", "mostly-bad.csv", csv.toString()));
        assertEquals("completed", status.getString("status"), status.toString());
        assertEquals(records, status.getJsonNumber("read").longValue(), status.toString());
        assertEquals(good, status.getJsonNumber("written").longValue(), status.toString());
        assertEquals(records - good, status.getJsonNumber("rejected").longValue(), status.toString());
        assertEquals(good, count("item", catalogue));

        var errors = Api.get("/api/v1/catalogues/" + catalogue + "/imports/" + status.getJsonNumber("id") + "/errors")
                .array().getValuesAs(JsonObject.class);
        assertEquals(records - good, errors.size());
        assertEquals(untitled, errors.stream().filter(e -> "title".equals(e.getString("field", null))).count());
        assertEquals(2, errors.get(0).getInt("line")); // record 1 on line 2: no title
        assertEquals("is required", errors.get(0).getString("reason"));
        assertEquals(3, errors.get(1).getInt("line")); // record 2: a field too many
        assertTrue(errors.get(1).getString("reason").contains("3 fields"), errors.get(1).toString());
        assertEquals(records, errors.getLast().getInt("line")); // record 49,999 on line 50,000 is the last bad one

        // one commit per 1,000 records read (plus JBeret's last one): the chunks were bounded by records read
        try (var db = database(); var query = db.prepareStatement("""
                select s.commitcount from step_execution s join import_run r on r.job_execution_id = s.jobexecutionid
                where r.id = ?""")) {
            query.setLong(1, status.getJsonNumber("id").longValue());
            var row = query.executeQuery();
            assertTrue(row.next());
            assertTrue(row.getLong(1) >= records / 1_000, "commits: " + row.getLong(1));
        }
    }

    @Test
    void an_upload_over_the_servers_former_10_MB_limit_is_imported() {
        String catalogue = newCatalogue("big");
        var csv = new StringBuilder("externalId,title\n");
        String title = "A product with a rather long title that is repeated to make a large file ".repeat(2);
        int records = 0;
        while (csv.length() < 12 * 1024 * 1024) {
            csv.append("p").append(++records).append(',').append(title).append('\n');
        }
        var status = await(catalogue, upload(catalogue, "{\"kind\":\"items\",\"format\":\"csv\",\"dryRun\":true}",
                "big.csv", csv.toString()));
        assertEquals("completed", status.getString("status"), status.toString());
        assertEquals(records, status.getJsonNumber("read").longValue(), status.toString());
        assertEquals(0, status.getJsonNumber("rejected").longValue(), status.toString());
    }

    @Test
    void ndjson_and_json_array_files_are_read_as_records() {
        String catalogue = newCatalogue("json");
        var ndjson = await(catalogue, upload(catalogue, "{\"kind\":\"events\",\"format\":\"ndjson\",\"dryRun\":true}",
                "events.ndjson", """
                        {"user":"u1","item":"i1","type":"view"}
                        {"user":"u1","item":"i2","type":"rating","value":"NaN"}
                        {"user":"u2", broken

                        {"user":"u2","item":"i1","type":"purchase","occurredAt":"2024-03-01T10:00:00Z"}
                        """));
        assertEquals(4, ndjson.getJsonNumber("read").longValue(), ndjson.toString());
        assertEquals(2, ndjson.getJsonNumber("rejected").longValue(), ndjson.toString());

        var array = await(catalogue, upload(catalogue, "{\"kind\":\"users\",\"format\":\"json\",\"dryRun\":true}",
                "users.json", """
                        [ {"externalId": "u1", "profileText": "likes tents", "attributes": {"country": "CH"}},
                          {"externalId": ""},
                          {"externalId": "u3"} ]
                        """));
        assertEquals(3, array.getJsonNumber("read").longValue(), array.toString());
        assertEquals(1, array.getJsonNumber("rejected").longValue(), array.toString());
    }

    @Test
    void an_import_needs_a_known_kind_and_a_readable_path() {
        String catalogue = newCatalogue("opt");
        var kind = Api.post("/api/v1/catalogues/" + catalogue + "/imports", "{\"kind\":\"pets\",\"path\":\"/etc/hostname\"}");
        assertEquals(400, kind.status());
        assertEquals("kind", kind.json().getString("field"));
        var path = Api.post("/api/v1/catalogues/" + catalogue + "/imports", "{\"kind\":\"items\",\"path\":\"/no/such/file.csv\"}");
        assertEquals(400, path.status());
        assertEquals("path", path.json().getString("field"));
        assertEquals(404, Api.post("/api/v1/catalogues/no-such-" + UUID.randomUUID() + "/imports",
                "{\"kind\":\"items\",\"path\":\"/etc/hostname\"}").status());
    }

    // ------------------------------------------------------------------------------------------

    /** MovieLens copied into the import folder once (a link to the datasets folder would lead outside it). */
    static synchronized Path importableMovieLens() {
        Path copy = IMPORT_DIR.resolve("ml-latest-small");
        try {
            Files.createDirectories(copy);
            for (String file : List.of("movies.csv", "ratings.csv", "tags.csv", "links.csv")) {
                Path source = MOVIELENS.resolve(file);
                Path target = copy.resolve(file);
                if (Files.isReadable(source) && (!Files.exists(target) || Files.size(target) != Files.size(source))) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    static String newCatalogue(String prefix) {
        String name = "it-import-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/catalogues", "{\"name\":\"" + name + "\"}").status());
        return name;
    }

    /**
     * Import tests check rows, not vectors: their catalogues' re-embedding is paused, so the 9,742 movies of
     * each MovieLens import do not keep the shared test server's embedding busy for the tests after them.
     */
    static void pauseEmbedding(String catalogue) {
        var paused = Api.post("/api/v1/catalogues/" + catalogue + "/embeddings/pause", "");
        assertEquals(200, paused.status(), paused.body());
    }

    static JsonObject start(String catalogue, String options) {
        var reply = Api.post("/api/v1/catalogues/" + catalogue + "/imports", options);
        assertEquals(202, reply.status(), reply.body());
        return reply.json();
    }

    static JsonObject upload(String catalogue, String options, String fileName, String content) {
        String boundary = "----import" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json\r\n\r\n"
                + options + "\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(Api.BASE + "/api/v1/catalogues/" + catalogue + "/imports"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
            return new Api.Reply(response.statusCode(), "", response.body()).json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject await(String catalogue, JsonObject started) {
        return await(catalogue, started, status -> { });
    }

    /** Polls the import until it has finished (at most five minutes), showing each status to the observer. */
    static JsonObject await(String catalogue, JsonObject started, java.util.function.Consumer<JsonObject> observer) {
        String path = "/api/v1/catalogues/" + catalogue + "/imports/" + started.getJsonNumber("id");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            var status = Api.get(path).json();
            observer.accept(status);
            if (status.containsKey("finishedAt") && !status.isNull("finishedAt")) {
                return status;
            }
            assertFalse(System.nanoTime() > deadline, "import did not finish: " + status);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static long count(String table, String catalogue) {
        return count(table, catalogue, "true");
    }

    static long count(String table, String catalogue, String condition) {
        try (var db = database(); var query = db.prepareStatement("select count(*) from " + table
                + " t join catalogue c on c.id = t.catalogue_id where c.name = ? and " + condition)) {
            query.setString(1, catalogue);
            var row = query.executeQuery();
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static java.sql.Connection database() throws SQLException {
        return DriverManager.getConnection(
                System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender"),
                System.getenv().getOrDefault("DB_USER", "recommender"),
                System.getenv().getOrDefault("DB_PASSWORD", "recommender"));
    }

    private static CsvRecord movieRow(String movieId) throws IOException {
        try (var csv = CsvReader.builder().ofCsvRecord(MOVIELENS.resolve("movies.csv"))) {
            return csv.stream().filter(r -> r.getField(0).equals(movieId)).findFirst().orElseThrow();
        }
    }

    private static CsvRecord firstRatingOf(String movieId) throws IOException {
        try (var csv = CsvReader.builder().ofCsvRecord(MOVIELENS.resolve("ratings.csv"))) {
            return csv.stream().skip(1).filter(r -> r.getField(1).equals(movieId)).findFirst().orElseThrow();
        }
    }

    /** The movie's tags as the preset promises them: trimmed, lower-cased, distinct, in order of appearance. */
    private static Set<String> tagsOf(String movieId) throws IOException {
        var tags = new LinkedHashSet<String>();
        try (var csv = CsvReader.builder().ofCsvRecord(MOVIELENS.resolve("tags.csv"))) {
            csv.stream().skip(1).filter(r -> r.getField(1).equals(movieId))
                    .forEach(r -> tags.add(r.getField(2).strip().toLowerCase(Locale.ROOT)));
        }
        assertFalse(tags.isEmpty(), "the sample movie should have tags");
        return tags;
    }
}
