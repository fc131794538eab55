package se.plus.adapters.sip.media;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How the relay holds up under many calls: N sessions, each with two fake phones sending 20 ms PCMU
 * packets (12-byte RTP header, 160 bytes of payload carrying the send time) to each other through
 * the relay for D seconds, then the same traffic sent phone to phone directly as the baseline.
 *
 * <pre>java -cp adapters-sip/target/classes:adapters-sip/target/test-classes se.plus.adapters.sip.media.RelayLoad [sessions=200] [seconds=20] [portMin=20000] [selectorThreads]</pre>
 *
 * Without {@code selectorThreads} the relay picks its default. Each relay thread's CPU is reported, and
 * on Linux how long the relay threads waited for a core and how often they were preempted
 * ({@code /proc/self/task/<tid>/schedstat} and {@code status}): that wait is what the tail latency is made of.
 *
 * Transit is measured on one clock ({@link System#nanoTime()} in the payload), so what the relay
 * adds is the difference between the two phases. The first seconds of each phase (JIT, socket
 * buffers) are left out of the latency figures but not out of the packet counts.
 */
public final class RelayLoad {

    private static final long PACKET_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int RTP_HEADER = 12;
    private static final int PAYLOAD = 160;
    private static final String RELAY_THREADS = "plus-media-relay";
    /** As Linux names them: 15 characters. */
    private static final String LINUX_RELAY_THREADS = RELAY_THREADS.substring(0, 15);

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int portMin = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
        int selectorThreads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        // Room for every session plus some pairs that other programs may hold.
        int portMax = portMin + 4 * sessions + 199;
        String address = "127.0.0.1";

        System.out.printf(Locale.ROOT, "RelayLoad: %d sessions, %d s per phase, 50 packets/s each way per session "
                + "(%d-byte RTP), relay on %s:%d-%d, %d cores%n", sessions, seconds, RTP_HEADER + PAYLOAD, address,
                portMin, portMax, Runtime.getRuntime().availableProcessors());

        List<Phone[]> calls = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            calls.add(new Phone[] {new Phone("A->B"), new Phone("B->A")});
        }

        try (var relay = selectorThreads > 0
                ? new MediaRelay(address, portMin, portMax, Executors.defaultThreadFactory(), selectorThreads)
                : new MediaRelay(address, portMin, portMax, Executors.defaultThreadFactory())) {
            long heapBefore = heapUsedAfterGc();
            List<MediaSession> opened = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                opened.add(relay.open().orElseThrow(() -> new IllegalStateException("pool exhausted")));
            }
            long heapAfter = heapUsedAfterGc();
            System.out.printf(Locale.ROOT, "heap per session: %d bytes (%d sessions: +%d KiB after GC; "
                    + "kernel socket buffers not included), %d ports in use%n",
                    (heapAfter - heapBefore) / sessions, sessions, (heapAfter - heapBefore) / 1024, relay.portsInUse());

            for (int i = 0; i < sessions; i++) {
                Phone a = calls.get(i)[0];
                Phone b = calls.get(i)[1];
                MediaSession session = opened.get(i);
                session.remoteA(a.address());
                session.remoteB(b.address());
                a.sendTo(new InetSocketAddress(address, session.portA()));
                b.sendTo(new InetSocketAddress(address, session.portB()));
            }
            List<Thread> relayThreads = threadsNamed(RELAY_THREADS);
            long[] cpuBefore = relayThreads.stream().mapToLong(RelayLoad::cpuNanos).toArray();
            Schedule scheduleBefore = Schedule.ofThreads(LINUX_RELAY_THREADS);
            List<Direction> relayed = run(calls, seconds);
            long[] cpu = new long[relayThreads.size()];
            for (int i = 0; i < cpu.length; i++) {
                cpu[i] = cpuNanos(relayThreads.get(i)) - cpuBefore[i];
            }
            Schedule schedule = Schedule.ofThreads(LINUX_RELAY_THREADS).since(scheduleBefore);
            report("relay", relayed);
            long fromA = opened.stream().mapToLong(MediaSession::packetsFromA).sum();
            long toB = opened.stream().mapToLong(MediaSession::packetsToB).sum();
            long fromB = opened.stream().mapToLong(MediaSession::packetsFromB).sum();
            long toA = opened.stream().mapToLong(MediaSession::packetsToA).sum();
            long totalCpu = Arrays.stream(cpu).sum();
            System.out.printf(Locale.ROOT, "relay counters: fromA=%d toB=%d fromB=%d toA=%d; relay CPU %.1f%% of one core, "
                    + "%.1f µs per packet%n", fromA, toB, fromB, toA, 100.0 * totalCpu / (seconds * 1e9),
                    totalCpu / 1000.0 / Math.max(1, fromA + fromB));
            for (int i = 0; i < cpu.length; i++) {
                System.out.printf(Locale.ROOT, "  %s: CPU %.1f%% of one core%n", relayThreads.get(i).getName(),
                        100.0 * cpu[i] / (seconds * 1e9));
            }
            System.out.println("  " + schedule.describe(fromA + fromB));
        }

        for (Phone[] call : calls) {
            call[0].sendTo(call[1].address());
            call[1].sendTo(call[0].address());
        }
        report("direct", run(calls, seconds));
        for (Phone[] call : calls) {
            call[0].close();
            call[1].close();
        }
    }

    /** One phone's socket: sends its direction's packets and receives the other direction's. */
    private static final class Phone {
        final String sends;
        final DatagramChannel channel;
        final ByteBuffer packet = ByteBuffer.allocate(RTP_HEADER + PAYLOAD);
        final int ssrc = ThreadLocalRandom.current().nextInt();
        volatile InetSocketAddress to;
        long sent;
        int sequence;
        long lastArrival;

        Phone(String sends) throws IOException {
            this.sends = sends;
            this.channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            channel.configureBlocking(false);
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        void sendTo(InetSocketAddress destination) {
            to = destination;
        }

        void sendOne() {
            packet.clear();
            packet.put((byte) 0x80).put((byte) 0).putShort((short) sequence).putInt(sequence * PAYLOAD).putInt(ssrc);
            packet.putLong(System.nanoTime());
            packet.position(RTP_HEADER + PAYLOAD).flip();
            try {
                if (channel.send(packet, to) > 0) {
                    sent++;
                }
            } catch (IOException failed) {
                // counted as lost
            }
            sequence = (sequence + 1) & 0xFFFF;
        }

        void close() throws IOException {
            channel.close();
        }
    }

    /** What one direction of every call saw in a phase. */
    private static final class Direction {
        final String name;
        long sent;
        long received;
        final Samples transitMicros = new Samples();
        final Samples jitterMicros = new Samples();

        Direction(String name) {
            this.name = name;
        }
    }

    private static List<Direction> run(List<Phone[]> calls, int seconds) throws Exception {
        var aToB = new Direction("A->B");
        var bToA = new Direction("B->A");
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(Math.min(2, Math.max(1, seconds / 4)));
        var receiver = new Receiver(calls, aToB, bToA, measureFrom);
        receiver.start();

        List<Phone> phones = calls.stream().flatMap(Arrays::stream).toList();
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
        for (int i = 0; i < phones.size(); i++) {
            Phone phone = phones.get(i);
            phone.sent = 0;
            phone.lastArrival = 0;
            // Spread over the 20 ms tick as real phones are, not all at once.
            long offset = PACKET_INTERVAL_NANOS * i / phones.size();
            senders.scheduleAtFixedRate(phone::sendOne, offset, PACKET_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        receiver.stopAndJoin();

        System.out.printf(Locale.ROOT, "(host load average over 1 min: %.2f before the phase, %.2f after; "
                + "latency on a busy host is mostly waiting for a core)%n",
                loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (Phone[] call : calls) {
            aToB.sent += call[0].sent;
            bToA.sent += call[1].sent;
        }
        return List.of(aToB, bToA);
    }

    /** One thread and one selector receiving for every phone, as a media server would. */
    private static final class Receiver extends Thread {
        private final Selector selector;
        private final long measureFrom;
        private volatile boolean running = true;

        Receiver(List<Phone[]> calls, Direction aToB, Direction bToA, long measureFrom) throws IOException {
            super("relay-load-receiver");
            this.selector = Selector.open();
            this.measureFrom = measureFrom;
            for (Phone[] call : calls) {
                // Phone A receives what B sends, and the other way round.
                call[0].channel.register(selector, SelectionKey.OP_READ, new Object[] {call[0], bToA});
                call[1].channel.register(selector, SelectionKey.OP_READ, new Object[] {call[1], aToB});
            }
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            try {
                while (running) {
                    selector.select(key -> drain(key, buffer), 50);
                }
                selector.close();
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }

        private void drain(SelectionKey key, ByteBuffer buffer) {
            Object[] attachment = (Object[]) key.attachment();
            Phone phone = (Phone) attachment[0];
            Direction direction = (Direction) attachment[1];
            try {
                while (true) {
                    buffer.clear();
                    if (phone.channel.receive(buffer) == null) {
                        return;
                    }
                    long now = System.nanoTime();
                    long sentAt = buffer.getLong(RTP_HEADER);
                    direction.received++;
                    if (sentAt >= measureFrom) {
                        direction.transitMicros.add((now - sentAt) / 1000);
                        if (phone.lastArrival != 0) {
                            direction.jitterMicros.add(Math.abs(now - phone.lastArrival - PACKET_INTERVAL_NANOS) / 1000);
                        }
                    }
                    phone.lastArrival = now;
                }
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            selector.wakeup();
            join();
        }
    }

    /** Latency samples in microseconds, sorted once for percentiles. */
    private static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long percentile(double p) {
            if (size == 0) {
                return -1;
            }
            Arrays.sort(values, 0, size);
            return values[(int) Math.min(size - 1, Math.ceil(p / 100 * size) - 1)];
        }
    }

    private static void report(String phase, List<Direction> directions) {
        System.out.printf(Locale.ROOT, "%-6s %-5s %9s %9s %7s   %-30s %s%n", "phase", "dir", "sent", "received",
                "loss %", "transit p50/p99/p99.9/max µs", "jitter |Δ-20ms| p50/p99 µs");
        for (Direction d : directions) {
            double loss = d.sent == 0 ? 0 : 100.0 * (d.sent - d.received) / d.sent;
            Samples t = d.transitMicros;
            String transit = t.percentile(50) + "/" + t.percentile(99) + "/" + t.percentile(99.9) + "/" + t.percentile(100);
            String jitter = d.jitterMicros.percentile(50) + "/" + d.jitterMicros.percentile(99);
            System.out.printf(Locale.ROOT, "%-6s %-5s %9d %9d %7.3f   %-30s %s%n", phase, d.name, d.sent, d.received,
                    loss, transit, jitter);
        }
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix))
                .sorted(Comparator.comparing(Thread::getName)).toList();
    }

    /**
     * What Linux says about a set of threads: time spent runnable but waiting for a core, how often
     * they went to sleep (voluntary context switches: each sleep costs a wake-up) and how often they
     * were preempted (involuntary ones). Zero where /proc cannot be read.
     */
    private record Schedule(int threads, long waitNanos, long sleeps, long preemptions) {

        static Schedule ofThreads(String commPrefix) {
            int threads = 0;
            long wait = 0;
            long sleeps = 0;
            long preemptions = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (!Files.readString(task.resolve("comm")).startsWith(commPrefix)) {
                            continue;
                        }
                        // schedstat: time on a CPU, time waiting on a run queue (both ns), timeslices
                        wait += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]);
                        sleeps += statusField(task, "voluntary_ctxt_switches:");
                        preemptions += statusField(task, "nonvoluntary_ctxt_switches:");
                        threads++;
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile, or no schedstat in this kernel
                    }
                }
            } catch (IOException | RuntimeException noProc) {
                return new Schedule(0, 0, 0, 0);
            }
            return new Schedule(threads, wait, sleeps, preemptions);
        }

        private static long statusField(Path task, String name) throws IOException {
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim());
                }
            }
            return 0;
        }

        Schedule since(Schedule before) {
            return new Schedule(threads, waitNanos - before.waitNanos, sleeps - before.sleeps,
                    preemptions - before.preemptions);
        }

        String describe(long packets) {
            return threads == 0 ? "(no /proc schedule figures)" : String.format(Locale.ROOT,
                    "relay threads (%d) waited %.2f s for a core, preempted %d times, slept %d times (%.2f packets per wake-up)",
                    threads, waitNanos / 1e9, preemptions, sleeps, packets / (double) Math.max(1, sleeps));
        }
    }

    private static long cpuNanos(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }
}
