package se.plus.it.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import se.plus.it.SipProbe;
import se.plus.it.jms.Integrator;
import se.plus.it.jms.OwnServer;

/**
 * README "Deploying on your own WildFly", followed as a new user would: a WildFly unpacked fresh from
 * the distribution zip, the bundle the build made, the README's command blocks run as written (the
 * one edit of plus.properties in between), then the server is asked what the guide promises: health,
 * a REST dial, a JMS command, SIP OPTIONS. On the database of this run ({@code it.db}): H2, or
 * PostgreSQL in a database of its own. Its own port offset and SIP port, set in plus.properties as a
 * user with another server on the machine would.
 */
class DeploymentGuideIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String JMS_PASSWORD = "guide-jms-password";
    private static final String DB_PASSWORD = System.getProperty("it.pg.password", "");
    private static final String ADMIN_PASSWORD = "guide-admin-password";

    private final Path work = Path.of(System.getProperty("it.guide.dir"));
    private final boolean postgresql = "postgresql".equals(System.getProperty("it.db"));
    private final int offset = OwnServer.freePortOffset(Integer.getInteger("it.guide.port.offset", 750));
    private final int sipPort = OwnServer.freeUdpPort();

    @Test
    void theGuideFollowedAsWrittenGivesAServerThatAnswersOnEveryEntryPoint() throws Exception {
        List<String> blocks = ReadmeGuide.blocks(Path.of(System.getProperty("it.readme")));
        assertEquals(3, blocks.size(), "unpack, configure, deploy and start: " + blocks);
        OwnServer.deleteTree(work);
        Files.createDirectories(work);
        Path home = unzip(Path.of(System.getProperty("it.wildfly.dist")), work);
        Files.copy(Path.of(System.getProperty("it.bundle")), work.resolve("plus-services-bundle.tar.gz"));
        Map<String, String> environment = new LinkedHashMap<>(Map.of("JBOSS_HOME", home.toString(),
                "PLUS_JMS_PASSWORD", JMS_PASSWORD));
        if (postgresql) {
            environment.put("PLUS_DB_PASSWORD", DB_PASSWORD);
            environment.put("PLUS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        }

        run(blocks.get(0), environment, "unpack");
        Path properties = work.resolve("plus-services/plus.properties");
        edit(properties, Map.of("wildfly.config", "standalone.xml"));
        Map<String, String> before = snapshot(home);
        Process wrongProfile = configure(properties, environment);
        assertTrue(wrongProfile.waitFor(5, TimeUnit.MINUTES), "configure.sh on the wrong profile did not finish");
        assertEquals(1, wrongProfile.exitValue(), "standalone.xml has no JMS: configure.sh must refuse it");
        assertEquals(before, snapshot(home), "a failed run leaves the server as it was");
        edit(properties, Map.of("wildfly.config", "standalone-full.xml"));
        run(blocks.get(1), environment, "configure");
        String configured = configuration(home);
        String again = run(blocks.get(1), environment, "configure-again");
        assertTrue(again.contains("offline"), again);
        assertEquals(withoutCiphertexts(configured), withoutCiphertexts(configuration(home)),
                "a second run with the same file changes nothing");
        for (String secret : secrets()) {
            assertFalse(configured.contains(secret), "a secret in clear in the configuration");
        }

        Process server = start(blocks.get(2), environment);
        try {
            awaitHealthy(server);
            String adminPassword = postgresql ? ADMIN_PASSWORD : generatedAdminPassword(home);
            String extension = "1001";
            assertEquals(201, rest("POST", "/api/users", "admin", adminPassword,
                    "{\"extension\":\"" + extension + "\",\"name\":\"Anna\",\"password\":\"anna-rest-pw\",\"sipPassword\":\"anna-sip-pw\"}").statusCode());
            var dial = rest("POST", "/api/users/" + extension + "/dial", extension, "anna-rest-pw",
                    "{\"digits\":\"*21*0812345678#\",\"device\":\"TERMINAL\"}");
            assertEquals(200, dial.statusCode(), dial.body());
            assertTrue(dial.body().contains("\"DONE\""), dial.body());

            try (var integrator = new Integrator(jmsUrl(), "integrator", JMS_PASSWORD)) {
                var reply = integrator.call("{\"extension\":\"" + extension + "\",\"command\":\"GET_SERVICES\"}");
                assertEquals("DONE", reply.outcome(), reply.json().toString());
            }
            assertEquals("SIP/2.0 200 OK", SipProbe.options(sipPort, 3000));

            for (ProcessHandle process : server.descendants().toList()) {
                String commandLine = process.info().commandLine().orElse("");
                for (String secret : secrets()) {
                    assertFalse(commandLine.contains(secret), "a secret on a command line: " + commandLine);
                }
            }
            assertEquals(204, rest("PUT", "/api/accounts/admin/password", "admin", adminPassword,
                    "{\"password\":\"a-new-one\"}").statusCode());
            assertEquals(200, rest("GET", "/api/users/" + extension, "admin", "a-new-one", null).statusCode());

            String online = run(blocks.get(1), environment, "configure-running");
            assertTrue(online.contains("online"), online);
        } finally {
            OwnServer.stop(server);
        }
    }

    /** The one edit the guide asks for: what differs from the shipped file, as a user would type it. */
    private void edit(Path properties, Map<String, String> more) throws IOException {
        Map<String, String> changes = new LinkedHashMap<>(more);
        changes.put("wildfly.port-offset", String.valueOf(offset));
        changes.put("wildfly.heap", "1g");
        changes.put("plus.sip.port", String.valueOf(sipPort));
        if (postgresql) {
            changes.put("plus.db.driver", "postgresql");
            changes.put("plus.db.url", guideDatabase());
            changes.put("plus.db.user", System.getProperty("it.pg.user"));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(properties));
        for (var change : changes.entrySet()) {
            String line = change.getKey() + "=" + change.getValue();
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("#?" + java.util.regex.Pattern.quote(change.getKey()) + "=.*")) {
                    at = i;
                }
            }
            if (at < 0) {
                lines.add(line);
            } else {
                lines.set(at, line);
            }
        }
        Files.write(properties, lines);
    }

    /** A database of the guide's own beside the one the other tests use: two servers must not share one. */
    private String guideDatabase() {
        String url = System.getProperty("it.pg.url");
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        // Named after the port offset, which no other server running now has: runs beside it get their own.
        String database = "plus_guide_" + offset;
        try (var connection = DriverManager.getConnection(server + "postgres", System.getProperty("it.pg.user"), DB_PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException failed) {
            throw new IllegalStateException("could not create the database " + database + " at " + server, failed);
        }
        return server + database;
    }

    private String generatedAdminPassword(Path home) throws IOException {
        Path file = home.resolve("standalone/data/plus/first-administrator-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).strip();
        assertFalse(Files.readString(home.resolve("standalone/log/server.log")).contains(password),
                "the generated password is in the log");
        return password;
    }

    private List<String> secrets() {
        return postgresql ? List.of(JMS_PASSWORD, ADMIN_PASSWORD) : List.of(JMS_PASSWORD);
    }

    private Process configure(Path properties, Map<String, String> environment) throws IOException {
        var builder = new ProcessBuilder(work.resolve("plus-services/configure.sh").toString(), properties.toString())
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("configure-wrong-profile.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * What configure.sh may change: every file's content in the configuration and bin/, every module
     * file's name. Not what any start of a server (the embedded one too) writes: data, log, tmp, history.
     */
    private static Map<String, String> snapshot(Path home) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var paths = Files.walk(home)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String name = home.relativize(path).toString();
                if (name.startsWith("standalone/configuration/standalone_xml_history")) {
                    continue;
                }
                if (name.startsWith("standalone/configuration/") || name.startsWith("bin/")) {
                    files.put(name, Files.readString(path, StandardCharsets.ISO_8859_1));
                } else if (name.startsWith("modules/")) {
                    files.put(name, "");
                }
            }
        }
        return files;
    }

    private static String configuration(Path home) throws IOException {
        return Files.readString(home.resolve("standalone/configuration/standalone-full.xml"));
    }

    /** Each run encrypts the secrets it is given anew, with a fresh initialisation vector. */
    private static String withoutCiphertexts(String xml) {
        return xml.replaceAll("\\$\\{ENC::[^}]*}", "\\${ENC::...}");
    }

    private String run(String block, Map<String, String> environment, String name) throws Exception {
        Path log = work.resolve(name + ".log");
        var builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within 5 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), name + " failed:\n" + block + "\n" + output);
        return output;
    }

    private Process start(String block, Map<String, String> environment) throws IOException {
        var builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
        builder.environment().putAll(environment);
        builder.environment().remove("JAVA_OPTS");
        return builder.start();
    }

    private void awaitHealthy(Process server) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited: " + Files.readString(work.resolve("server.log")));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(http("/api/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            // The server cannot tell us when the deployment is done: asked again every half second.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new AssertionError("not healthy within 5 minutes: " + Files.readString(work.resolve("server.log")));
    }

    private HttpResponse<String> rest(String method, String path, String user, String password, String json) throws Exception {
        var request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + path);
    }

    /** The README's integrator URL, on this server's HTTP port. */
    private String jmsUrl() {
        return "tcp://127.0.0.1:" + (8080 + offset) + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor"
                + "&activemqServerName=default&enable1xPrefixes=true";
    }

    /** The distribution as a user unpacks it; java.util.zip drops the modes, so the scripts get theirs back. */
    private static Path unzip(Path zip, Path into) throws IOException {
        Path top = null;
        try (var archive = new ZipFile(zip.toFile())) {
            for (var entry : java.util.Collections.list(archive.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var in = archive.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (target.toString().endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return top;
    }
}
