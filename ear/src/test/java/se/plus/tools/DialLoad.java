package se.plus.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load for {@code POST /api/users/{ext}/dial}: every request is a committed change (forwarding on, then
 * off, alternately) with its audit record and its JMS event. Each thread has users of its own, so the
 * figure is the server's, not lock contention's. JDK only, runnable as a single source file:
 *
 * <pre>java ear/src/test/java/se/plus/tools/DialLoad.java --base http://127.0.0.1:8080 --admin admin:PASSWORD
 *      [--threads 32] [--seconds 30] [--warmup 10] [--rate R [--pid SERVER_PID]]</pre>
 *
 * <p>With {@code --rate}, an open loop instead: R dials a second at fixed intervals, whatever the answers
 * (a closed loop such as wrk's sends the next request only when one returns, so it always saturates the
 * server and measures its queue). Each latency counts from when the dial was due, not when it left, so a
 * stalled server is not hidden by dials that were late to start; at most 1 000 in flight (beyond them a
 * due dial is counted as dropped). {@code --threads} is then the number of users dialling in turn, and
 * {@code --pid} gives the server's CPU per dial.
 */
public final class DialLoad {

    public static void main(String[] args) throws Exception {
        String base = arg(args, "--base", "http://127.0.0.1:8080");
        String admin = arg(args, "--admin", null);
        int threads = Integer.parseInt(arg(args, "--threads", "32"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "30"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "10"));
        if (admin == null) {
            System.err.println("--admin user:password is required");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int firstExtension = 200_000 + (int) (System.currentTimeMillis() / 1000 % 700) * 1000;
        String[] extensions = new String[threads];
        for (int t = 0; t < threads; t++) {
            extensions[t] = String.valueOf(firstExtension + t);
            var created = send(http, base + "/api/users", admin, "{\"extension\":\"" + extensions[t]
                    + "\",\"name\":\"Load " + t + "\",\"password\":\"load-password-" + t + "\",\"sipPassword\":\"load-sip-" + t + "\"}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating " + extensions[t] + ": " + created.statusCode() + " " + created.body());
            }
        }
        int rate = Integer.parseInt(arg(args, "--rate", "0"));
        if (rate > 0) {
            OpenLoop.run(http, base, extensions, rate, warmup, seconds, arg(args, "--pid", null));
            return;
        }
        System.out.printf("%d users created; warm-up %d s, then %d s measured, %d threads%n", threads, warmup, seconds, threads);
        run(http, base, extensions, warmup, null);
        var latencies = new ArrayList<long[]>();
        var result = run(http, base, extensions, seconds, latencies);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        System.out.printf("requests %d, failed %d, %.0f committed dials/s%n", result[0], result[1], result[0] / (double) seconds);
        System.out.printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static long[] run(HttpClient http, String base, String[] extensions, int seconds, List<long[]> sink)
            throws InterruptedException {
        var stop = new AtomicBoolean();
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var done = new CountDownLatch(extensions.length);
        for (int t = 0; t < extensions.length; t++) {
            String ext = extensions[t];
            int n = t;
            long[] mine = new long[2_000_000 / extensions.length];
            if (sink != null) {
                synchronized (sink) {
                    sink.add(mine);
                }
            }
            new Thread(() -> {
                int i = 0;
                String auth = ext + ":load-password-" + n;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        var answer = send(http, base + "/api/users/" + ext + "/dial", auth, dialJson(i));
                        long took = System.nanoTime() - start;
                        if (answer.statusCode() == 200) {
                            ok.incrementAndGet();
                            if (i < mine.length) {
                                mine[i] = took;
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception broken) {
                        failed.incrementAndGet();
                    }
                    i++;
                }
                done.countDown();
            }).start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        return new long[] {ok.get(), failed.get()};
    }

    private static HttpResponse<String> send(HttpClient http, String url, String credentials, String json) throws Exception {
        return http.send(post(url, credentials, json), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest post(String url, String credentials, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** The dial a user makes the n-th time: forwarding on, then off. */
    private static String dialJson(int n) {
        String digits = n % 2 == 0 ? "*21*07012345" + String.format("%02d", n % 100) + "#" : "#21#";
        return "{\"digits\":\"" + digits + "\",\"device\":\"TERMINAL\"}";
    }

    /** The open loop of {@code --rate}: dials due at fixed intervals, sent whatever the answers. */
    private static final class OpenLoop {

        private static final int MAX_IN_FLIGHT = 1_000;

        static void run(HttpClient http, String base, String[] extensions, int rate, int warmup, int seconds, String pid)
                throws Exception {
            System.out.printf("%d users created; open loop at %d dials/s: warm-up %d s, then %d s measured%n",
                    extensions.length, rate, warmup, seconds);
            phase(http, base, extensions, rate, warmup, null, new int[extensions.length]);
            System.out.printf("## measured %d s at %d dials/s%n", seconds, rate);
            long cpuBefore = cpuTicks(pid);
            var latencies = new long[rate * seconds + 1];
            long[] result = phase(http, base, extensions, rate, seconds, latencies, new int[extensions.length]);
            long cpuAfter = cpuTicks(pid);
            long[] all = Arrays.stream(latencies, 0, (int) result[0]).sorted().toArray();
            System.out.printf("due %d, answered 200 %d, failed %d, dropped (1 000 in flight) %d, %.0f committed dials/s%n",
                    result[3], result[0], result[1], result[2], result[0] / (double) seconds);
            System.out.printf("latency from due ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            if (pid != null && result[0] > 0) {
                System.out.printf("server CPU per dial: %.2f ms%n", (cpuAfter - cpuBefore) * 10.0 / result[0]);
            }
        }

        /** {ok, failed, dropped, due}; the latencies of the 200s go into {@code sink} when given. */
        private static long[] phase(HttpClient http, String base, String[] extensions, int rate, int seconds,
                                    long[] sink, int[] dialsOf) throws InterruptedException {
            var ok = new AtomicLong();
            var failed = new AtomicLong();
            var dropped = new AtomicLong();
            var inFlight = new Semaphore(MAX_IN_FLIGHT);
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long due = rate * (long) seconds;
            for (long i = 0; i < due; i++) {
                long dueAt = start + i * interval;
                long wait = dueAt - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!inFlight.tryAcquire()) {
                    dropped.incrementAndGet();
                    continue;
                }
                int user = (int) (i % extensions.length);
                String ext = extensions[user];
                var request = post(base + "/api/users/" + ext + "/dial", ext + ":load-password-" + user, dialJson(dialsOf[user]++));
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, broken) -> {
                    long took = System.nanoTime() - dueAt;
                    if (broken == null && answer.statusCode() == 200) {
                        long n = ok.getAndIncrement();
                        if (sink != null && n < sink.length) {
                            sink[(int) n] = took;
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(MAX_IN_FLIGHT);
            inFlight.release(MAX_IN_FLIGHT);
            return new long[] {ok.get(), failed.get(), dropped.get(), due};
        }

        private static long cpuTicks(String pid) throws IOException {
            if (pid == null) {
                return 0;
            }
            String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
