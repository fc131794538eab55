package se.plus.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thread's scheduling from Linux (proc(5): schedstat's time on a CPU, time waiting on a run queue
 * and slices run; status's context switches): a relay thread that waits for a CPU delays every packet
 * by that much, and a thread switched out involuntarily was runnable and lost its CPU.
 */
record ThreadSchedule(long runNanos, long waitNanos, long slices, long voluntary, long involuntary) {

    static final ThreadSchedule UNKNOWN = new ThreadSchedule(-1, -1, -1, -1, -1);
    private static final Pattern VOLUNTARY = Pattern.compile("(?m)^voluntary_ctxt_switches:\\s*(\\d+)");
    private static final Pattern INVOLUNTARY = Pattern.compile("(?m)^nonvoluntary_ctxt_switches:\\s*(\\d+)");

    /** From a /proc/.../task/TID directory; {@link #UNKNOWN} when it cannot be read. */
    static ThreadSchedule read(Path task) {
        try {
            String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
            String status = Files.readString(task.resolve("status"));
            return new ThreadSchedule(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    number(VOLUNTARY.matcher(status)), number(INVOLUNTARY.matcher(status)));
        } catch (IOException | RuntimeException unreadable) {
            return UNKNOWN;
        }
    }

    /** The calling thread's own figures. */
    static ThreadSchedule current() {
        return read(Path.of("/proc/thread-self"));
    }

    boolean known() {
        return slices >= 0;
    }

    ThreadSchedule plus(ThreadSchedule other) {
        return !known() ? other : !other.known() ? this : new ThreadSchedule(runNanos + other.runNanos,
                waitNanos + other.waitNanos, slices + other.slices, voluntary + other.voluntary, involuntary + other.involuntary);
    }

    ThreadSchedule since(ThreadSchedule earlier) {
        return known() && earlier.known()
                ? new ThreadSchedule(runNanos - earlier.runNanos, waitNanos - earlier.waitNanos, slices - earlier.slices,
                        voluntary - earlier.voluntary, involuntary - earlier.involuntary)
                : UNKNOWN;
    }

    @Override
    public String toString() {
        return !known() ? "unknown" : String.format(Locale.ROOT, "ran %.0f ms, waited for a CPU %.0f ms over %d slices (%.0f us each);"
                        + " switched out %d times waiting, %d times preempted",
                runNanos / 1e6, waitNanos / 1e6, slices, slices == 0 ? 0.0 : waitNanos / 1e3 / slices, voluntary, involuntary);
    }

    private static long number(Matcher matcher) {
        if (!matcher.find()) {
            throw new IllegalStateException("no context switches in status");
        }
        return Long.parseLong(matcher.group(1));
    }
}
