package se.plus.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's JVM seen from outside: its live heap after a full collection (jcmd GC.run, then
 * GC.heap_info), its stop-the-world pauses (jcmd PerfCounter.print) and the CPU time it has used
 * (/proc). jcmd needs the same user as the server, or root.
 */
final class ServerProcess {

    /** "garbage-first heap   total 2097152K, used 704956K"; Parallel and Serial print one such line per generation. */
    private static final Pattern GENERATION = Pattern.compile("^\\s*(\\S.*?)\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    private static final long JCMD_SECONDS = 120;

    final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /**
     * The given pid, else the WildFly (jboss-modules) here that has the SIP port bound (several may run,
     * each on its own ports); null, with a note why, when there is none.
     */
    static ServerProcess find(String given, int sipPort, List<String> notes) throws IOException, InterruptedException {
        if (given != null) {
            return new ServerProcess(Long.parseLong(given));
        }
        String found = run(List.of("pgrep", "-f", "jboss-modules"), 10).trim();
        List<String> pids = found.isEmpty() ? List.of() : List.of(found.split("\\s+"));
        if (pids.size() > 1) {
            Set<String> sockets = udpSocketsOn(sipPort);
            pids = pids.stream().filter(pid -> holdsAny(pid, sockets)).toList();
        }
        if (pids.size() != 1) {
            notes.add("server heap and pauses not measured: no single WildFly (pgrep -f jboss-modules: "
                    + found.replace('\n', ' ') + ") with UDP port " + sipPort + "; give --server-pid");
            return null;
        }
        return new ServerProcess(Long.parseLong(pids.get(0)));
    }

    /** The inodes of the UDP sockets bound to {@code port}, from /proc/net/udp (proc(5)). */
    private static Set<String> udpSocketsOn(int port) throws IOException {
        String suffix = String.format(":%04X", port);
        var inodes = new HashSet<String>();
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[1].endsWith(suffix)) {
                    inodes.add("socket:[" + fields[9] + "]");
                }
            }
        }
        return inodes;
    }

    private static boolean holdsAny(String pid, Set<String> sockets) {
        try (var fds = Files.list(Path.of("/proc", pid, "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException notReadable) {
            return false;
        }
    }

    /** Stop-the-world pauses so far (safepoints: collections and the rest) and collections, from jcmd PerfCounter.print. */
    record Pauses(long safepoints, double safepointMillis, long collections, double collectionMillis) {

        Pauses since(Pauses earlier) {
            return new Pauses(safepoints - earlier.safepoints, safepointMillis - earlier.safepointMillis,
                    collections - earlier.collections, collectionMillis - earlier.collectionMillis);
        }
    }

    Pauses pauses() throws IOException, InterruptedException {
        String counters = run(List.of("jcmd", String.valueOf(pid), "PerfCounter.print"), JCMD_SECONDS);
        double ticksPerMilli = counter(counters, "sun.os.hrt.frequency") / 1000.0;
        long collections = 0;
        long collectionTicks = 0;
        for (int collector = 0; counters.contains("sun.gc.collector." + collector + ".invocations="); collector++) {
            collections += counter(counters, "sun.gc.collector." + collector + ".invocations");
            collectionTicks += counter(counters, "sun.gc.collector." + collector + ".time");
        }
        return new Pauses(counter(counters, "sun.rt.safepoints"), counter(counters, "sun.rt.safepointTime") / ticksPerMilli,
                collections, collectionTicks / ticksPerMilli);
    }

    private static long counter(String counters, String name) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(\\d+)").matcher(counters);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in jcmd PerfCounter.print");
        }
        return Long.parseLong(value.group(1));
    }

    /** Bytes of heap in use right after a full collection. */
    long usedHeapAfterFullGc() throws IOException, InterruptedException {
        run(List.of("jcmd", String.valueOf(pid), "GC.run"), JCMD_SECONDS);
        String info = run(List.of("jcmd", String.valueOf(pid), "GC.heap_info"), JCMD_SECONDS);
        long usedKiB = 0;
        boolean any = false;
        for (String line : info.split("\n")) {
            Matcher generation = GENERATION.matcher(line);
            if (generation.find() && !generation.group(1).startsWith("Metaspace") && !generation.group(1).startsWith("class space")) {
                usedKiB += Long.parseLong(generation.group(3));
                any = true;
            }
        }
        if (!any) {
            throw new IllegalStateException("no heap figure in jcmd GC.heap_info:\n" + info);
        }
        return usedKiB * 1024;
    }

    /** The scheduling of the server's threads whose name begins with {@code namePrefix} (Linux cuts names at 15 characters), summed. */
    ThreadSchedule threads(String namePrefix) {
        ThreadSchedule sum = ThreadSchedule.UNKNOWN;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).trim().startsWith(namePrefix)) {
                        sum = sum.plus(ThreadSchedule.read(task));
                    }
                } catch (IOException gone) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException notReadable) {
            return ThreadSchedule.UNKNOWN;
        }
        return sum;
    }

    /** User plus system CPU time of the process so far, in seconds; NaN when /proc does not tell. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // proc(5): the fields after the parenthesised command; utime and stime are the 14th and 15th,
            // in clock ticks of 1/100 s (USER_HZ).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException unknown) {
            return Double.NaN;
        }
    }

    /** A command's standard output (standard error merged), failing when it fails or takes longer than {@code seconds}. */
    static String run(List<String> command, long seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took more than " + seconds + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 && !command.get(0).equals("pgrep")) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
