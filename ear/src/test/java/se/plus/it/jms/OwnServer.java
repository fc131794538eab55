package se.plus.it.jms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server of the test's own, for what the shared Arquillian server must not suffer (kill -9): the
 * WildFly the build configured, run with a server base directory of its own (configuration, the EAR in
 * deployments/, data, log) and its own port offset, so it neither touches nor collides with the
 * other. On its embedded H2 file database unless told to use a PostgreSQL database of its own
 * ({@link #onPostgresql}): the shared test database holds the Arquillian server's rows.
 */
public final class OwnServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home = Path.of(System.getProperty("server.home"));
    private final String config = System.getProperty("server.config");
    private final Path base;
    private final int portOffset;
    private final int sipPort;
    private List<String> database = List.of("-Dplus.db.driver=h2");
    private Process process;

    OwnServer(Path base, int portOffset) {
        this.base = base;
        this.portOffset = portOffset;
        this.sipPort = freeUdpPort();
    }

    /** The server's database: a PostgreSQL database of its own (see {@link ScratchDatabase}). */
    OwnServer onPostgresql(String url, String user, String password) {
        database = List.of("-Dplus.db.driver=postgresql", "-Dplus.db.url=" + url, "-Dplus.db.user=" + user,
                "-Dplus.db.password=" + password);
        return this;
    }

    /** A fresh base directory: the configured server's configuration, the EAR about to be deployed. */
    OwnServer prepare(java.util.function.UnaryOperator<String> configEdit) throws IOException {
        deleteTree(base);
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
        Path xml = configuration.resolve(config);
        Files.writeString(xml, configEdit.apply(Files.readString(xml)));
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("ear.file")), deployments.resolve("plus-services.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    void start(Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", config,
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Dplus.sip.port=" + sipPort,
                "-Dplus.admin.username=" + System.getProperty("it.admin.user"),
                "-Dplus.admin.password=" + System.getProperty("it.admin.password")));
        command.addAll(database);
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m");
        builder.environment().remove("JAVA_OPTS");
        process = builder.start();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + consoleTail());
            }
            if (healthy()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server was not healthy within " + timeout + ": " + consoleTail());
    }

    /** SIGKILL to the JVM: no shutdown hook, no flush, nothing graceful. */
    void kill() throws InterruptedException {
        List<ProcessHandle> jvms = process.toHandle().descendants().toList();
        jvms.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle jvm : jvms) {
            jvm.onExit().join();
        }
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        stop(process);
    }

    /** SIGTERM to a started server's process tree (its JVM shuts down gracefully), SIGKILL after 60 s. */
    public static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> jvms = process.toHandle().descendants().toList();
        jvms.forEach(ProcessHandle::destroy);
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException slow) {
                jvm.destroyForcibly();
            }
        }
        process.destroy();
        process.waitFor();
    }

    String jmsUrl() {
        return "tcp://127.0.0.1:" + (8080 + portOffset)
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&activemqServerName=default"
                + "&enable1xPrefixes=true";
    }

    /** A REST call as the first administrator; the body of the answer, or an exception if not 2xx. */
    String admin(String method, String path, String json) throws IOException, InterruptedException {
        String credentials = System.getProperty("it.admin.user") + ":" + System.getProperty("it.admin.password");
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + portOffset) + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(base.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return "(no console log: " + unreadable + ")";
        }
    }

    /** The console's warnings and errors (at most twenty, the first ones): what went wrong since the start. */
    String consoleWarnings() {
        try (Stream<String> lines = Files.lines(base.resolve("console.log"))) {
            return String.join("\n", lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).limit(20).toList());
        } catch (IOException | UncheckedIOException unreadable) {
            return "(no console log: " + unreadable + ")";
        }
    }

    /** Standalone-full's ports: HTTP(S), management, transactions, IIOP. */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 4712, 4713, 3528, 3529};

    /**
     * The first port offset from {@code from} on (in steps of 10) at which none of the server's ports is
     * taken: other servers (other test runs, other developers) may hold any given offset.
     */
    public static int freePortOffset(int from) {
        for (int offset = from; offset < from + 500; offset += 10) {
            boolean free = true;
            for (int port : PORTS) {
                try (var socket = new java.net.ServerSocket()) {
                    socket.bind(new java.net.InetSocketAddress("127.0.0.1", port + offset));
                } catch (IOException taken) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset from " + from);
    }

    public static int freeUdpPort() {
        try (var socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new UncheckedIOException(none);
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
