package org.openreco.recommender.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordSourcesTest {

    private static List<Object> readAll(String format, String content) throws IOException {
        var out = new ArrayList<Object>();
        try (var source = RecordSource.open(format, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))) {
            while (true) {
                try {
                    SourceRecord record = source.next();
                    if (record == null) {
                        return out;
                    }
                    out.add(record);
                } catch (RecordRejected e) {
                    out.add("line " + e.line() + ": " + e.reason());
                }
            }
        }
    }

    @Test
    void csv_reads_quoted_commas_and_line_breaks_with_their_first_line() throws IOException {
        var records = readAll("csv", "movieId,title,genres\n11,\"American President, The (1995)\",Comedy|Drama\n"
                + "12,\"Two\nlines\",Drama\n13,short\n14,Fine,Drama\n");
        assertEquals(new SourceRecord(2, Map.of("movieId", "11", "title", "American President, The (1995)", "genres", "Comedy|Drama")),
                records.get(0));
        assertEquals(3, ((SourceRecord) records.get(1)).line());
        assertEquals("line 5: has 2 fields, the header has 3", records.get(2));
        assertEquals(6, ((SourceRecord) records.get(3)).line());
    }

    @Test
    void ndjson_rejects_a_malformed_line_and_goes_on() throws IOException {
        var records = readAll("ndjson", "{\"user\":\"u1\",\"tags\":[\"a\",\"b\"]}\n{broken\n\n[1]\n{\"user\":\"u2\",\"value\":4.5}\n");
        assertEquals(new SourceRecord(1, Map.of("user", "u1", "tags", List.of("a", "b"))), records.get(0));
        assertEquals("line 2: malformed JSON", ((String) records.get(1)).substring(0, 22));
        assertEquals("line 4: is not a JSON object", records.get(2));
        assertEquals(new SourceRecord(5, Map.of("user", "u2", "value", "4.5")), records.get(3));
    }

    @Test
    void a_json_array_is_streamed_element_by_element() throws IOException {
        var records = readAll("json", "[\n {\"externalId\":\"u1\",\"attributes\":{\"a\":1}},\n 7,\n {\"externalId\":\"u2\"}\n]");
        assertEquals(Map.of("externalId", "u1", "attributes", "{\"a\":1}"), ((SourceRecord) records.get(0)).values());
        assertEquals("line 3: is not a JSON object", records.get(1));
        assertEquals(3, records.size());
        assertThrows(IllegalStateException.class, () -> readAll("json", "{\"not\":\"an array\"}"));
    }

    @Test
    void the_mapping_renames_columns_converts_values_and_names_the_bad_field() {
        var mapping = new RecordMapping(Map.of("sku", "externalId", "name", "title", "brand", "attributes.brand"), ";");
        var item = mapping.item(new SourceRecord(2, Map.of("sku", " p1 ", "name", "Stove", "categories", "a; b;a",
                "brand", "Trailmark", "publishedAt", "1700000000")));
        assertEquals("p1", item.externalId());
        assertEquals(List.of("a", "b"), item.categories());
        assertEquals("{\"brand\":\"Trailmark\"}", item.attributes());
        assertEquals(Instant.ofEpochSecond(1_700_000_000), item.publishedAt());
        assertNull(item.tags());

        var noTitle = assertThrows(RecordRejected.class, () -> mapping.item(new SourceRecord(9, Map.of("sku", "p2"))));
        assertEquals(9, noTitle.line());
        assertEquals("title", noTitle.field());
        var nan = assertThrows(RecordRejected.class, () -> new RecordMapping(null, null).event(
                new SourceRecord(3, Map.of("user", "u", "item", "i", "type", "rating", "value", "NaN"))));
        assertEquals("value", nan.field());
        var future = assertThrows(RecordRejected.class, () -> new RecordMapping(null, null).event(
                new SourceRecord(4, Map.of("user", "u", "item", "i", "type", "view", "occurredAt", "2999-01-01T00:00:00Z"))));
        assertEquals("occurredAt", future.field());
    }

    @Test
    void movielens_movies_get_genres_as_categories_and_their_tags_lower_cased_and_distinct() {
        var movieLens = new MovieLens(Map.of("1", new java.util.LinkedHashSet<>(List.of("pixar", "fun"))));
        var toyStory = movieLens.movie(new SourceRecord(2, Map.of("movieId", "1", "title", "Toy Story (1995)",
                "genres", "Adventure|Animation|Children|Comedy|Fantasy")));
        assertEquals(List.of("Adventure", "Animation", "Children", "Comedy", "Fantasy"), toyStory.categories());
        assertEquals(List.of("pixar", "fun"), toyStory.tags());
        var none = movieLens.movie(new SourceRecord(3, Map.of("movieId", "2", "title", "X", "genres", "(no genres listed)")));
        assertEquals(List.of(), none.categories());
        assertEquals(List.of(), none.tags());
        assertEquals("pixar", MovieLens.tag("  Pixar "));

        var rating = MovieLens.rating(new SourceRecord(2, Map.of("userId", "1", "movieId", "1", "rating", "4.0",
                "timestamp", "964982703")));
        assertEquals("ml:1:1:964982703", rating.clientEventId());
        assertEquals(Instant.ofEpochSecond(964_982_703), rating.occurredAt());
        assertEquals(4.0, rating.value());
        assertEquals(Set.of("rating"), Set.of(rating.type()));
    }
}
