package org.openreco.recommender.platform.boundary;

/**
 * This server's name in a cluster: {@code jboss.node.name} (bin/server.sh gives each instance its own; WildFly
 * defaults to the host name). Work a server runs (imports, trainings, evaluations) carries it, so that a
 * server recovers after a restart only what it was running itself.
 */
public final class ServerNode {

    private ServerNode() {
    }

    public static String name() {
        return System.getProperty("jboss.node.name", "standalone");
    }
}
