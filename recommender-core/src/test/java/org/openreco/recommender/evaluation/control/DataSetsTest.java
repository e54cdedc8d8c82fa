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
    void html_is_reduced_to_plain_text_a_tag_becoming_a_space() {
        assertEquals("Arts, Music & Photography : \"Guitar\" it's", DataSets.plain(
                "<i>Arts, Music &amp; Photography</i>:  &quot;Guitar&quot;\n it&#39;s "));
    }
}
