package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.Fixture;
import org.openreco.recommender.platform.TestDatabase;
import org.openreco.recommender.recommendations.entity.Source;

/** The group commit of impressions on the real database: many answers at once, each stored exactly once. */
class ImpressionBatchesIT {

    static final int THREADS = 24;
    static final int ANSWERS_PER_THREAD = 40;

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void concurrent_answers_each_return_with_their_impressions_stored_once() throws Exception {
        try (var connection = TestDatabase.connect(); var shop = Fixture.catalogue(connection)) {
            long user = shop.user("u1");
            var shown = List.of(candidate(shop.item("a"), "a"), candidate(shop.item("b"), "b"), candidate(shop.item("c"), "c"));
            var batches = new ImpressionBatches();
            batches.dataSource = TestDatabase.dataSource();
            var requests = new ArrayList<UUID>();
            var answers = new ArrayList<Callable<Void>>();
            for (int i = 0; i < THREADS * ANSWERS_PER_THREAD; i++) {
                var request = UUID.randomUUID();
                requests.add(request);
                answers.add(() -> {
                    batches.write(new ImpressionLog.Shown(shop.id(), request, user, shown));
                    return null;
                });
            }
            try (var pool = Executors.newFixedThreadPool(THREADS)) {
                for (var done : pool.invokeAll(answers, 120, TimeUnit.SECONDS)) {
                    assertTrue(done.isDone() && !done.isCancelled(), "every answer returned");
                    done.get();
                }
            }

            assertEquals(3L * requests.size(), shop.count("impression"));
            try (var perRequest = connection.prepareStatement("""
                    select count(distinct request_id), min(n), max(n)
                    from (select request_id, count(*) n from impression where catalogue_id = ? group by request_id) r""")) {
                perRequest.setLong(1, shop.id());
                try (var row = perRequest.executeQuery()) {
                    row.next();
                    assertEquals(requests.size(), row.getInt(1), "one request id per answer");
                    assertEquals(3, row.getInt(2));
                    assertEquals(3, row.getInt(3), "no answer's impressions written twice");
                }
            }
        }
    }

    @Test
    void an_answer_without_items_writes_nothing() throws SQLException {
        try (var connection = TestDatabase.connect(); var shop = Fixture.catalogue(connection)) {
            var batches = new ImpressionBatches();
            batches.dataSource = TestDatabase.dataSource();
            batches.write(new ImpressionLog.Shown(shop.id(), UUID.randomUUID(), null, List.of()));
            assertEquals(0, shop.count("impression"));
        }
    }

    private static Candidate candidate(long id, String externalId) {
        return new Candidate(id, externalId, externalId, List.of(), 1.0, Source.CONTENT, null);
    }
}
