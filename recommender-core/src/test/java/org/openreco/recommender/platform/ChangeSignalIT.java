package org.openreco.recommender.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.control.ChangeChannel;
import org.openreco.recommender.platform.control.ChangeNotice;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two nodes' ends of the change signal on the real PostgreSQL: what one sends the other hears, its own
 * notices it does not, and a node whose connection the database cut connects again, reports every
 * catalogue as changed and hears again.
 */
class ChangeSignalIT {

    private final Node a = new Node("it-a-" + System.nanoTime());
    private final Node b = new Node("it-b-" + System.nanoTime());

    @AfterEach
    void stop() throws InterruptedException {
        a.stop();
        b.stop();
    }

    @Test
    void aChangeSentByOneNodeIsHeardByTheOtherOnlyWithinASecond() throws Exception {
        a.awaitConnected();
        b.awaitConnected();

        long sent = System.nanoTime();
        a.channel.send(ChangeNotice.ofUsers(a.id, 1, List.of(11L, 12L)));

        var heard = b.heard.poll(1, TimeUnit.SECONDS);
        assertEquals(ChangeNotice.ofUsers(a.id, 1, List.of(11L, 12L)).getFirst(), heard);
        System.out.printf("ChangeSignalIT: heard on the other node after %.1f ms%n", (System.nanoTime() - sent) / 1e6);
        assertEquals(null, a.heard.poll(300, TimeUnit.MILLISECONDS), "a node skips its own notices");
    }

    @Test
    void aNodeWhoseConnectionWasCutConnectsAgainReportsEveryCatalogueAndHearsAgain() throws Exception {
        a.awaitConnected();
        b.awaitConnected();
        long catalogues = ((Number) single("select count(*) from catalogue")).longValue();

        assertEquals(1L, ((Number) single("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '"
                + b.id + ChangeChannel.APPLICATION_NAME_SUFFIX + "'")).longValue(), "b's listening connection");
        a.channel.send(List.of(ChangeNotice.ofCatalogue(a.id, 2, "sent while b was away")));

        var missed = b.missed.poll(10, TimeUnit.SECONDS);
        assertTrue(missed != null, "b reported the catalogues after connecting again");
        assertTrue(missed.size() >= catalogues, missed.size() + " of " + catalogues + " catalogues");
        b.awaitConnected();
        b.heard.clear();
        a.channel.send(List.of(ChangeNotice.ofCatalogue(a.id, 3, "item hidden")));
        assertEquals("item hidden", b.heard.poll(1, TimeUnit.SECONDS).what());
    }

    @Test
    void aChangeSentWhileTheSendersConnectionIsCutGoesOutWhenItIsBack() throws Exception {
        a.awaitConnected();
        b.awaitConnected();

        single("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '" + a.id
                + ChangeChannel.APPLICATION_NAME_SUFFIX + "'");
        a.channel.send(List.of(ChangeNotice.ofCatalogue(a.id, 4, "model activated")));

        var heard = b.heard.poll(10, TimeUnit.SECONDS);
        assertTrue(heard != null, "the notice went out after a connected again");
        assertEquals(4, heard.catalogueId());
    }

    private static Object single(String sql) throws Exception {
        try (var db = TestDatabase.connect(); var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        }
    }

    private static final class Node {

        final String id;
        final ChangeChannel channel;
        final BlockingQueue<ChangeNotice> heard = new LinkedBlockingQueue<>();
        final BlockingQueue<List<Long>> missed = new LinkedBlockingQueue<>();
        final Thread thread;

        Node(String id) {
            this.id = id;
            var dataSource = new PGSimpleDataSource();
            dataSource.setURL(TestDatabase.URL);
            dataSource.setUser(TestDatabase.USER);
            dataSource.setPassword(TestDatabase.PASSWORD);
            dataSource.setApplicationName(id);
            channel = new ChangeChannel(dataSource, id, new ChangeChannel.Listener() {
                @Override
                public void heard(ChangeNotice notice) {
                    heard.add(notice);
                }

                @Override
                public void missed(List<Long> catalogueIds) {
                    missed.add(catalogueIds);
                }
            });
            thread = Thread.ofPlatform().name("change-signal-" + id).start(channel);
        }

        void awaitConnected() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!channel.connected()) {
                assertTrue(System.nanoTime() < deadline, id + " did not connect");
                Thread.sleep(20);
            }
        }

        void stop() throws InterruptedException {
            channel.stop();
            thread.join(5_000);
        }
    }
}
