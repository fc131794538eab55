package se.plus.tools;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Command round trips over JMS: every command forwards a user to a new number, so each is a committed
 * change with its audit record and its event; the program counts the events too. Each user's commands
 * carry the user as JMSXGroupID (applied in order, no lost races), and a bounded number are in flight.
 *
 * <p>A hot user, as independent integrators would make one: {@code --users 1 --senders 16 --window 16
 * --shared --no-group}: every sender sends for every user ({@code --shared}), without JMSXGroupID
 * ({@code --no-group}), so the server alone decides the order of one user's concurrent changes.
 *
 * <pre>./mvnw -q -pl ear test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=se.plus.tools.JmsLoad \
 *     -Dexec.args="--base http://127.0.0.1:8080 --admin admin:PASSWORD [--url JMS-URL] [--user integrator]
 *                  [--password integrator-dev] [--users 64] [--senders 8] [--window 64] [--seconds 30] [--warmup 10]
 *                  [--shared] [--no-group]"</pre>
 */
public final class JmsLoad {

    public static void main(String[] args) throws Exception {
        String base = arg(args, "--base", "http://127.0.0.1:8080");
        String admin = arg(args, "--admin", null);
        String url = arg(args, "--url", JmsDial.DEFAULT_URL);
        String user = arg(args, "--user", "integrator");
        String password = arg(args, "--password", "integrator-dev");
        int users = Integer.parseInt(arg(args, "--users", "64"));
        int senders = Integer.parseInt(arg(args, "--senders", "8"));
        int window = Integer.parseInt(arg(args, "--window", "64"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "30"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "10"));
        boolean shared = Arrays.asList(args).contains("--shared");
        boolean grouped = !Arrays.asList(args).contains("--no-group");
        if (admin == null) {
            System.err.println("--admin user:password is required (users are created through REST)");
            System.exit(2);
        }
        List<String> extensions = createUsers(base, admin, users);
        Set<String> ours = Set.copyOf(extensions);
        System.out.printf("%d users created; %d senders, %d in flight, %d s warm-up, %d s measured%s%s%n",
                users, senders, window, warmup, seconds, shared ? ", every sender for every user" : "",
                grouped ? "" : ", no JMSXGroupID");

        try (var factory = new ActiveMQConnectionFactory(url);
             JMSContext events = factory.createContext(user, password)) {
            AtomicLong eventsSeen = new AtomicLong();
            events.createConsumer(events.createTopic("plus.events"), "type = 'FORWARDING_CHANGED' AND source = 'JMS'")
                    .setMessageListener(m -> {
                        try {
                            if (ours.contains(m.getStringProperty("extension"))) {
                                eventsSeen.incrementAndGet();
                            }
                        } catch (Exception ignored) {
                            // not one of ours
                        }
                    });
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong done = new AtomicLong();
            AtomicLong notDone = new AtomicLong();
            AtomicLong measuredCompleted = new AtomicLong();
            List<Sender> all = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                List<String> mine = new ArrayList<>();
                for (int u = shared ? 0 : s; u < extensions.size(); u += shared ? 1 : senders) {
                    mine.add(extensions.get(u));
                }
                all.add(new Sender(factory.createContext(user, password), user, mine, Math.max(1, window / senders),
                        s, grouped, running, measuring, latencies, done, notDone, measuredCompleted));
            }
            all.forEach(sender -> new Thread(sender, "sender-" + sender.index).start());
            Thread.sleep(warmup * 1000L);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            long completed = measuredCompleted.get();
            running.set(false);
            for (Sender sender : all) {
                sender.drain();
            }
            Thread.sleep(3000);
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("measured: %d commands in %.1f s = %.0f commands/s%n", completed, elapsed / 1e9,
                    completed / (elapsed / 1e9));
            System.out.printf("round trip ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            System.out.printf("whole run: %d DONE, %d other replies, %d FORWARDING_CHANGED events from JMS for these users%n",
                    done.get(), notDone.get(), eventsSeen.get());
            all.forEach(Sender::close);
        }
        System.exit(0);
    }

    /** One connection of commands and replies, with its own users and its share of the window. */
    static final class Sender implements Runnable {
        final JMSContext jms;
        final String user;
        final List<String> extensions;
        final Semaphore inFlight;
        final int permits;
        final int index;
        final boolean grouped;
        final AtomicBoolean running;
        final AtomicBoolean measuring;
        final ConcurrentLinkedQueue<Long> latencies;
        final AtomicLong done;
        final AtomicLong notDone;
        final AtomicLong measuredCompleted;
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();

        Sender(JMSContext jms, String user, List<String> extensions, int permits, int index, boolean grouped, AtomicBoolean running,
               AtomicBoolean measuring, ConcurrentLinkedQueue<Long> latencies, AtomicLong done, AtomicLong notDone,
               AtomicLong measuredCompleted) {
            this.jms = jms;
            this.user = user;
            this.extensions = extensions;
            this.permits = permits;
            this.inFlight = new Semaphore(permits);
            this.index = index;
            this.grouped = grouped;
            this.running = running;
            this.measuring = measuring;
            this.latencies = latencies;
            this.done = done;
            this.notDone = notDone;
            this.measuredCompleted = measuredCompleted;
        }

        @Override
        public void run() {
            Queue commands = jms.createQueue("plus.commands");
            TemporaryQueue replies = jms.createTemporaryQueue();
            JMSContext replyContext = jms.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            replyContext.createConsumer(replies).setMessageListener(reply -> {
                try {
                    Long sent = sentAt.remove(reply.getJMSCorrelationID());
                    if ("DONE".equals(reply.getStringProperty("outcome"))) {
                        done.incrementAndGet();
                    } else {
                        notDone.incrementAndGet();
                        System.out.println("not DONE: " + ((TextMessage) reply).getText());
                    }
                    if (sent != null && measuring.get()) {
                        latencies.add(System.nanoTime() - sent);
                        measuredCompleted.incrementAndGet();
                    }
                } catch (Exception unreadable) {
                    notDone.incrementAndGet();
                } finally {
                    inFlight.release();
                }
            });
            JMSProducer producer = jms.createProducer();
            long n = 0;
            try {
                while (running.get()) {
                    if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    String ext = extensions.get((int) (n % extensions.size()));
                    // Distinct for up to 100 senders (100 000 commands each), so with --shared every command
                    // changes its user (senders 10 apart once picked the same numbers).
                    String target = String.format("070%07d", index * 100_000L + n % 100_000);
                    TextMessage message = jms.createTextMessage("{\"extension\":\"" + ext
                            + "\",\"command\":\"FORWARD\",\"kind\":\"UNCONDITIONAL\",\"target\":\"" + target + "\"}");
                    String correlation = index + "-" + n;
                    message.setJMSReplyTo(replies);
                    message.setJMSCorrelationID(correlation);
                    message.setStringProperty("JMSXUserID", user);
                    if (grouped) {
                        message.setStringProperty("JMSXGroupID", ext);
                    }
                    sentAt.put(correlation, System.nanoTime());
                    producer.send(commands, message);
                    n++;
                }
            } catch (Exception failed) {
                System.out.println("sender " + index + " stopped: " + failed);
            }
        }

        void drain() throws InterruptedException {
            inFlight.tryAcquire(permits, 30, TimeUnit.SECONDS);
        }

        void close() {
            jms.close();
        }
    }

    private static List<String> createUsers(String base, String admin, int users) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(admin.getBytes(StandardCharsets.UTF_8));
        int first = 300_000 + (int) (System.currentTimeMillis() / 1000 % 600) * 1000;
        List<String> extensions = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String ext = String.valueOf(first + u);
            var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"extension\":\"" + ext + "\",\"name\":\"Load " + ext
                            + "\",\"password\":\"load-password\",\"sipPassword\":\"load-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not create user " + ext + ": " + response.statusCode() + " " + response.body());
            }
            extensions.add(ext);
        }
        return extensions;
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
