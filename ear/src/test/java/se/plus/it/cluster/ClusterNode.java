package se.plus.it.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import se.plus.it.jms.OwnServer;

/**
 * One node of a test cluster, started the way the README tells an operator to: {@code cluster.sh node <i> <n>}
 * on the WildFly the build configured (standalone-plus-ha.xml), with the EAR the build made.
 */
final class ClusterNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int index;
    private final int portOffset;
    private final Path dir;
    private Process process;

    ClusterNode(int index, int baseOffset, Path dir) {
        this.index = index;
        this.portOffset = baseOffset + 100 * (index - 1);
        this.dir = dir;
    }

    void start(int of, Map<String, String> environment) throws IOException {
        Path script = Path.of(System.getProperty("basedir", "."), "src/main/wildfly/cluster.sh");
        Files.createDirectories(dir.resolve("node" + index));
        var builder = new ProcessBuilder(List.of("bash", script.toString(), "node", String.valueOf(index), String.valueOf(of)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node" + index).resolve("console.log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx768m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m");
        builder.environment().remove("JAVA_OPTS");
        process = builder.start();
    }

    /** Healthy by the application's own probes (SIP, database, broker), or an exception at the deadline. */
    void awaitHealthy(Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node" + index + " exited: " + consoleTail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(http("/api/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("node" + index + " not healthy in time: " + consoleTail());
    }

    int sipPort() {
        return 5060 + portOffset;
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + portOffset) + path);
    }

    String jmsUrl() {
        return "tcp://127.0.0.1:" + (8080 + portOffset)
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&activemqServerName=default&enable1xPrefixes=true";
    }

    HttpResponse<String> rest(String user, String password, String method, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(http(path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return rest(System.getProperty("it.admin.user"), System.getProperty("it.admin.password"), method, path, json);
    }

    /** SIGKILL to the node's JVM: no shutdown hook, no goodbye to the cluster. */
    void kill() {
        List<ProcessHandle> jvms = process.toHandle().descendants().toList();
        jvms.forEach(ProcessHandle::destroyForcibly);
        jvms.forEach(jvm -> jvm.onExit().join());
        process.destroyForcibly();
    }

    String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("node" + index).resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException unreadable) {
            return "(no console log: " + unreadable + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            OwnServer.stop(process);
        }
    }
}
