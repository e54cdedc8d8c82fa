package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openreco.recommender.training.control.IdIndex;

class DataSetsTest {

    @TempDir
    Path dir;

    @Test
    void movie_texts_are_the_imports_items_title_genres_and_lower_cased_distinct_tags() throws Exception {
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres\r
                1,Toy Story (1995),Adventure|Animation\r
                11,"American President, The (1995)",Comedy|Drama|Romance\r
                12,Nothing (2001),(no genres listed)\r
                13,Unrated (2002),Drama\r
                """);
        Files.writeString(dir.resolve("tags.csv"), """
                userId,movieId,tag,timestamp
                2,11,Politics,1
                3,11,"funny, sort of",2
                4,11,politics ,3
                5,1,pixar,4
                """);
        IdIndex items = new IdIndex();
        items.add("11");
        items.add("1");
        items.add("12");
        items.add("99");

        String[] texts = DataSets.movieLensTexts(dir, items);

        assertArrayEquals(new String[] {"American President, The (1995). Comedy, Drama, Romance. politics, funny, sort of",
                "Toy Story (1995). Adventure, Animation. pixar", "Nothing (2001)", null}, texts);
    }

    @Test
    void magazine_texts_use_the_publisher_where_the_title_is_the_scrapes_html_and_drop_the_top_category() throws Exception {
        Path meta = dir.resolve("meta.json.gz");
        try (var out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(meta)),
                java.nio.charset.StandardCharsets.UTF_8)) {
            out.write("""
                    {"asin": "A1", "title": "<span class=\\"a-size-medium\\"", "brand": "Future US", "category": ["Magazine Subscriptions", "Technology"], "description": ["<b>PC</b> news &amp; tips", ""]}
                    {"asin": "A2", "title": "Guitar World", "brand": "NewBay", "category": ["Magazine Subscriptions"], "description": []}
                    {"asin": "A1", "title": "<span", "brand": "ignored: a repeated line", "category": [], "description": []}
                    """);
        }
        IdIndex items = new IdIndex();
        items.add("A2");
        items.add("A1");
        items.add("A3");

        assertArrayEquals(new String[] {"Guitar World", "Future US. Technology. PC news & tips", null},
                DataSets.amazonTexts(meta, items));
    }

    @Test
    void html_is_reduced_to_plain_text_a_tag_becoming_a_space() {
        assertEquals("Arts, Music & Photography : \"Guitar\" it's", DataSets.plain(
                "<i>Arts, Music &amp; Photography</i>:  &quot;Guitar&quot;\n it&#39;s "));
    }
}
