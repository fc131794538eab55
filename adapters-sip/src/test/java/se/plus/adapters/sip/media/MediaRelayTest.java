package se.plus.adapters.sip.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.adapters.sip.media.LoopbackPhone.LOOPBACK;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.SECONDS)
class MediaRelayTest {

    private MediaRelay relay;
    private int firstPort;

    @AfterEach
    void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private MediaRelay relayWithPairs(int pairs) throws IOException {
        firstPort = LoopbackPhone.freeRange(pairs);
        relay = new MediaRelay("127.0.0.1", firstPort, firstPort + 2 * pairs - 1, Executors.defaultThreadFactory());
        return relay;
    }

    private MediaRelay relayWithPairsAndThreads(int pairs, int threads) throws IOException {
        firstPort = LoopbackPhone.freeRange(pairs);
        relay = new MediaRelay("127.0.0.1", firstPort, firstPort + 2 * pairs - 1, Executors.defaultThreadFactory(), threads);
        return relay;
    }

    @Test
    void audioFlowsBothWaysBetweenTheDeclaredAddresses() throws IOException {
        var session = relayWithPairs(2).open().orElseThrow();
        try (var caller = LoopbackPhone.onAnyPort(); var callee = LoopbackPhone.onAnyPort()) {
            session.remoteA(caller.address());
            session.remoteB(callee.address());

            caller.sendTo(session.portA(), "hello callee");
            var atCallee = callee.receive();
            callee.sendTo(session.portB(), "hello caller");
            var atCaller = caller.receive();

            assertEquals(new LoopbackPhone.Received("hello callee", session.portB()), atCallee);
            assertEquals(new LoopbackPhone.Received("hello caller", session.portA()), atCaller);
            // The relay counts a packet just after sending it, so it may reach the phone first.
            eventually(() -> session.packetsToA() == 1);
            assertEquals(1, session.packetsFromA());
            assertEquals(1, session.packetsToB());
            assertEquals(1, session.packetsFromB());
        }
    }

    @Test
    void aPhoneBehindNatIsAnsweredWhereItsPacketsComeFromNotWhereItsSdpSays() throws IOException {
        var session = relayWithPairs(2).open().orElseThrow();
        try (var declaredCaller = LoopbackPhone.onAnyPort(); var callerBehindNat = LoopbackPhone.onAnyPort();
                var callee = LoopbackPhone.onAnyPort()) {
            session.remoteA(declaredCaller.address());
            session.remoteB(callee.address());

            callerBehindNat.sendTo(session.portA(), "from behind NAT");
            callee.receive();
            callee.sendTo(session.portB(), "back to you");

            assertEquals("back to you", callerBehindNat.receive().text());
            assertEquals(Optional.empty(), declaredCaller.receiveWithin(100));
        }
    }

    @Test
    void rtcpTravelsOnThePortAboveRtpToThePortAboveTheDeclaredOne() throws IOException {
        var session = relayWithPairs(2).open().orElseThrow();
        int calleeRtp = LoopbackPhone.freeRange(1);
        try (var callerRtcp = LoopbackPhone.onAnyPort(); var calleeRtcp = LoopbackPhone.onPort(calleeRtp + 1)) {
            session.remoteB(new InetSocketAddress(LOOPBACK, calleeRtp));

            callerRtcp.sendTo(session.portA() + 1, "receiver report");

            assertEquals(new LoopbackPhone.Received("receiver report", session.portB() + 1), calleeRtcp.receive());
            assertEquals(0, session.packetsFromA(), "RTCP is not counted as RTP");
        }
    }

    @Test
    void aPacketForASideWithNoAddressYetIsDroppedButCountedAsReceived() throws IOException {
        var session = relayWithPairs(2).open().orElseThrow();
        long opened = session.lastPacketNanos();
        try (var caller = LoopbackPhone.onAnyPort(); var callee = LoopbackPhone.onAnyPort()) {
            caller.sendTo(session.portA(), "nobody to hear this");
            eventually(() -> session.packetsFromA() == 1);

            assertEquals(0, session.packetsToB());
            assertTrue(session.lastPacketNanos() > opened);

            session.remoteB(callee.address());
            caller.sendTo(session.portA(), "now you");
            assertEquals("now you", callee.receive().text());
        }
    }

