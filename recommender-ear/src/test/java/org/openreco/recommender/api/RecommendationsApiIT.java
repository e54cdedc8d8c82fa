package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations, similar items, semantic search and example queries through the storefront API of
 * the deployed EAR, on MovieLens (ml-latest-small) imported through the admin API and embedded by the
 * server's real model, and on a small Chinese catalogue embedded with bge-small-zh. Assertions are on
 * genres, never on hard-coded ids.
 */
class RecommendationsApiIT {

    /** The quantized MiniLM: the same model family as the default, twice as fast to embed 9,742 movies. */
    static final String MODEL = "all-minilm-l6-v2-q";

    static Storefront movies;
    static final List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void importAndEmbedMovieLens() throws SQLException {
        if (!Files.isReadable(ImportsApiIT.MOVIELENS.resolve("ratings.csv"))) {
            return;
        }
        movies = Storefront.create("reco-ml");
        CREATED.add(movies.catalogue);
        String settings = Api.get("/api/v1/catalogues/" + movies.catalogue + "/settings").body();
        var updated = Api.put("/api/v1/catalogues/" + movies.catalogue + "/settings",
                settings.replaceAll("\"embeddingModel\"\\s*:\\s*\"[^\"]*\"", "\"embeddingModel\":\"" + MODEL + "\""));
        assertEquals(200, updated.status(), updated.body());
        var imported = ImportsApiIT.await(movies.catalogue, ImportsApiIT.start(movies.catalogue,
                "{\"kind\":\"movielens\",\"path\":\"" + ImportsApiIT.importableMovieLens() + "\"}"));
        assertEquals("completed", imported.getString("status"), imported.toString());
        long started = System.nanoTime();
        embedAll(movies.catalogue, MODEL, 9_742);
        System.out.printf("RecommendationsApiIT: 9,742 movies embedded in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * The vectors of a test catalogue share the model's HNSW index with every other catalogue: leaving
     * 9,742 of them behind per run would make the next runs' filtered scans ever more selective.
     */
    @AfterAll
    static void deleteTheCatalogues() throws SQLException {
        VectorFixtures.deleteCatalogues(CREATED);
    }

    /** true: the re-embedding pipeline is deployed and writes the vectors; false: the tests write them. */
    static Boolean pipeline;

    /** false while neither the pipeline nor the encode endpoint is deployed: the vector tests are skipped. */
    static boolean vectors = true;

    static void embedAll(String catalogue, String model, long items) throws SQLException {
        if (pipeline == null) {
            pipeline = VectorFixtures.pipelineEmbeds(catalogue, java.time.Duration.ofSeconds(15));
            System.out.println("RecommendationsApiIT: " + (pipeline ? "the re-embedding pipeline writes the vectors"
                    : "no re-embedding pipeline deployed: the test writes the vectors through the encode endpoint"));
        }
        if (pipeline) {
            VectorFixtures.awaitItemVectors(catalogue, model, items, java.time.Duration.ofMinutes(10));
        } else if (VectorFixtures.canEncode(model)) {
            VectorFixtures.embedItems(catalogue, model);
        } else {
            vectors = false;
            System.out.println("RecommendationsApiIT: no encoder deployed (POST /api/v1/embedding-models/{name}:encode): vector tests skipped");
        }
    }

    static void requireVectors() {
        requireMovieLens();
        assumeTrue(vectors, "no encoder deployed: the item vectors cannot be made");
    }

    /** The user's vector after new events: the pipeline's within a few seconds, else computed here. */
    static void awaitUser(String catalogue, String user, Instant sent) throws SQLException {
        if (pipeline) {
            var waited = VectorFixtures.awaitUserVector(catalogue, user, sent, java.time.Duration.ofSeconds(10));
            System.out.printf("RecommendationsApiIT: user vector of %s fresh %d ms after the events%n", user, waited.toMillis());
        } else {
            VectorFixtures.embedUser(catalogue, user);
        }
    }

    static void requireMovieLens() {
        assumeTrue(movies != null, "MovieLens is absent: download https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"
                + " and unzip it into " + ImportsApiIT.DATASETS + " (or set RECOMMENDER_DATASETS)");
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void a_new_user_who_likes_science_fiction_gets_mostly_science_fiction_and_then_shifts_to_animation() throws SQLException {
        requireVectors();
        String user = "scifi-fan-" + UUID.randomUUID();
        var sciFi = popular("categories @> '{Sci-Fi}' and not categories && '{Animation,Children,Comedy}'", 5);
        var animated = popular("categories @> '{Animation,Children}' and not categories @> '{Sci-Fi}'", 5);
        like(user, sciFi, Instant.now().minusSeconds(120));

        var first = recommendations(user, "n=10");
        assertEquals(10, first.size(), first.toString());
        long sciFiShare = count(first, genre("Sci-Fi"));
        assertTrue(sciFiShare >= 7, "Sci-Fi in " + first);
        for (var item : first) {
            assertEquals("content", item.getString("source"));
            assertTrue(item.getString("reason").startsWith("similar to ‹"), item.toString());
            assertFalse(sciFi.contains(item.getString("itemId")), "already liked: " + item);
        }

        like(user, animated, Instant.now());
        var second = recommendations(user, "n=10");
        long animation = count(second, genre("Animation").or(genre("Children")));
        assertTrue(animation >= 5 && animation > count(first, genre("Animation").or(genre("Children"))),
                "Animation/Children in " + second);
    }

    @Test
    void a_user_who_has_seen_most_of_a_genre_still_gets_n_unseen_items_of_it() throws SQLException {
        requireVectors();
        String user = "completist-" + UUID.randomUUID();
        var allSciFi = popular("categories @> '{Sci-Fi}'", 100_000);
        var unseen = new HashSet<String>();
        var seen = new ArrayList<String>();
        for (int i = 0; i < allSciFi.size(); i++) {
            (i % 20 == 7 ? unseen : seen).add(allSciFi.get(i));
        }
        // views count positively (the taste is Sci-Fi), and every one of them is excluded
        var events = new ArrayList<String>();
        Instant at = Instant.now().minusSeconds(3600);
        for (String item : seen) {
            events.add(event(user, item, "view", at = at.plusMillis(100)));
        }
        Instant sent = Instant.now();
        var stored = movies.post("events:batch", "[" + String.join(",", events) + "]");
        assertEquals(200, stored.status(), stored.body());
        awaitUser(movies.catalogue, user, sent);

        var found = recommendations(user, "n=25&category=Sci-Fi");

        assertEquals(25, found.size(), seen.size() + " of " + allSciFi.size() + " Sci-Fi films seen; got " + found);
        for (var item : found) {
            assertTrue(unseen.contains(item.getString("itemId")), "seen or not Sci-Fi: " + item);
        }
    }

    @Test
    void a_user_without_vector_gets_trending_items_and_the_impressions_are_stored_under_the_request_id() {
        requireMovieLens();
        var reply = movies.get("users/nobody-" + UUID.randomUUID() + "/recommendations?n=7");
        assertEquals(200, reply.status(), reply.body());
        var items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(7, items.size());
        for (var item : items) {
            assertEquals("trending", item.getString("source"));
            assertEquals("popular this week", item.getString("reason"));
        }
        String requestId = reply.json().getString("requestId");
        assertEquals(7L, ((Number) Database.single("select count(*) from impression where request_id = ?::uuid", requestId)).longValue());
        assertEquals(items.get(3).getString("itemId"), Database.single("""
                select i.external_id from impression m join item i on i.id = m.item_id
                 where m.request_id = ?::uuid and m.position = 3 and m.source = 'trending'""", requestId));
    }

    @Test
    void space_adventure_finds_science_fiction_first() {
        requireVectors();
        var reply = movies.get("search?q=space+adventure&n=5");
        assertEquals(200, reply.status(), reply.body());
        var items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(5, items.size());
        assertTrue(genre("Sci-Fi").test(items.getFirst()), "first: " + items);
        assertTrue(count(items, genre("Sci-Fi")) >= 3, items.toString());
        assertEquals("search", items.getFirst().getString("source"));
    }

    @Test
    void similar_items_resemble_the_item_and_leave_it_out() {
        requireVectors();
        String toyStory = popular("title like 'Toy Story (1995)%'", 1).getFirst();
        var reply = movies.get("items/" + toyStory + "/similar?n=10");
        assertEquals(200, reply.status(), reply.body());
        var items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(10, items.size());
        assertTrue(items.stream().noneMatch(i -> i.getString("itemId").equals(toyStory)));
        assertTrue(count(items, genre("Animation").or(genre("Children"))) >= 5, items.toString());
        assertEquals("item-to-item", items.getFirst().getString("source"));
    }

    @Test
    void more_like_these_not_like_those_moves_towards_the_positive_examples() {
        requireVectors();
        var positive = popular("categories @> '{Sci-Fi}' and not categories && '{Animation,Children,Comedy,Horror}'", 3);
        var negative = popular("categories @> '{Horror}' and not categories @> '{Sci-Fi}'", 2);
        var reply = movies.post("recommend", "{\"positive\":" + json(positive) + ",\"negative\":" + json(negative) + ",\"n\":10}");
        assertEquals(200, reply.status(), reply.body());
        var items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(10, items.size());
        assertTrue(count(items, genre("Sci-Fi")) >= 6, items.toString());
        assertTrue(count(items, genre("Horror")) <= 2, items.toString());
        for (var item : items) {
            assertFalse(positive.contains(item.getString("itemId")) || negative.contains(item.getString("itemId")));
        }
        var filtered = movies.post("recommend", "{\"positive\":" + json(positive) + ",\"n\":5,\"category\":[\"Drama\"]}");
        assertEquals(200, filtered.status(), filtered.body());
        assertEquals(5, count(filtered.json().getJsonArray("items").getValuesAs(JsonObject.class), genre("Drama")));
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_unknown_things_are_404() {
        requireMovieLens();
        String item = popular("true", 1).getFirst();
        assertError(movies.get("users/u1/recommendations?n=0"), 400, "n");
        assertError(movies.get("users/u1/recommendations?n=101"), 400, "n");
        assertError(movies.get("users/u1/recommendations?n=ten"), 400, "n");
        assertError(movies.get("users/u1/recommendations?category="), 400, "category");
        assertError(movies.get("search?q=%20%20"), 400, "q");
        assertError(movies.get("search"), 400, "q");
        assertError(movies.get("items/" + item + "/similar?n=1000"), 400, "n");
        assertError(movies.post("recommend", "{\"positive\":[\"no-such-movie\"]}"), 400, "positive");
        assertError(movies.post("recommend", "{\"positive\":[\"" + item + "\"],\"negative\":[\"nope\"]}"), 400, "negative");
        assertError(movies.post("recommend", "{\"positive\":[]}"), 400, "positive");
        assertError(movies.post("recommend", "{\"positive\":\"" + item + "\"}"), 400, "positive");
        assertError(movies.post("recommend", "{\"positive\":[\"" + item + "\"],\"n\":\"x\"}"), 400, "n");
        assertError(movies.get("items/no-such-movie/similar"), 404, null);
        assertEquals(404, Storefront.of("no-such-catalogue-" + UUID.randomUUID(), movies.key).get("users/u1/recommendations").status());
        assertEquals(401, movies.withKey(null).get("users/u1/recommendations").status());
    }

    @Test
    void a_chinese_catalogue_answers_chinese_queries_with_the_chinese_model() throws SQLException {
        var shop = Storefront.create("reco-zh");
        CREATED.add(shop.catalogue);
        String settings = Api.get("/api/v1/catalogues/" + shop.catalogue + "/settings").body();
        assertEquals(200, Api.put("/api/v1/catalogues/" + shop.catalogue + "/settings",
                settings.replaceAll("\"embeddingModel\"\\s*:\\s*\"[^\"]*\"", "\"embeddingModel\":\"bge-small-zh-v15\"")).status());
        String[][] items = {
                {"phone-1", "华为 Mate 60 Pro 智能手机 12GB+512GB 雅丹黑", "手机"},
                {"phone-2", "小米14 徕卡光学镜头 5G手机 骁龙8Gen3", "手机"},
                {"phone-3", "苹果 iPhone 15 128GB 蓝色 移动联通电信5G手机", "手机"},
                {"phone-4", "OPPO Find X7 超光影三摄 5G 拍照手机", "手机"},
                {"phone-5", "vivo X100 蔡司影像 旗舰智能手机 长续航", "手机"},
                {"fruit-1", "新疆阿克苏冰糖心苹果 5斤装 新鲜水果", "水果"},
                {"fruit-2", "海南金煌芒果 大果 当季新鲜水果", "水果"},
                {"fruit-3", "智利进口车厘子 JJ级 2斤礼盒", "水果"},
                {"fruit-4", "赣南脐橙 10斤 甜橙 孕妇水果", "水果"},
                {"fruit-5", "云南蓝莓 鲜果 125g×4盒", "水果"},
                {"book-1", "三体 全三册 刘慈欣 科幻小说", "图书"},
                {"book-2", "活着 余华 长篇小说 经典文学", "图书"},
                {"book-3", "红楼梦 曹雪芹 四大名著 原著无删减", "图书"},
                {"book-4", "Python编程 从入门到实践 第3版", "图书"},
                {"book-5", "人类简史 从动物到上帝 尤瓦尔·赫拉利", "图书"},
                {"kitchen-1", "美的电饭煲 4L 智能预约 家用多功能", "厨房"},
                {"kitchen-2", "苏泊尔不粘锅炒锅 32cm 燃气电磁炉通用", "厨房"},
                {"kitchen-3", "九阳豆浆机 破壁免滤 家用全自动", "厨房"},
                {"kitchen-4", "双立人刀具套装 德国进口 菜刀 七件套", "厨房"},
                {"kitchen-5", "摩飞多功能料理锅 电火锅 网红锅", "厨房"},
                {"shoe-1", "耐克 Air Max 男子跑步鞋 减震透气运动鞋", "鞋"},
                {"shoe-2", "阿迪达斯 Ultraboost 女子跑鞋", "鞋"},
                {"shoe-3", "李宁 䨻 篮球鞋 实战 男款", "鞋"},
                {"shoe-4", "安踏 氢跑鞋 轻量竞速 跑步鞋", "鞋"},
                {"shoe-5", "回力 帆布鞋 经典百搭 小白鞋", "鞋"},
                {"tea-1", "西湖龙井 明前特级 绿茶 250g", "茶"},
                {"tea-2", "云南普洱熟茶 357g 茶饼", "茶"},
                {"tea-3", "福建安溪铁观音 浓香型 乌龙茶", "茶"},
                {"tea-4", "武夷山大红袍 岩茶 礼盒装", "茶"},
                {"tea-5", "正山小种 红茶 罐装 200g", "茶"},
        };
        for (String[] item : items) {
            var put = shop.put("items/" + item[0], "{\"title\":\"" + item[1] + "\",\"categories\":[\"" + item[2] + "\"]}");
            assertEquals(200, put.status(), put.body());
        }
        embedAll(shop.catalogue, "bge-small-zh-v15", items.length);
        assumeTrue(vectors, "no encoder deployed: the item vectors cannot be made");

        assertTopAreAll(shop, "我想买一部拍照好的新手机", "phone-", 3);
        assertTopAreAll(shop, "新鲜的水果", "fruit-", 3);
        assertTopAreAll(shop, "科幻小说", "book-1", 1);
        assertTopAreAll(shop, "跑步穿的运动鞋", "shoe-", 3);
        assertTopAreAll(shop, "好喝的绿茶和红茶", "tea-", 3);
    }

    private static void assertTopAreAll(Storefront shop, String query, String prefix, int top) {
        var reply = shop.get("search?n=" + top + "&q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, reply.status(), reply.body());
        var items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(top, items.size());
        for (var item : items) {
            assertTrue(item.getString("itemId").startsWith(prefix), query + " -> " + items);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertError(Api.Reply reply, int status, String field) {
        var json = Problems.assertProblem(reply, status, null);
        if (field != null) {
            assertEquals(field, json.getString("field"), reply.body());
        }
    }

    private static List<JsonObject> recommendations(String user, String query) {
        var reply = movies.get("users/" + user + "/recommendations?" + query);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** Likes the movies (one event each, a second apart), then brings the user's vector up to date. */
    private static void like(String user, List<String> items, Instant from) throws SQLException {
        var events = new ArrayList<String>();
        for (int i = 0; i < items.size(); i++) {
            events.add(event(user, items.get(i), "like", from.plusSeconds(i)));
        }
        Instant sent = Instant.now();
        var reply = movies.post("events:batch", "[" + String.join(",", events) + "]");
        assertEquals(200, reply.status(), reply.body());
        awaitUser(movies.catalogue, user, sent);
    }

    private static String event(String user, String item, String type, Instant at) {
        return "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"" + type + "\",\"timestamp\":\"" + at + "\"}";
    }

    /** External ids of the catalogue's most rated movies matching the SQL condition on item. */
    private static List<String> popular(String condition, int n) {
        var ids = new ArrayList<String>();
        try (var db = VectorFixtures.database(); var ps = db.prepareStatement("""
                select i.external_id from item i join catalogue c on c.id = i.catalogue_id
                 where c.name = ? and (%s)
                 order by (select count(*) from interaction x where x.item_id = i.id) desc, i.id limit ?""".formatted(condition))) {
            ps.setString(1, movies.catalogue);
            ps.setInt(2, n);
            var rs = ps.executeQuery();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static Predicate<JsonObject> genre(String genre) {
        return item -> item.getJsonArray("categories").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(g -> g.getString().equals(genre));
    }

    private static long count(List<JsonObject> items, Predicate<JsonObject> which) {
        return items.stream().filter(which).count();
    }

    private static String json(List<String> ids) {
        return "[\"" + String.join("\",\"", ids) + "\"]";
    }

}
