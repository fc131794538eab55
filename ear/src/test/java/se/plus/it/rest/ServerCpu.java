package se.plus.it.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import se.plus.it.PlusServer;

/**
 * The CPU time the server under test has used so far, read from /proc (Linux): the WildFly process is
 * the one started with this build's port offset. Clock ticks are taken as 100 per second (USER_HZ).
 */
final class ServerCpu {

    private ServerCpu() {
    }

    static long millis() throws IOException {
        String marker = "jboss.socket.binding.port-offset=" + PlusServer.portOffset();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String command;
                try {
                    command = Files.readString(process.resolve("cmdline")).replace((char) 0, ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (command.contains(marker + " ") && command.contains("jboss-modules.jar")) {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
                }
            }
        }
        throw new IllegalStateException("no server process started with " + marker);
    }
}
