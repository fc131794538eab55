package se.plus.it.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.plus.it.PlusServer;

/**
 * Runs one of the SIPp scenarios kept in {@code ear/src/test/sipp} against the deployed server, one
 * call per injection line, and gives back its exit code (0: every call passed) and its log.
 */
final class Sipp {

    record Run(int exitCode, String log, String errors, String screen) {

        boolean passed() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "sipp exit " + exitCode + "\n--- log\n" + log + "\n--- errors\n" + errors + "\n--- screen\n" + screen;
        }
    }

    private Sipp() {
    }

    static Path scenario(String name) {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "sipp", name + ".xml");
    }

    /** One call per line of {@code fields} (each line: field0;field1;...), from {@code localIp}. */
    static Run run(String scenario, List<String> fields, String localIp, String transport) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("basedir", "."), "target"), "sipp-");
        Path inf = dir.resolve("calls.csv");
        Files.writeString(inf, "SEQUENTIAL\n" + String.join("\n", fields) + "\n", StandardCharsets.ISO_8859_1);
        Path log = dir.resolve("log.txt");
        Path errors = dir.resolve("errors.txt");
        Path screen = dir.resolve("screen.txt");
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + PlusServer.sipPort(),
                "-sf", scenario(scenario).toString(), "-inf", inf.toString(),
                "-i", localIp, "-p", "0", "-mp", String.valueOf(freeMediaPort()),
                "-t", "tcp".equals(transport) ? "t1" : "u1",
                "-m", String.valueOf(fields.size()), "-l", "1", "-r", "10",
                "-timeout", "30s", "-timeout_error", "-recv_timeout", "10000",
                "-trace_logs", "-log_file", log.toString(), "-trace_err", "-error_file", errors.toString(),
                "-trace_screen", "-screen_file", screen.toString(), "-nostdin"));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException("the SIP integration tests need SIPp: apt-get install sip-tester"
                    + " (.ci/run does it)", notInstalled);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sipp did not finish in 60 s: " + command);
        }
        return new Run(process.exitValue(), read(log), read(errors), read(screen) + read(dir.resolve("stdout.txt")));
    }

    private static int freeMediaPort() throws IOException {
        try (var socket = new java.net.DatagramSocket(0)) {
            return socket.getLocalPort() & ~1;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }
}
