package se.plus.tools;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Event latency as an integrator outside the server sees it: subscribes to {@code plus.events} with the
 * Artemis client while some other program loads the server (e.g. {@code benchmarks/rest/dial-load.sh}),
 * and compares each event's {@code at} with the wall-clock instant its listener got it (same machine,
 * same clock). {@code at} is taken by the use case before its transaction commits, so the figure is
 * change → subscriber, an upper bound of commit → subscriber.
 *
 * <p>It also reports how many events were in flight (made but not yet received) at every 100 ms of the
 * measured window: count(at ≤ t) − count(received ≤ t), worked out after the run from the recorded
 * pairs. No program outside the server can count the outbox table of the embedded H2 while the server
 * runs; this count holds the outbox rows, the events on their way through the broker, and at most one
 * event per transaction not yet committed, so it bounds the outbox depth from above. A growing outbox
 * would show as a count that grows from window to window.
 *
 * <pre>java -cp ... se.plus.tools.EventLatency [--url JMS-URL] [--user integrator] [--password integrator-dev]
 *          [--seconds 90] [--skip 30] [--tail 5]</pre>
 * {@code --skip}: seconds at the start not measured (warm-up); {@code --tail}: seconds at the end only
 * listened to, so the events made just before the end are received before the count is taken.
 */
public final class EventLatency {

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", JmsDial.DEFAULT_URL);
        String user = arg(args, "--user", "integrator");
        String password = arg(args, "--password", "integrator-dev");
        int seconds = Integer.parseInt(arg(args, "--seconds", "90"));
        int skip = Integer.parseInt(arg(args, "--skip", "30"));
        int tail = Integer.parseInt(arg(args, "--tail", "5"));

        List<long[]> pairs = new ArrayList<>(200_000); // {at µs, received µs}; the listener's thread only
        Set<String> ids = new HashSet<>();
        long[] duplicates = {0};
        long[] unreadable = {0};
        Instant start = Instant.now();
        try (var factory = new ActiveMQConnectionFactory(url);
             JMSContext events = factory.createContext(user, password, JMSContext.DUPS_OK_ACKNOWLEDGE)) {
            events.createConsumer(events.createTopic("plus.events")).setMessageListener(m -> {
                long received = micros(Instant.now());
                try {
                    String text = ((TextMessage) m).getText();
                    Matcher id = ID.matcher(text);
                    if (id.find() && !ids.add(id.group(1))) {
                        duplicates[0]++; // the relay sent it again: the first arrival counts
                        return;
                    }
                    Matcher at = AT.matcher(text);
                    if (!at.find()) {
                        unreadable[0]++;
                        return;
                    }
                    synchronized (pairs) {
                        pairs.add(new long[] {micros(Instant.parse(at.group(1))), received});
                    }
                } catch (JMSException | RuntimeException e) {
                    unreadable[0]++;
                }
            });
            System.out.printf("listening to plus.events for %d s (first %d s and last %d s not measured)%n", seconds, skip, tail);
            Thread.sleep(seconds * 1000L);
        }
        report(pairs, micros(start) + skip * 1_000_000L, micros(start) + (seconds - tail) * 1_000_000L,
                duplicates[0], unreadable[0]);
        System.exit(0);
    }

    private static void report(List<long[]> all, long from, long to, long duplicates, long unreadable) {
        List<long[]> pairs;
        synchronized (all) {
            pairs = new ArrayList<>(all);
        }
        long[] latencies = pairs.stream().filter(p -> p[1] >= from && p[1] < to).mapToLong(p -> p[1] - p[0]).sorted().toArray();
        System.out.printf("events received: %d (in the measured window %d = %.0f/s), duplicates by id %d, unreadable %d%n",
                pairs.size(), latencies.length, latencies.length / ((to - from) / 1e6), duplicates, unreadable);
        System.out.printf("latency at -> received, ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 99.9),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e3);

        long[] made = pairs.stream().mapToLong(p -> p[0]).sorted().toArray();
        long[] received = pairs.stream().mapToLong(p -> p[1]).sorted().toArray();
        List<Long> depths = new ArrayList<>();
        StringBuilder windows = new StringBuilder();
        long windowMax = 0;
        int sample = 0;
        for (long t = from; t < to; t += 100_000, sample++) {
            long depth = countAtOrBefore(made, t) - countAtOrBefore(received, t);
            depths.add(depth);
            windowMax = Math.max(windowMax, depth);
            if (sample % 100 == 99) { // every 10 s
                windows.append(' ').append(windowMax);
                windowMax = 0;
            }
        }
        long[] sorted = depths.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("in flight (made, not received), %d samples every 100 ms: p50 %d  p99 %d  max %d%n",
                sorted.length, at(sorted, 50), at(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        System.out.println("in flight, max per 10 s window:" + windows);
    }

    private static long countAtOrBefore(long[] sorted, long t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == t) {
            i++;
        }
        return i + 1;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** In milliseconds, for values in microseconds. */
    private static double pct(long[] sorted, double percentile) {
        return at(sorted, percentile) / 1e3;
    }

    private static long at(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
