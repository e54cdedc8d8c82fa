package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Queued work survives a crash: the WildFly process is killed (SIGKILL, no shutdown) in the middle of a
 * large re-embedding batch, started again the way the build starts it, and every item still ends up
 * with exactly one vector in the active generation, with nothing left in the queue. The server is up
 * and deployed again afterwards, for the tests that follow.
 */
class QueueDurabilityIT {

    private static final int ITEMS = 4_000;

    @Test
    void killing_the_server_mid_batch_loses_no_queued_work_and_embeds_every_item_exactly_once() throws Exception {
        EmbeddingPipelineIT.assumeEncoder();
        var shop = Storefront.create("durable");
        // the quantized model: the same pipeline, twice as fast, so the test stays short
        String settings = Api.get("/api/v1/catalogues/" + shop.catalogue + "/settings").body()
                .replace("\"all-minilm-l6-v2\"", "\"all-minilm-l6-v2-q\"");
        assertEquals(200, Api.put("/api/v1/catalogues/" + shop.catalogue + "/settings", settings).status());
        for (int from = 0; from < ITEMS; from += 1_000) {
            var batch = new StringBuilder("[");
            for (int i = from; i < from + 1_000; i++) {
                batch.append(i == from ? "" : ",").append("{\"externalId\":\"d").append(i)
                        .append("\",\"title\":\"Durable item ").append(i).append("\",\"categories\":[\"c").append(i % 7)
                        .append("\"],\"description\":\"An item whose vector must survive a crash of the server\"}");
            }
            assertEquals(200, shop.post("items:batch", batch.append("]").toString()).status());
        }

        // wait until batches are committing, then kill the server while more are in flight
        EmbeddingPipelineIT.await("the first vectors", () -> vectors(shop) > 0 ? Boolean.TRUE : null);
        long before = vectors(shop);
        assertTrue(before < ITEMS, "the queue must still hold work when the server dies: " + before);
        ItServer.kill();
        long queuedAtCrash = queued(shop);
        assertTrue(queuedAtCrash > 0, "marks left at the crash");

        ItServer.ensureUp();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (queued(shop) > 0 || vectors(shop) < ITEMS || !"all-minilm-l6-v2-q".equals(activeModel(shop))) {
            assertTrue(System.nanoTime() < deadline, "not embedded in time: " + vectors(shop) + " vectors, "
                    + queued(shop) + " queued");
            EmbeddingPipelineIT.sleep(500);
        }
        assertEquals((long) ITEMS, vectors(shop));
        assertEquals(0L, (long) Database.<Long>single("""
                select count(*) from (select v.item_id from item_vector_minilm_q v
                  join embedding_generation g on g.id = v.generation_id and g.status = 'active'
                  join catalogue c on c.id = g.catalogue_id where c.name = ?
                 group by v.item_id having count(*) <> 1) twice""", shop.catalogue));
        assertEquals(0L, (long) Database.<Long>single("""
                select count(*) from item i join catalogue c on c.id = i.catalogue_id where c.name = ?
                   and not exists (select 1 from item_vector_minilm_q v join embedding_generation g
                                     on g.id = v.generation_id and g.status = 'active' where v.item_id = i.id)""",
                shop.catalogue), "every item has its vector");
        assertEquals(0L, (long) Database.<Long>single("select count(*) from embedding_queue q join catalogue c"
                + " on c.id = q.catalogue_id where c.name = ? and q.parked", shop.catalogue), "nothing parked");
    }

    /** Vectors of the active generation (MiniLM-q; fp32 if the first tick came before the settings change). */
    private static long vectors(Storefront shop) {
        return Database.<Long>single("""
                select count(*) from (select generation_id from item_vector_minilm_q union all
                                      select generation_id from item_vector_minilm) v
                  join embedding_generation g on g.id = v.generation_id and g.status = 'active'
                  join catalogue c on c.id = g.catalogue_id where c.name = ?""", shop.catalogue);
    }

    private static String activeModel(Storefront shop) {
        return Database.single("select g.model from embedding_generation g join catalogue c on c.id = g.catalogue_id"
                + " where c.name = ? and g.status = 'active'", shop.catalogue);
    }

    private static long queued(Storefront shop) {
        return Database.count("embedding_queue", shop.catalogue);
    }
}
