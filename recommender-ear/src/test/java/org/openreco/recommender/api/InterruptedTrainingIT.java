package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A training the server dies in (SIGKILL, as a crash would) does not stay "training" for ever: at the
 * next start InterruptedTrainings marks it failed with a reason, removes what it had stored, and the
 * catalogue can be trained again. The server is up and deployed again afterwards, for the tests that
 * follow.
 */
class InterruptedTrainingIT {

    private static final int USERS = 2_000;
    private static final int EVENTS_PER_USER = 30;
    private static final int ITEMS = 1_500;

    @Test
    void aTrainingTheServerDiesInIsMarkedFailedAtTheNextStartAndTheCatalogueTrainsAgain() throws Exception {
        var shop = Storefront.create("interrupted");
        ImportsApiIT.pauseEmbedding(shop.catalogue); // the CPU goes to the training, not to embedding
        sendLikes(shop);
        String base = "/api/v1/admin/catalogues/" + shop.catalogue;

        // many epochs: the training is still running when the server dies
        var start = Api.post(base + "/training", "{\"factors\":64,\"epochs\":200}");
        assertEquals(202, start.status(), start.body());
        long id = start.json().getJsonNumber("id").longValue();
        var running = TrainingApiIT.await(() -> Api.get(base + "/training/" + id).json(),
                v -> Set.of("evaluating", "training").contains(v.getJsonObject("progress").getString("phase")));
        assertEquals("training", running.getString("status"), running.toString());

        ItServer.kill();
        ItServer.ensureUp();

        var after = Api.get(base + "/training/" + id).json();
        assertEquals("failed", after.getString("status"), after.toString());
        assertTrue(after.getString("error").contains("interrupted by a server restart"), after.toString());
        for (String table : new String[] {"item_factor", "user_factor", "item_neighbours"}) {
            Number rows = Database.single("select count(*) from " + table + " where model_version_id = ?", id);
            assertEquals(0, rows.intValue(), table + " rows of the interrupted version");
        }

        var again = Api.post(base + "/training", "{\"factors\":16,\"epochs\":3}");
        assertEquals(202, again.status(), "not blocked by the interrupted one: " + again.body());
        long second = again.json().getJsonNumber("id").longValue();
        var trained = TrainingApiIT.awaitFinished(base, second);
        assertEquals("active", trained.getString("status"), trained.toString());
    }

    /** USERS users liking EVENTS_PER_USER items each, from a few taste groups, items created on the fly. */
    static void sendLikes(Storefront shop) {
        var random = new Random(11);
        var batch = new StringBuilder();
        int inBatch = 0;
        for (int u = 0; u < USERS; u++) {
            int group = u % 10;
            for (int e = 0; e < EVENTS_PER_USER; e++) {
                int item = group * (ITEMS / 10) + random.nextInt(ITEMS / 10);
                batch.append(inBatch++ == 0 ? "[" : ",").append("{\"user\":\"u").append(u).append("\",\"item\":\"i").append(item)
                        .append("\",\"type\":\"like\"}");
                if (inBatch == 10_000) {
                    post(shop, batch.append(']').toString());
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0) {
            post(shop, batch.append(']').toString());
        }
    }

    private static void post(Storefront shop, String events) {
        var reply = shop.post("events:batch?createMissingItems=true", events);
        assertEquals(200, reply.status(), reply.body());
    }
}
