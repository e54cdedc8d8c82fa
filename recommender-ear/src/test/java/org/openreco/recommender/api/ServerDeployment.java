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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redeploys the EAR on the IT server through its management interface (jboss-cli, authenticated as the
 * local user that runs both) and waits until the application is ready again, so that later tests find
 * it as before. Failsafe passes the management URL and the provisioned server's folder (see the ear pom).
 */
final class ServerDeployment {

    static final String MANAGEMENT_URL = System.getProperty("it.management.url", "http://localhost:10090");
    static final Path WILDFLY = Path.of(System.getProperty("it.wildfly.home", "target/server/wildfly"));
    static final String EAR = "recommender.ear";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerDeployment() {
    }

    /** Undeploys and deploys the EAR again (the same content), then waits for readiness. */
    static void redeploy() throws IOException, InterruptedException {
        var port = URI.create(MANAGEMENT_URL).getPort();
        Path log = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "redeploy-", ".log");
        var cli = new ProcessBuilder(List.of(WILDFLY.resolve("bin/jboss-cli.sh").toString(),
                "--connect", "--controller=remote+http://localhost:" + port,
                "--command=/deployment=" + EAR + ":redeploy"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
        var process = cli.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jboss-cli redeploy did not finish in 180 s: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (process.exitValue() != 0 || !output.contains("\"outcome\" => \"success\"")) {
            throw new AssertionError("redeploy failed (exit " + process.exitValue() + "): " + output);
        }
        awaitReady();
    }

    /** /health/ready answers 200 once every deployment is up and the database check passes. */
    static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(MANAGEMENT_URL + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server is not ready " + READY_TIMEOUT.toSeconds() + " s after the redeploy: " + last);
    }
}
