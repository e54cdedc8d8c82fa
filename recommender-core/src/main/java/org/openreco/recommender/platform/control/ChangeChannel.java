package org.openreco.recommender.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This node's end of the change signal between the nodes sharing a database: one connection of its own
 * that {@code LISTEN}s on {@value #CHANNEL}, sends this node's notices with {@code pg_notify} and hands the
 * other nodes' notices to a {@link Listener}. Runs on one thread until stopped.
 *
 * <p>Sending from the listening connection keeps the signal to one connection per node and keeps a
 * notice that could not be sent (the connection broke) for the next connection. When the connection
 * breaks (a database restart, a terminated backend) the channel connects again with back-off, and then
 * reports every catalogue as changed: whatever other nodes sent meanwhile is lost.
 */
public class ChangeChannel implements Runnable {

    public static final String CHANNEL = "recommender_changes";
    /** Appended to the listening connection's application name. */
    public static final String APPLICATION_NAME_SUFFIX = " change signal";

    /** Another node's changes wait at most this long, plus the time to send this node's. */
    static final int POLL_MILLIS = 50;
    /** An idle connection is probed this often: a peer that vanished without closing is noticed only so. */
    static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long MIN_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    /** Notices waiting beyond this become one catalogue-wide notice each (while the database is away). */
    static final int OUTBOX_LIMIT = 10_000;

    private static final Logger LOG = Logger.getLogger(ChangeChannel.class.getName());

    /** What the other nodes changed. Called on the channel's thread; what it throws is logged. */
    public interface Listener {

        void heard(ChangeNotice notice);

        /** The channel was disconnected and is back: any of these catalogues may have changed meanwhile. */
        void missed(List<Long> catalogueIds);
    }

    private final DataSource dataSource;
    private final String node;
    private final Listener listener;
    private final BlockingQueue<ChangeNotice> outbox = new LinkedBlockingQueue<>(OUTBOX_LIMIT);
    private final Set<Long> overflowed = ConcurrentHashMap.newKeySet();
    private final List<ChangeNotice> sending = new ArrayList<>();
    private volatile boolean stopped;
    private volatile boolean connected;

    public ChangeChannel(DataSource dataSource, String node, Listener listener) {
        this.dataSource = dataSource;
        this.node = node;
        this.listener = listener;
    }

    /** Queues this node's notices; the channel's thread sends them within {@value #POLL_MILLIS} ms. */
    public void send(List<ChangeNotice> notices) {
        for (var notice : notices) {
            if (!outbox.offer(notice)) {
                overflowed.add(notice.catalogueId());
            }
        }
    }

    public void stop() {
        stopped = true;
    }

    /** Whether the channel listens now. */
    public boolean connected() {
        return connected;
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        boolean lost = false;
        while (!stopped) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    listen(connection);
                    if (lost) {
                        LOG.info("change signal: connected again; every catalogue counts as changed");
                        var catalogues = catalogueIds(connection);
                        tell(() -> listener.missed(catalogues));
                        lost = false;
                    }
                    connected = true;
                    backoff = MIN_BACKOFF_MILLIS;
                    serve(connection);
                } finally {
                    connected = false;
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                if (!lost) {
                    LOG.log(Level.WARNING, "change signal: connection lost ({0}); connecting again", e.toString());
                }
                lost = true;
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** Listens, and names the connection so that an operator (or a test) finds it among the pool's. */
    private void listen(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("listen " + CHANNEL);
            statement.execute("select set_config('application_name', left(current_setting('application_name'), 40) || '"
                    + APPLICATION_NAME_SUFFIX + "', false)");
        }
    }

    /** Sends and receives until stopped; throws when the connection breaks. */
    private void serve(Connection connection) throws SQLException {
        var notifications = connection.unwrap(PGConnection.class);
        long lastStatement = System.nanoTime();
        while (!stopped) {
            if (sendWaiting(connection)) {
                lastStatement = System.nanoTime();
            } else if (System.nanoTime() - lastStatement > PROBE_NANOS) {
                try (var statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                lastStatement = System.nanoTime();
            }
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            if (received != null) {
                for (var notification : received) {
                    receive(notification);
                }
            }
        }
    }

    /** Sends what waits, merged; a notice stays in {@link #sending} until it went out. */
    private boolean sendWaiting(Connection connection) throws SQLException {
        outbox.drainTo(sending);
        for (var it = overflowed.iterator(); it.hasNext();) {
            sending.add(ChangeNotice.ofCatalogue(node, it.next(), "changes while the signal was congested"));
            it.remove();
        }
        if (sending.isEmpty()) {
            return false;
        }
        var merged = ChangeNotice.merged(node, sending);
        sending.clear();
        sending.addAll(merged);
        try (var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
            while (!sending.isEmpty()) {
                statement.setString(1, CHANNEL);
                statement.setString(2, sending.getFirst().payload());
                statement.execute();
                sending.removeFirst();
            }
        }
        return true;
    }

    private void receive(PGNotification notification) {
        if (!CHANNEL.equals(notification.getName())) {
            return;
        }
        var notice = ChangeNotice.parse(notification.getParameter());
        if (notice.isEmpty()) {
            LOG.log(Level.WARNING, "change signal: cannot read ''{0}''", notification.getParameter());
        } else if (!node.equals(notice.get().node())) {
            tell(() -> listener.heard(notice.get()));
        }
    }

    private static List<Long> catalogueIds(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery("select id from catalogue")) {
            var ids = new ArrayList<Long>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    /** What the listener (the observers behind it) throws must not be taken for a broken connection. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "change signal: an observer failed", e);
        }
    }

    /**
     * A pooled connection must not go back to the pool still listening: it would hoard notifications. A
     * broken one is left alone (the pool's validation discards it) rather than made to fail once more.
     */
    private static void unlisten(Connection connection) {
        try {
            if (!connection.isValid(1)) {
                return;
            }
            try (var statement = connection.createStatement()) {
                statement.execute("unlisten *");
                statement.execute("reset application_name");
            }
        } catch (SQLException | RuntimeException e) {
            // broken after all: the pool's validation discards it
        }
    }

    /** An interrupt while waiting to connect again is the server stopping the thread. */
    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }
}
