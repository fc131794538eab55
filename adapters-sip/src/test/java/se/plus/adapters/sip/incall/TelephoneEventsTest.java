package se.plus.adapters.sip.incall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static se.plus.adapters.sip.incall.RtpPacket.TELEPHONE_EVENT;
import static se.plus.adapters.sip.incall.RtpPacket.event;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelephoneEventsTest {

    private final TelephoneEvents events = new TelephoneEvents(TELEPHONE_EVENT);

    private Optional<Character> receive(RtpPacket packet) {
        return events.packet(ByteBuffer.wrap(packet.bytes()));
    }

    /** What the relay reads from a run of packets, in order: one entry per reported key. */
    private String receiveAll(List<RtpPacket> packets) {
        var keys = new StringBuilder();
        for (RtpPacket packet : packets) {
            receive(packet).ifPresent(keys::append);
        }
        return keys.toString();
    }

    /** A key pressed for 100 ms as a phone sends it: the first packet marked, every 20 ms, then the end three times. */
    private static List<RtpPacket> press(int event, long timestamp) {
        var packets = new ArrayList<RtpPacket>();
        packets.add(RtpPacket.event(event, false, 160).timestamp(timestamp).marker());
        for (int duration = 320; duration < 800; duration += 160) {
            packets.add(RtpPacket.event(event, false, duration).timestamp(timestamp));
        }
        for (int copy = 0; copy < 3; copy++) {
            packets.add(RtpPacket.event(event, true, 800).timestamp(timestamp));
        }
        return packets;
    }

    private static List<RtpPacket> withoutEndPackets(List<RtpPacket> press) {
        return press.subList(0, press.size() - 3);
    }

    private static List<RtpPacket> endPacketsOnly(List<RtpPacket> press) {
        return press.subList(press.size() - 3, press.size());
    }

    @Test
    void endPacketSentThreeTimesReportsOneDigit() {
        assertEquals("5", receiveAll(press(5, 8000)));
    }

    @Test
    void theKeyIsReportedAtItsFirstEndPacketNotWhileItIsHeld() {
        List<RtpPacket> press = press(7, 8000);

        assertEquals("", receiveAll(withoutEndPackets(press)));
        assertEquals(Optional.of('7'), receive(press.get(press.size() - 3)));
    }

    @Test
    void events0To11AreTheKeys0To9StarAndHash() {
        var keys = new StringBuilder();
        for (int event = 0; event <= 11; event++) {
            keys.append(receiveAll(press(event, 8000 + 1600L * event)));
        }

        assertEquals("0123456789*#", keys.toString());
    }

    @Test
    void keysAToDAndFlashAreNoKeysHere() {
        assertEquals("", receiveAll(press(12, 8000)) + receiveAll(press(15, 9600)) + receiveAll(press(16, 11200)));
    }

    @Test
    void theSameKeyPressedTwiceIsTwoDigits() {
        var packets = new ArrayList<>(press(1, 8000));
        packets.addAll(press(1, 9600));

        assertEquals("11", receiveAll(packets));
    }

    @Test
    void aKeyWhoseEndPacketsWereAllLostIsReportedWhenTheNextKeyBegins() {
        List<RtpPacket> next = press(2, 9600);

        assertEquals("", receiveAll(withoutEndPackets(press(1, 8000))));
        assertEquals(Optional.of('1'), receive(next.get(0)));
        assertEquals("2", receiveAll(next.subList(1, next.size())));
    }

    @Test
    void aKeyOfWhichOnlyTheEndPacketsArrivedIsReportedOnce() {
        assertEquals("3", receiveAll(endPacketsOnly(press(3, 8000))));
    }

    @Test
    void aLostEndFollowedByAKeyWithOnlyItsEndPacketsReportsBoth() {
        var packets = new ArrayList<>(withoutEndPackets(press(1, 8000)));
        packets.addAll(endPacketsOnly(press(2, 9600)));

        assertEquals("12", receiveAll(packets));
    }

    @Test
    void aKeyEndedInThePacketThatReportedTheKeyBeforeItIsReportedWithTheNextPacketOfAnyKind() {
        List<RtpPacket> next = press(2, 9600);
        receiveAll(withoutEndPackets(press(1, 8000)));

        assertEquals(Optional.of('1'), receive(next.get(next.size() - 1)));
        assertEquals(Optional.of('2'), receive(RtpPacket.audio(0, 160)));
        assertEquals(Optional.empty(), receive(RtpPacket.audio(0, 160)));
    }

    @Test
    void aLateCopyOfAnEarlierKeysEndReportsNothing() {
        List<RtpPacket> first = press(4, 8000);
        List<RtpPacket> second = press(6, 9600);
        var packets = new ArrayList<>(first);
        packets.addAll(withoutEndPackets(second));
        packets.add(first.get(first.size() - 1));
        packets.addAll(endPacketsOnly(second));

        assertEquals("46", receiveAll(packets));
    }

    @Test
    void keysAcrossTheTimestampWrapAreEachReported() {
        var packets = new ArrayList<>(press(8, 0xFFFF_FC00L));
        packets.addAll(press(9, 0x0000_0200L));

        assertEquals("89", receiveAll(packets));
    }

    @Test
    void anotherSourceWithTheSameTimestampIsAnotherKey() {
        var packets = new ArrayList<>(press(1, 8000));
        for (RtpPacket packet : press(2, 8000)) {
            packets.add(packet.ssrc(0x0BAD_CAFEL));
        }

        assertEquals("12", receiveAll(packets));
    }

    @Test
    void aKeyHeldLongerThanOneSegmentIsOneDigit() {
        // RFC 4733 §2.5.1.3: at duration 0xFFFF the event goes on with a new timestamp, the old segment never ended.
        var packets = new ArrayList<RtpPacket>();
        for (int duration = 160; duration <= 0xFFFF; duration += 160) {
            packets.add(RtpPacket.event(5, false, duration).timestamp(8000));
        }
        packets.add(RtpPacket.event(5, false, 0xFFFF).timestamp(8000));
        packets.add(RtpPacket.event(5, false, 160).timestamp(8000 + 0xFFFF));
        for (int copy = 0; copy < 3; copy++) {
            packets.add(RtpPacket.event(5, true, 320).timestamp(8000 + 0xFFFF));
        }

        assertEquals("5", receiveAll(packets));
    }

    @Test
    void theSameKeyPressedAgainAfterALostEndIsTwoDigits() {
        var packets = new ArrayList<>(withoutEndPackets(press(5, 8000)));
        packets.addAll(press(5, 9600));

        assertEquals("55", receiveAll(packets));
    }

    @Test
    void contributingSourcesAHeaderExtensionAndPaddingAreSkipped() {
        var packets = new ArrayList<RtpPacket>();
        for (RtpPacket packet : press(9, 8000)) {
            packets.add(packet.csrcs(2).extension(2).padding(3));
        }

        assertEquals("9", receiveAll(packets));
    }

    @Test
    void audioAndOtherPayloadTypesArePassedOver() {
        var packets = new ArrayList<RtpPacket>();
        for (RtpPacket packet : press(5, 8000)) {
            packets.add(packet.payloadType(0));
        }
        packets.add(RtpPacket.audio(0, 160));
        packets.add(RtpPacket.audio(8, 160));

        assertEquals("", receiveAll(packets));
    }

    @Test
    void withNoTelephoneEventTypeNegotiatedNothingIsReported() {
        var none = new TelephoneEvents(-1);
        for (RtpPacket packet : press(5, 8000)) {
            assertEquals(Optional.empty(), none.packet(ByteBuffer.wrap(packet.bytes())));
        }
    }

    @Test
    void aPacketOfAnotherRtpVersionIsNotRead() {
        var packets = new ArrayList<RtpPacket>();
        for (RtpPacket packet : press(5, 8000)) {
            packets.add(packet.version(1));
        }

        assertEquals("", receiveAll(packets));
    }

    @Test
    void truncatedAndInconsistentPacketsReportNothing() {
        byte[] whole = event(5, true, 800).bytes();
        for (int length = 0; length < whole.length; length++) {
            assertEquals(Optional.empty(), events.packet(ByteBuffer.wrap(whole, 0, length)), "first " + length + " octets");
        }
        assertEquals(Optional.empty(), events.packet(ByteBuffer.wrap(csrcCountBeyondThePacket())));
        assertEquals(Optional.empty(), events.packet(ByteBuffer.wrap(extensionLongerThanThePacket())));
        assertEquals(Optional.empty(), events.packet(ByteBuffer.wrap(paddingLongerThanThePayload())));
        assertEquals(Optional.empty(), events.packet(ByteBuffer.wrap(paddingOfZeroOctets())));
        assertEquals(Optional.of('5'), receive(event(5, true, 800)), "the state was not disturbed");
    }

    private static byte[] csrcCountBeyondThePacket() {
        byte[] packet = event(5, true, 800).bytes();
        packet[0] |= 0x0F;
        return packet;
    }

    private static byte[] extensionLongerThanThePacket() {
        byte[] packet = event(5, true, 800).extension(0).bytes();
        packet[15] = 100;
        return packet;
    }

    private static byte[] paddingLongerThanThePayload() {
        byte[] packet = event(5, true, 800).padding(1).bytes();
        packet[packet.length - 1] = 3;
        return packet;
    }

    private static byte[] paddingOfZeroOctets() {
        byte[] packet = event(5, true, 800).padding(1).bytes();
        packet[packet.length - 1] = 0;
        return packet;
    }

    @Test
    void thePacketIsReadBetweenPositionAndLimitAndLeftAsItWas() {
        byte[] packet = event(5, true, 800).bytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect(packet.length + 20);
        buffer.put(new byte[7]).put(packet).put(new byte[13]);
        buffer.position(7).limit(7 + packet.length);

        assertEquals(Optional.of('5'), events.packet(buffer));
        assertEquals(7, buffer.position());
        assertEquals(7 + packet.length, buffer.limit());
    }

    @Test
    void aReportedKeyIsAlwaysTheSameOptionalSoTheRelayAllocatesNothing() {
        Optional<Character> first = receive(event(11, true, 800).timestamp(8000));
        Optional<Character> second = receive(event(11, true, 800).timestamp(9600));

        assertEquals(Optional.of('#'), first);
        assertSame(first, second);
    }
}