    @Test
    void aHoldAddressOrPortZeroSendsNothingUntilThatSideSpeaksAgain() throws IOException {
        var session = relayWithPairs(2).open().orElseThrow();
        try (var caller = LoopbackPhone.onAnyPort(); var callee = LoopbackPhone.onAnyPort()) {
            session.remoteA(new InetSocketAddress("0.0.0.0", caller.address().getPort()));
            session.remoteB(new InetSocketAddress(LOOPBACK, 0));

            caller.sendTo(session.portA(), "on hold");
            eventually(() -> session.packetsFromA() == 1);

            assertEquals(0, session.packetsToB());
            assertEquals(Optional.empty(), callee.receiveWithin(50));

            callee.sendTo(session.portB(), "I am back");
            assertEquals("I am back", caller.receive().text(), "the caller latched with its first packet");
            caller.sendTo(session.portA(), "welcome back");
            assertEquals("welcome back", callee.receive().text());
        }
    }

    @Test
    void aDatagramOverTwoKilobytesIsDropped() throws IOException {
        var session = relayWithPairs(2).open().orElseThrow();
        try (var caller = LoopbackPhone.onAnyPort(); var callee = LoopbackPhone.onAnyPort()) {
            session.remoteB(callee.address());

            caller.sendTo(session.portA(), "x".repeat(MediaRelay.MAX_DATAGRAM + 1));
            caller.sendTo(session.portA(), "x".repeat(MediaRelay.MAX_DATAGRAM));

            assertEquals(MediaRelay.MAX_DATAGRAM, callee.receive().text().length());
            eventually(() -> session.packetsToB() == 1);
            assertEquals(2, session.packetsFromA());
        }
    }

    @Test
    void whenThePoolIsExhaustedNoSessionOpensUntilOneCloses() throws IOException {
        relayWithPairs(4);
        var first = relay.open().orElseThrow();
        var second = relay.open().orElseThrow();

        assertEquals(Optional.empty(), relay.open());
        assertEquals(8, relay.portsInUse());
        assertEquals(2, relay.sessions());

        first.close();
        first.close();
        var third = relay.open().orElseThrow();
        second.close();
        third.close();

        assertFalse(first.isOpen());
        assertEquals(0, relay.portsInUse());
        assertEquals(0, relay.sessions());
    }

    @Test
    void aPortPairIsSkippedWhenAnotherSocketHoldsItsRtpOrRtcpPort() throws IOException {
        relayWithPairs(4);
        try (var otherProgram = new DatagramSocket(new InetSocketAddress(LOOPBACK, firstPort + 1))) {
            var session = relay.open().orElseThrow();

            assertEquals(Set.of(firstPort + 2, firstPort + 4), Set.of(session.portA(), session.portB()));
            assertEquals(Optional.empty(), relay.open(), "one bindable pair is not a session");
            assertEquals(4, relay.portsInUse());
        }
    }

    @Test
    void closingASessionWhilePacketsFlowLeavesTheRelayWorking() throws Exception {
        relayWithPairs(4);
        var busy = relay.open().orElseThrow();
        var flooding = new AtomicBoolean(true);
        var caller = LoopbackPhone.onAnyPort();
        var callee = LoopbackPhone.onAnyPort();
        busy.remoteA(caller.address());
        busy.remoteB(callee.address());
        var flood = new Thread(() -> {
            try (var socket = new DatagramSocket()) {
                byte[] rtp = new byte[172];
                while (flooding.get()) {
                    socket.send(new DatagramPacket(rtp, rtp.length, LOOPBACK, busy.portA()));
                    socket.send(new DatagramPacket(rtp, rtp.length, LOOPBACK, busy.portB()));
                }
            } catch (IOException portGone) {
                // expected once the relay closes its ports
            }
        });
        flood.start();
        eventually(() -> busy.packetsToB() > 100);

        assertDoesNotThrow(busy::close);
        flooding.set(false);
        flood.join();
        caller.close();
        callee.close();

        var next = relay.open().orElseThrow();
        try (var a = LoopbackPhone.onAnyPort(); var b = LoopbackPhone.onAnyPort()) {
            next.remoteB(b.address());
            a.sendTo(next.portA(), "still relaying");
            assertEquals("still relaying", b.receive().text());
        }
    }

