package se.plus.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A cross-check for a shared machine: the same operation as {@link ParseAndApplyBenchmark#parseAndApply},
 * counted per second of this thread's CPU time rather than per second of wall-clock time, so that other
 * processes competing for the two cores do not lower the figure. JMH's figures are the primary ones.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar se.plus.benchmarks.CpuTimeRun [workload…]}
 */
public final class CpuTimeRun {

    private static final long ROUND_CPU_NANOS = 2_000_000_000L;
    private static volatile int sink;

    private CpuTimeRun() {
    }

    public static void main(String[] args) {
        String[] workloads = args.length > 0 ? args : new String[] {"mix", "swedish", "extension", "foreign", "elsewhere"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String workload : workloads) {
            ParseAndApplyBenchmark state = new ParseAndApplyBenchmark();
            state.workload = workload;
            state.setUp();
            double[] rounds = new double[8];
            for (int round = 0; round < rounds.length; round++) {
                rounds[round] = opsPerCpuSecond(state, threads);
            }
            double[] measured = Arrays.copyOfRange(rounds, 3, rounds.length); // the first 3 are warm-up
            System.out.printf("%-10s %,14.0f ops per CPU-second (rounds: %s)%n", workload,
                    Arrays.stream(measured).average().orElseThrow(), Arrays.toString(
                            Arrays.stream(measured).mapToLong(Math::round).toArray()));
        }
    }

    private static double opsPerCpuSecond(ParseAndApplyBenchmark state, ThreadMXBean threads) {
        long start = threads.getCurrentThreadCpuTime();
        long ops = 0;
        int acc = 0;
        long elapsed;
        do {
            for (int i = 0; i < 10_000; i++) {
                acc ^= System.identityHashCode(state.parseAndApply());
            }
            ops += 10_000;
            elapsed = threads.getCurrentThreadCpuTime() - start;
        } while (elapsed < ROUND_CPU_NANOS);
        sink = acc;
        return ops * 1e9 / elapsed;
    }
}
