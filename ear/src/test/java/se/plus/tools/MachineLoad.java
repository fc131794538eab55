package se.plus.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine's CPU use between two moments, from /proc (proc(5)): how busy all cores were and which
 * processes took the most, so a run on a shared machine shows what it competed with.
 */
final class MachineLoad {

    private record Process(String name, long ticks) {
    }

    private final long busyTicks;
    private final long allTicks;
    private final Map<Long, Process> processes;
    private final long nanos = System.nanoTime();

    private MachineLoad(long busyTicks, long allTicks, Map<Long, Process> processes) {
        this.busyTicks = busyTicks;
        this.allTicks = allTicks;
        this.processes = processes;
    }

    static MachineLoad now() {
        long busy = 0;
        long all = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length; i++) {
                long ticks = Long.parseLong(cpu[i]);
                all += ticks;
                // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
                busy += i == 4 || i == 5 ? 0 : ticks;
            }
        } catch (IOException | RuntimeException unreadable) {
            return new MachineLoad(0, 0, Map.of());
        }
        var processes = new HashMap<Long, Process>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    processes.put(Long.parseLong(entry.getFileName().toString()),
                            new Process(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (IOException | RuntimeException gone) {
                    // The process ended meanwhile.
                }
            }
        } catch (IOException unreadable) {
            return new MachineLoad(busy, all, Map.of());
        }
        return new MachineLoad(busy, all, processes);
    }

    /** "cores 187% busy of 200%; most CPU: java 13645 120%, ..." since {@code earlier}. */
    String since(MachineLoad earlier) {
        if (allTicks == 0 || earlier.allTicks == 0) {
            return "unknown";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = (nanos - earlier.nanos) / 1e9;
        double busy = 100.0 * cores * (busyTicks - earlier.busyTicks) / Math.max(1, allTicks - earlier.allTicks);
        // A process started meanwhile counts whole; one that ended meanwhile is only in the busy total.
        var used = processes.entrySet().stream()
                .map(process -> Map.entry(process.getKey() + " " + process.getValue().name()
                                + (earlier.processes.containsKey(process.getKey()) ? "" : " (new)"),
                        process.getValue().ticks() - earlier.processes.getOrDefault(process.getKey(), new Process("", 0)).ticks()))
                .filter(process -> process.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .toList();
        String top = used.stream().limit(4)
                .map(process -> String.format(Locale.ROOT, "%s %.0f%%", process.getKey(), process.getValue() / seconds))
                .collect(Collectors.joining(", "));
        double listed = used.stream().mapToLong(Map.Entry::getValue).sum() / seconds;
        return String.format(Locale.ROOT, "cores %.0f%% busy of %d%%; most CPU (pid name %%-of-a-core): %s;"
                + " processes that ended meanwhile and the kernel: %.0f%%", busy, 100 * cores, top, Math.max(0, busy - listed));
    }
}