    @Test
    void closingTheRelayClosesEverySessionAndFreesItsPorts() throws IOException {
        relayWithPairs(4);
        var first = relay.open().orElseThrow();
        var second = relay.open().orElseThrow();

        relay.close();

        assertFalse(first.isOpen());
        assertFalse(second.isOpen());
        assertEquals(0, relay.portsInUse());
        assertEquals(Optional.empty(), relay.open());
        assertDoesNotThrow(() -> new DatagramSocket(new InetSocketAddress(LOOPBACK, first.portA())).close());
    }

    @Test
    void sessionsGetDistinctPortsAndTheRelayAddress() throws IOException {
        relayWithPairs(4);
        var first = relay.open().orElseThrow();
        var second = relay.open().orElseThrow();

        assertEquals(4, Set.of(first.portA(), first.portB(), second.portA(), second.portB()).size());
        assertEquals("127.0.0.1", first.address());
        assertTrue(first.portA() % 2 == 0 && first.portB() % 2 == 0, "RTP on even ports, RTCP on the odd one above");
    }

    @Test
    void sessionsAreSpreadOverTheSelectorThreadsAndANewOneGoesWhereFewestAre() throws IOException {
        relayWithPairsAndThreads(16, 3);
        List<MediaSession> sessions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sessions.add(relay.open().orElseThrow());
        }
        assertArrayEquals(new int[] {2, 2, 2}, relay.sessionsPerThread());

        MediaSession leaving = sessions.remove(0);
        RelayLoop lighter = leaving.loop();
        leaving.close();
        MediaSession next = relay.open().orElseThrow();

        assertSame(lighter, next.loop(), "the thread one call left takes the next");
        assertArrayEquals(new int[] {2, 2, 2}, relay.sessionsPerThread());
        assertEquals(3, relay.selectorThreads());
    }

    @Test
    void everySelectorThreadRelaysItsOwnSessions() throws IOException {
        relayWithPairsAndThreads(8, 2);
        var first = relay.open().orElseThrow();
        var second = relay.open().orElseThrow();
        assertNotSame(first.loop(), second.loop());
        try (var caller = LoopbackPhone.onAnyPort(); var callee = LoopbackPhone.onAnyPort()) {
            for (MediaSession session : List.of(first, second)) {
                session.remoteB(callee.address());
                caller.sendTo(session.portA(), "via " + session.portB());

                assertEquals(new LoopbackPhone.Received("via " + session.portB(), session.portB()), callee.receive());
            }
        }
    }

    @Test
    void onEverySelectorThreadAClosedSessionsPortsAreFreeTheMomentCloseReturns() throws Exception {
        relayWithPairsAndThreads(16, 4);
        List<MediaSession> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(relay.open().orElseThrow());
        }
        assertEquals(4, sessions.stream().map(MediaSession::loop).distinct().count());
        try (var caller = LoopbackPhone.onAnyPort(); var callee = LoopbackPhone.onAnyPort()) {
            for (MediaSession session : sessions) {
                session.remoteA(caller.address());
                session.remoteB(callee.address());
                caller.sendTo(session.portA(), "latched");
                callee.receive();
                callee.sendTo(session.portB(), "both ways");
                caller.receive();

                session.close();

                for (int port : new int[] {session.portA(), session.portA() + 1, session.portB(), session.portB() + 1}) {
                    assertDoesNotThrow(() -> new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close(),
                            "port " + port + " free after close on " + session.loop());
                }
            }
        }
        assertEquals(0, relay.portsInUse());
        assertArrayEquals(new int[] {0, 0, 0, 0}, relay.sessionsPerThread());
    }

    @Test
    void byDefaultTwoSelectorThreadsPerProcessorAtMostFourAndNeverNone() throws IOException {
        int expected = Math.min(4, 2 * Runtime.getRuntime().availableProcessors());

        assertEquals(expected, relayWithPairs(2).selectorThreads());
        assertThrows(IllegalArgumentException.class,
                () -> new MediaRelay("127.0.0.1", firstPort, firstPort + 3, Executors.defaultThreadFactory(), 0));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 2 s");
            }
            // Re-checked every millisecond until the deadline: the counters move on the relay thread.
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
