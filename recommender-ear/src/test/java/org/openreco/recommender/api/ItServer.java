package org.openreco.recommender.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The IT server's process, for tests that must lose it: killed the hard way (SIGKILL to the Java process
 * whose id bin/server.sh keeps in the instance's server.pid), restarted with other settings, and brought
 * back with {@code bin/server.sh up} (start + deploy the EAR) and the environment the ear module's pom
 * starts it with.
 */
final class ItServer {

    static final int OFFSET = Integer.getInteger("it.port.offset", 100);
    private static final Path MODULE = Path.of(System.getProperty("user.dir")).toAbsolutePath(); // recommender-ear
    private static final Path INSTANCE = MODULE.resolve("target/server/instance-" + OFFSET);
    private static final String MANAGEMENT = System.getProperty("it.management.url", "http://localhost:" + (9990 + OFFSET));

    private ItServer() {
    }

    /** SIGKILL, as a crash or power loss would stop it: no shutdown hook, no graceful undeploy. */
    static void kill() throws Exception {
        killAt(OFFSET);
    }

    /** SIGKILL to the server at that port offset. */
    static void killAt(int offset) throws Exception {
        Path instance = MODULE.resolve("target/server/instance-" + offset);
        long pid = Long.parseLong(Files.readString(instance.resolve("server.pid")).strip());
        var process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
        // the whole command line from /proc: ProcessHandle's may be cut short of the base dir's argument
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        String command = Files.isReadable(cmdline) ? Files.readString(cmdline).replace('\0', ' ')
                : process.info().commandLine().orElse("");
        if (!command.contains("-Djboss.server.base.dir=" + instance)) {
            throw new IllegalStateException("process " + pid + " is not the IT server of " + instance + ": " + command);
        }
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** The server's threads and their stacks now ({@code jcmd Thread.print}). */
    static String threadDump() throws Exception {
        long pid = Long.parseLong(Files.readString(INSTANCE.resolve("server.pid")).strip());
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var process = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " Thread.print failed: " + dump);
        }
        return dump;
    }

    /** Starts the server and deploys the EAR, with its usual environment, unless it is up and ready already. */
    static void ensureUp() throws Exception {
        if (!ready()) {
            up(Map.of());
        }
    }

    /** Stops the server gracefully and starts it again with these variables on top of its usual environment. */
    static void restart(Map<String, String> environment) throws Exception {
        serverSh("stop", Map.of());
        up(environment);
    }

    /** bin/server.sh up: start + deploy the EAR, with the environment the pom starts the IT server with. */
    private static void up(Map<String, String> environment) throws Exception {
        upAt(OFFSET, environment);
    }

    /**
     * Another server on the same database at another port offset (its own instance folder, see
     * bin/server.sh): a second node. {@link #stopAt} stops it.
     */
    static void upAt(int offset, Map<String, String> environment) throws Exception {
        var env = new HashMap<String, String>();
        env.put("EAR", MODULE.resolve("target/recommender.ear").toString());
        env.put("ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        env.put("DB_URL", System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test"));
        env.put("DB_USER", System.getenv().getOrDefault("DB_USER", "recommender"));
        env.put("DB_PASSWORD", System.getenv().getOrDefault("DB_PASSWORD", "recommender"));
        env.put("RECOMMENDER_DEMO", "false");
        env.put("RECOMMENDER_IMPORT_DIRS", ImportsApiIT.IMPORT_DIR.toString());
        env.putAll(environment);
        serverSh(offset, "up", env);
    }

    /** bin/server.sh stop: SIGTERM to the Java process of the instance at that offset, SIGKILL if it lingers. */
    static void stopAt(int offset) throws Exception {
        serverSh(offset, "stop", Map.of());
    }

    /**
     * WildFly's load balancer at that port offset (bin/server.sh with SERVER_ROLE=balancer): HTTP 8080 + offset,
     * nodes register on its MCMP port {@link #mcmpPort}. {@link #stopBalancerAt} stops it.
     */
    static void balancerUpAt(int offset) throws Exception {
        serverSh(offset, "start", Map.of("SERVER_ROLE", "balancer"));
    }

    static void stopBalancerAt(int offset) throws Exception {
        serverSh(offset, "stop", Map.of("SERVER_ROLE", "balancer"));
    }

    static int mcmpPort(int balancerOffset) {
        return 6666 + balancerOffset;
    }

    /** Whether the server at that port offset answers ready. */
    static boolean readyAt(int offset) {
        return ready("http://localhost:" + (9990 + offset));
    }

    private static void serverSh(String command, Map<String, String> environment) throws Exception {
        serverSh(OFFSET, command, environment);
    }

    private static void serverSh(int offset, String command, Map<String, String> environment) throws Exception {
        var builder = new ProcessBuilder(List.of("bash", MODULE.resolve("../bin/server.sh").normalize().toString(), command))
                .directory(MODULE.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        builder.environment().put("PORT_OFFSET", Integer.toString(offset));
        var process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroy();
            throw new IllegalStateException("bin/server.sh " + command + " failed");
        }
    }

    static boolean ready() {
        return ready(MANAGEMENT);
    }

    private static boolean ready(String management) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(management + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
