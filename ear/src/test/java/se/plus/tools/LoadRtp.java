package se.plus.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * RTP for many calls at once with few threads: {@code senders} threads send every stream's PCMU
 * packets at 50/s (each stream on a 1 ms slot of its own within the 20 ms, so the packets of 400
 * streams are spread, not sent in one burst), and one selector thread receives them all. Each packet
 * is a 12-byte RTP header and 160 bytes of payload that begin with the stream's id, its sequence
 * number and the {@link System#nanoTime()} of sending, so one clock measures the one-way transit.
 *
 * <p>A run: {@code warmup} of media not counted, {@code measured} counted, then a drain for late packets.
 * A packet counts when its send stamp falls in the measured window, at the sender and the receiver alike.
 */
final class LoadRtp {

    enum Direction {
        CALLER_TO_CALLEE("caller->callee"), CALLEE_TO_CALLER("callee->caller");

        final String label;

        Direction(String label) {
            this.label = label;
        }
    }

    /** One direction of one call: sent from {@code from} to {@code to}, received on {@code at} from {@code expectedSource}. */
    record Stream(Direction direction, DatagramChannel from, InetSocketAddress to, DatagramChannel at,
                  InetSocketAddress expectedSource) {
    }

    /** What one direction of all calls saw; times in nanoseconds, sorted. */
    record Flow(Direction direction, long sent, long notSent, long received, long duplicates, long reordered,
                long wrongSource, long misrouted, long stale, int streams, int streamsWithLoss, int silentStreams,
                long[] transit, long[] jitter, long[] transitVariation) {

        double lossPercent() {
            return sent == 0 ? Double.NaN : 100.0 * (sent - received) / sent;
        }
    }

    /** {@code worstBySecond}: the largest transit of the packets sent in each second of the measured window, both directions. */
    record Result(List<Flow> flows, long[] senderLateness, ThreadSchedule receiver, long[] worstBySecond) {
    }

    private static final int HEADER = 12;
    private static final int PAYLOAD = 160;
    private static final int PACKET = HEADER + PAYLOAD;
    private static final int SLOTS = 20;
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TICK = INTERVAL / SLOTS;
    private static final long DRAIN = TimeUnit.SECONDS.toNanos(2);
    private static final byte PCMU_SILENCE = (byte) 0xFF;

    private final List<Stream> streams;
    private final int senders;
    /** The high 16 bits of every stream id of this run: packets of an earlier run still in flight are told apart. */
    private final int runTag;

    LoadRtp(List<Stream> streams, int senders, int runTag) {
        this.streams = List.copyOf(streams);
        this.senders = senders;
        this.runTag = runTag;
    }

    static DatagramChannel openChannel() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
        channel.bind(new InetSocketAddress(LoadSip.HOST, 0));
        channel.configureBlocking(false);
        return channel;
    }

    static InetSocketAddress address(DatagramChannel channel) {
        return (InetSocketAddress) channel.socket().getLocalSocketAddress();
    }

    /** Sends and receives for {@code warmup} + {@code measured} (plus the drain), blocking until done. */
    Result run(Duration warmup, Duration measured) throws IOException, InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measured.toNanos();
        var receiver = new Receiver(measureStart, measureEnd);
        var receiving = new Thread(receiver::receiveUntilStopped, "load-rtp-receive");
        receiving.setDaemon(true);
        receiving.start();
        var sent = new long[streams.size()];
        var notSent = new long[streams.size()];
        var lateness = new Samples[senders];
        var sending = new ArrayList<Thread>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            lateness[s] = new Samples();
            var thread = new Thread(() -> send(sender, start, measureStart, measureEnd, sent, notSent, lateness[sender]),
                    "load-rtp-send-" + s);
            thread.setDaemon(true);
            sending.add(thread);
            thread.start();
        }
        for (Thread thread : sending) {
            thread.join();
        }
        parkUntil(measureEnd + DRAIN);
        receiver.stopped = true;
        receiving.join(TimeUnit.SECONDS.toMillis(5));
        var all = new Samples();
        for (Samples samples : lateness) {
            for (long late : samples.sorted()) {
                all.add(late);
            }
        }
        return new Result(receiver.flows(sent, notSent), all.sorted(), receiver.schedule, receiver.worstBySecond);
    }

    private void send(int sender, long start, long measureStart, long measureEnd, long[] sent, long[] notSent, Samples lateness) {
        @SuppressWarnings("unchecked")
        List<Integer>[] bySlot = new List[SLOTS];
        Arrays.setAll(bySlot, slot -> new ArrayList<>());
        for (int i = sender; i < streams.size(); i += senders) {
            bySlot[i % SLOTS].add(i);
        }
        ByteBuffer packet = ByteBuffer.allocateDirect(PACKET);
        for (int i = HEADER + 16; i < PACKET; i++) {
            packet.put(i, PCMU_SILENCE);
        }
        for (long tick = 0; ; tick++) {
            long due = start + tick * TICK;
            if (due >= measureEnd) {
                return;
            }
            List<Integer> slot = bySlot[(int) (tick % SLOTS)];
            if (slot.isEmpty()) {
                continue;
            }
            parkUntil(due);
            lateness.add(System.nanoTime() - due);
            int sequence = (int) (tick / SLOTS);
            for (int index : slot) {
                Stream stream = streams.get(index);
                int id = (runTag << 16) | index;
                long stamp = System.nanoTime();
                packet.put(0, (byte) 0x80).put(1, (byte) 0).putShort(2, (short) sequence)
                        .putInt(4, sequence * PAYLOAD).putInt(8, id)
                        .putInt(HEADER, id).putInt(HEADER + 4, sequence).putLong(HEADER + 8, stamp);
                packet.clear();
                boolean counted = stamp >= measureStart && stamp < measureEnd;
                try {
                    if (stream.from().send(packet, stream.to()) == 0) {
                        notSent[index] += counted ? 1 : 0;
                    } else if (counted) {
                        sent[index]++;
                    }
                } catch (IOException failed) {
                    notSent[index] += counted ? 1 : 0;
                }
            }
        }
    }

    private static void parkUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    /** One selector thread for every stream's receiving socket; its state is read after it stopped. */
    private final class Receiver {
        private final long measureStart;
        private final long measureEnd;
        private final Inbound[] inbound = new Inbound[streams.size()];
        private final Samples[] transit = {new Samples(), new Samples()};
        private final Samples[] jitter = {new Samples(), new Samples()};
        private final Samples[] variation = {new Samples(), new Samples()};
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        private final long[] worstBySecond;
        private final Selector selector;
        volatile boolean stopped;
        volatile ThreadSchedule schedule = ThreadSchedule.UNKNOWN;

        Receiver(long measureStart, long measureEnd) throws IOException {
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
            this.worstBySecond = new long[(int) Math.ceil((measureEnd - measureStart) / 1e9)];
            this.selector = Selector.open();
            for (int i = 0; i < inbound.length; i++) {
                inbound[i] = new Inbound(i, streams.get(i));
                streams.get(i).at().register(selector, SelectionKey.OP_READ, inbound[i]);
            }
        }

        void receiveUntilStopped() {
            ThreadSchedule start = ThreadSchedule.current();
            try (selector) {
                while (!stopped) {
                    selector.select(this::drain, 100);
                }
            } catch (IOException failed) {
                throw new IllegalStateException("RTP receiver failed", failed);
            } finally {
                schedule = ThreadSchedule.current().since(start);
            }
        }

        private void drain(SelectionKey key) {
            var in = (Inbound) key.attachment();
            var channel = (DatagramChannel) key.channel();
            try {
                for (int i = 0; i < 64; i++) {
                    buffer.clear();
                    var source = (InetSocketAddress) channel.receive(buffer);
                    if (source == null) {
                        return;
                    }
                    arrived(in, source, buffer.position(), System.nanoTime());
                }
            } catch (IOException failed) {
                in.errors++;
            }
        }

        private void arrived(Inbound in, InetSocketAddress source, int length, long now) {
            if (length < HEADER + 16 || (buffer.get(0) & 0xC0) != 0x80) {
                in.errors++;
                return;
            }
            int id = buffer.getInt(HEADER);
            int sequence = buffer.getInt(HEADER + 4);
            long stamp = buffer.getLong(HEADER + 8);
            if (id >>> 16 != runTag) {
                in.stale++;
                return;
            }
            if (id != in.id) {
                in.misrouted++;
                return;
            }
            if (!source.equals(in.stream.expectedSource())) {
                in.wrongSource++;
            }
            boolean measured = stamp >= measureStart && stamp < measureEnd;
            if (measured && in.seen.get(sequence)) {
                in.duplicates++;
                return;
            }
            int d = in.stream.direction().ordinal();
            if (measured) {
                in.seen.set(sequence);
                in.received++;
                transit[d].add(now - stamp);
                int second = (int) ((stamp - measureStart) / 1_000_000_000L);
                worstBySecond[second] = Math.max(worstBySecond[second], now - stamp);
                if (sequence == in.lastSequence + 1 && in.lastStamp >= measureStart) {
                    long interArrival = now - in.lastArrival;
                    jitter[d].add(Math.abs(interArrival - INTERVAL));
                    variation[d].add(Math.abs(interArrival - (stamp - in.lastStamp)));
                }
            }
            if (sequence > in.lastSequence) {
                in.lastSequence = sequence;
                in.lastArrival = now;
                in.lastStamp = stamp;
            } else {
                in.reordered++;
            }
        }

        List<Flow> flows(long[] sent, long[] notSent) {
            var flows = new ArrayList<Flow>();
            for (Direction direction : Direction.values()) {
                long s = 0, n = 0, r = 0, dup = 0, re = 0, wrong = 0, mis = 0, old = 0;
                int count = 0, lossy = 0, silent = 0;
                for (Inbound in : inbound) {
                    if (in.stream.direction() != direction) {
                        continue;
                    }
                    count++;
                    s += sent[in.index];
                    n += notSent[in.index];
                    r += in.received;
                    dup += in.duplicates;
                    re += in.reordered;
                    wrong += in.wrongSource;
                    mis += in.misrouted + in.errors;
                    old += in.stale;
                    lossy += in.received < sent[in.index] ? 1 : 0;
                    silent += in.received == 0 ? 1 : 0;
                }
                int d = direction.ordinal();
                flows.add(new Flow(direction, s, n, r, dup, re, wrong, mis, old, count, lossy, silent,
                        transit[d].sorted(), jitter[d].sorted(), variation[d].sorted()));
            }
            return flows;
        }
    }

    /** The receiving side of one stream; touched by the receiver thread only. */
    private final class Inbound {
        final int index;
        final int id;
        final Stream stream;
        final BitSet seen = new BitSet();
        long received;
        long duplicates;
        long reordered;
        long wrongSource;
        long misrouted;
        long stale;
        long errors;
        int lastSequence = -1;
        long lastArrival;
        long lastStamp = Long.MIN_VALUE;

        Inbound(int index, Stream stream) {
            this.index = index;
            this.id = (runTag << 16) | index;
            this.stream = stream;
        }
    }
}
