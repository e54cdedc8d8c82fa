package org.openreco.recommender.platform.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openreco.recommender.platform.control.ChangeChannel;
import org.openreco.recommender.platform.control.ChangeNotice;

/**
 * Carries {@link UsersChanged}, {@link CatalogueChanged} and {@link CatalogueAccessChanged} to every other node on the same database, so
 * that what a node keeps in memory follows a change made through another node within a fraction of a
 * second: each change this node commits goes out as a PostgreSQL notification ({@link ChangeChannel}),
 * and each other node's is fired here again, with {@code remote} set so that it is not sent on.
 *
 * <p>The node id is the server's {@code jboss.node.name} with a random suffix per start: two servers on
 * one machine share their default node name, and a restarted node is another listener.
 */
@ApplicationScoped
public class ClusterChanges {

    private static final Logger LOG = Logger.getLogger(ClusterChanges.class.getName());

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    @Inject
    Event<UsersChanged> usersChanged;

    @Inject
    Event<CatalogueChanged> catalogueChanged;

    @Inject
    Event<CatalogueAccessChanged> accessChanged;

    private final String node = nodeId(System.getProperty("jboss.node.name"), UUID.randomUUID());
    private volatile ChangeChannel channel;
    private Thread thread;
    /** The other nodes' changes are fired here, in order, so that a slow observer never holds up the signal. */
    private ExecutorService delivery;

    /** Starts listening with the application (once, though every module of the EAR announces its start). */
    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (channel != null) {
            return;
        }
        delivery = Executors.newSingleThreadExecutor(threads);
        channel = new ChangeChannel(dataSource, node, new ChangeChannel.Listener() {
            @Override
            public void heard(ChangeNotice notice) {
                deliver(() -> fire(notice));
            }

            @Override
            public void missed(List<Long> catalogueIds) {
                deliver(() -> catalogueIds.forEach(id -> catalogueChanged.fire(
                        new CatalogueChanged(id, "change signal reconnected: changes may have been missed", true))));
            }
        });
        thread = threads.newThread(channel);
        thread.setName("change-signal");
        thread.setDaemon(true);
        thread.start();
        LOG.log(Level.INFO, "change signal: node {0} listens on {1}", new Object[] {node, ChangeChannel.CHANNEL});
    }

    @PreDestroy
    synchronized void stop() {
        if (channel == null) {
            return;
        }
        channel.stop();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
    }

    void usersChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) UsersChanged change) {
        if (!change.remote() && channel != null) {
            channel.send(ChangeNotice.ofUsers(node, change.catalogueId(), change.userIds()));
        }
    }

    void catalogueChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueChanged change) {
        if (!change.remote() && channel != null) {
            channel.send(List.of(ChangeNotice.ofCatalogue(node, change.catalogueId(), change.what())));
        }
    }

    void accessChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueAccessChanged change) {
        if (!change.remote() && channel != null) {
            channel.send(List.of(ChangeNotice.ofAccess(node, change.catalogueId())));
        }
    }

    private void deliver(Runnable firing) {
        delivery.execute(() -> {
            try {
                firing.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "change signal: an observer of another node's change failed", e);
            }
        });
    }

    private void fire(ChangeNotice notice) {
        switch (notice.kind()) {
            case USERS -> usersChanged.fire(new UsersChanged(notice.catalogueId(), notice.userIds(), true));
            case CATALOGUE -> catalogueChanged.fire(new CatalogueChanged(notice.catalogueId(), notice.what(), true));
            case ACCESS -> accessChanged.fire(new CatalogueAccessChanged(notice.catalogueId(), true));
        }
    }

    /** One word: the node name's safe characters, and a random suffix. */
    static String nodeId(String nodeName, UUID random) {
        String name = nodeName == null ? "" : nodeName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty()) {
            name = "node";
        }
        return (name.length() > 64 ? name.substring(0, 64) : name) + "-" + random.toString().substring(0, 8);
    }
}
