package se.plus.adapters.sip.incall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.Transfer;
import se.plus.domain.number.PhoneNumber;

/**
 * The in-call readers fed what the wire can bring (issue 16): RTP and INFO bodies random, truncated
 * and mutated give a key of the keypad or nothing, never an exception; keys in any order give only
 * codes the in-call parser can read.
 */
class InCallPropertyTest {

    private static final String KEYPAD = "0123456789*#";

    // --- RTP ---

    @Provide
    Arbitrary<byte[]> brokenRtp() {
        Arbitrary<byte[]> valid = Combinators.combine(
                        Arbitraries.integers().between(0, 20), Arbitraries.of(true, false), Arbitraries.integers().between(0, 0xFFFF),
                        Arbitraries.integers().between(0, 15), Arbitraries.integers().between(-1, 3), Arbitraries.integers().between(0, 8))
                .as((event, end, duration, csrcs, extension, padding) -> RtpPacket.event(event, end, duration)
                        .csrcs(csrcs).extension(extension).padding(padding).bytes());
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80),
                valid,
                Combinators.combine(valid, Arbitraries.doubles().between(0, 1)).as((packet, at) -> truncated(packet, at)),
                Combinators.combine(valid, Arbitraries.integers().between(0, 1000), Arbitraries.bytes())
                        .as(InCallPropertyTest::overwritten),
                // The first octet with version 2 and every combination of P, X and CC over random bytes.
                Combinators.combine(Arbitraries.integers().between(0x80, 0xBF), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                        .as((first, rest) -> prefixed((byte) first.intValue(), (byte) RtpPacket.TELEPHONE_EVENT, rest)));
    }

    @Property(tries = 5000)
    void anyDatagramGivesAKeyOfTheKeypadOrNothingAndIsLeftAsItWas(
            @ForAll @Size(max = 12) List<@From("brokenRtp") byte[]> datagrams) {
        var events = new TelephoneEvents(RtpPacket.TELEPHONE_EVENT);
        for (byte[] datagram : datagrams) {
            ByteBuffer buffer = ByteBuffer.wrap(datagram);
            Optional<Character> key = events.packet(buffer);
            key.ifPresent(k -> assertTrue(KEYPAD.indexOf(k) >= 0, "key " + k));
            assertEquals(0, buffer.position());
            assertEquals(datagram.length, buffer.limit());
        }
    }

    /** What arrives of one key press: which of its four packets while held, and how many of its three end copies. */
    record Press(int event, List<Boolean> held, int endCopies) {
    }

    @Provide
    Arbitrary<List<Press>> lossyPresses() {
        Arbitrary<Press> press = Combinators.combine(
                        Arbitraries.integers().between(0, 11),
                        Arbitraries.of(true, false).list().ofSize(4),
                        Arbitraries.integers().between(0, 3))
                .as(Press::new)
                .filter(p -> p.endCopies() > 0 || p.held().contains(true));
        return press.list().ofMinSize(1).ofMaxSize(20).filter(presses -> presses.get(presses.size() - 1).endCopies() > 0);
    }

    @Property(tries = 2000)
    void everyKeyIsReportedOnceInOrderWhateverOfItsPacketsAreLostAsLongAsOneArrives(@ForAll("lossyPresses") List<Press> presses) {
        var events = new TelephoneEvents(RtpPacket.TELEPHONE_EVENT);
        var reported = new StringBuilder();
        var pressed = new StringBuilder();
        long timestamp = 0xFFFF_0000L;
        for (Press press : presses) {
            pressed.append(KEYPAD.charAt(press.event()));
            var packets = new ArrayList<RtpPacket>();
            for (int i = 0; i < 4; i++) {
                if (press.held().get(i)) {
                    packets.add(RtpPacket.event(press.event(), false, 160 * (i + 1)).timestamp(timestamp));
                }
            }
            for (int i = 0; i < press.endCopies(); i++) {
                packets.add(RtpPacket.event(press.event(), true, 800).timestamp(timestamp));
            }
            for (RtpPacket packet : packets) {
                events.packet(ByteBuffer.wrap(packet.bytes())).ifPresent(reported::append);
            }
            timestamp = (timestamp + 1600) & 0xFFFF_FFFFL;
        }
        // The stream goes on (voice, comfort noise): a key ended in the packet that reported the lost end of
        // the key before it is reported with the next packet.
        events.packet(ByteBuffer.wrap(RtpPacket.audio(0, 160).bytes())).ifPresent(reported::append);

        assertEquals(pressed.toString(), reported.toString());
    }

    // --- INFO ---

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of("application/dtmf-relay", "application/dtmf", "APPLICATION/DTMF-RELAY;x=1", "application/sdp",
                        ";", "", "application/dtmf-relay;;;", "application/dtmf\u0000"),
                Arbitraries.strings().ofMaxLength(60));
    }

    @Provide
    Arbitrary<byte[]> infoBodies() {
        List<byte[]> valid = List.of(bytes("Signal=5\r\nDuration=160\r\n"), bytes("Signal=11\r\n"), bytes("#"), bytes("10"));
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.strings().withChars("Signal=Duration0123456789*#AD \r\n\t").ofMaxLength(60).map(InCallPropertyTest::bytes),
                Arbitraries.of(valid),
                Combinators.combine(Arbitraries.of(valid), Arbitraries.doubles().between(0, 1)).as((body, at) -> truncated(body, at)),
                Combinators.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 30), Arbitraries.bytes())
                        .as(InCallPropertyTest::overwritten));
    }

    @Property(tries = 5000)
    void anyInfoBodyGivesAKeyOfTheKeypadOrNothing(@ForAll("contentTypes") String contentType, @ForAll("infoBodies") byte[] body) {
        DtmfInfo.digitOf(contentType, body).ifPresent(k -> assertTrue(KEYPAD.indexOf(k) >= 0, "key " + k));
    }

    // --- Keys into codes ---

    /** A key, or a silence of three seconds (written 'S'). */
    @Provide
    Arbitrary<String> keysAndSilences() {
        return Arbitraries.strings().withChars("0123456789*#*#S").ofMaxLength(80);
    }

    @Property(tries = 2000)
    void whateverIsKeyedOnlyShortCodesStartingWithHashOrStarComplete(
            @ForAll("keysAndSilences") String keyed, @ForAll Dialect dialect, @ForAll boolean takeBackPending) {
        var timers = new ManualTimers();
        var codes = new ArrayList<String>();
        var keys = new InCallKeys(dialect, timers, Duration.ofSeconds(3), () -> takeBackPending, codes::add);
        for (char c : keyed.toCharArray()) {
            if (c == 'S') {
                timers.advance(Duration.ofSeconds(3));
            } else {
                keys.key(c);
            }
        }
        timers.advance(Duration.ofSeconds(3));

        for (String code : codes) {
            assertTrue(code.length() <= InCallKeys.MAX_KEYS, code);
            assertTrue(code.equals("*") ? takeBackPending : code.length() > 1, code);
            assertTrue(code.charAt(0) == '#' || code.charAt(0) == '*', code);
            DialStringParser.parse(code, dialect, DialContext.IN_CALL);
        }
        assertEquals(0, timers.pending());
    }

    @Property(tries = 1000)
    void aTransferKeyedAfterAnyVoiceMenuKeysIsReadAsTheTransfer(
            @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 9) Integer> menuKeys,
            @ForAll("targets") String target, @ForAll Dialect dialect) {
        var timers = new ManualTimers();
        var codes = new ArrayList<String>();
        var keys = new InCallKeys(dialect, timers, Duration.ofSeconds(3), () -> false, codes::add);
        menuKeys.forEach(k -> keys.key((char) ('0' + k)));

        String code = dialect == Dialect.MOBILE ? "#" + target : "#" + target + "#";
        code.chars().forEach(c -> keys.key((char) c));
        timers.advance(Duration.ofSeconds(3));

        assertEquals(List.of(code), codes);
        assertEquals(new ParseResult.Parsed(new Transfer(PhoneNumber.of(target))),
                DialStringParser.parse(code, dialect, DialContext.IN_CALL));
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(6),
                Arbitraries.strings().numeric().ofLength(8).map(rest -> "07" + rest));
    }

    // --- helpers ---

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] truncated(byte[] data, double at) {
        return Arrays.copyOf(data, (int) (data.length * at));
    }

    private static byte[] overwritten(byte[] data, int at, byte value) {
        byte[] copy = data.clone();
        if (copy.length > 0) {
            copy[at % copy.length] = value;
        }
        return copy;
    }

    private static byte[] prefixed(byte first, byte second, byte[] rest) {
        byte[] out = new byte[rest.length + 2];
        out[0] = first;
        out[1] = second;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }
}
