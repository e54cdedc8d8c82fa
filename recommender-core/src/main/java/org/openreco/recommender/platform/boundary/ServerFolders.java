package org.openreco.recommender.platform.boundary;

import java.nio.file.Path;

/** Where the application keeps its own files on this server. */
public final class ServerFolders {

    private ServerFolders() {
    }

    /** {@code recommender} in the server's data folder ({@code jboss.server.data.dir}). */
    public static Path data() {
        String data = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        return Path.of(data, "recommender").toAbsolutePath().normalize();
    }
}
