package se.plus.adapters.sip.incall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static se.plus.domain.dialstring.Dialect.MOBILE;
import static se.plus.domain.dialstring.Dialect.TERMINAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.SendToVoicemail;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.dialstring.TakeBack;
import se.plus.domain.dialstring.Transfer;
import se.plus.domain.number.PhoneNumber;

class InCallKeysTest {

    private static final Duration SILENCE = Duration.ofSeconds(3);
    private static final Duration JUST_UNDER = SILENCE.minusMillis(1);

    private final ManualTimers timers = new ManualTimers();
    private final AtomicBoolean takeBackPending = new AtomicBoolean();
    private final List<String> completed = new ArrayList<>();

    private InCallKeys keysOf(Dialect dialect) {
        return new InCallKeys(dialect, timers, SILENCE, takeBackPending::get, completed::add);
    }

    private static void key(InCallKeys keys, String pressed) {
        for (char c : pressed.toCharArray()) {
            keys.key(c);
        }
    }

    private static ServiceCommand parsed(String code, Dialect dialect) {
        ParseResult result = DialStringParser.parse(code, dialect, DialContext.IN_CALL);
        assertEquals(ParseResult.Parsed.class, result.getClass(), () -> code + " → " + result);
        return ((ParseResult.Parsed) result).command();
    }

    @Nested
    class OnADeskPhone {

        private final InCallKeys keys = keysOf(TERMINAL);

        @Test
        void hash1003HashTransfersTo1003() {
            key(keys, "#1003#");

            assertEquals(List.of("#1003#"), completed);
            assertEquals(new Transfer(PhoneNumber.of("1003")), parsed(completed.get(0), TERMINAL));
            assertEquals(0, timers.pending());
        }

        @Test
        void star59Star1003HashSendsTheOtherPartyToTheVoicemailOf1003() {
            key(keys, "*59*1003#");

            assertEquals(List.of("*59*1003#"), completed);
            assertEquals(new SendToVoicemail(PhoneNumber.of("1003")), parsed(completed.get(0), TERMINAL));
        }

        @Test
        void aStarWhileATakeBackIsPendingTakesTheCallerBackAtOnce() {
            takeBackPending.set(true);

            key(keys, "*");

            assertEquals(List.of("*"), completed);
            assertEquals(new TakeBack(), parsed("*", TERMINAL));
            assertEquals(0, timers.pending());
        }

        @Test
        void aStarWithNoTakeBackPendingIsForgottenAfterTheSilence() {
            key(keys, "*");
            timers.advance(SILENCE);

            assertEquals(List.of(), completed);
            assertEquals(0, timers.pending());
        }

        @Test
        void anUnfinishedCodeIsDiscardedAfterThreeSecondsOfSilence() {
            key(keys, "#1003");
            timers.advance(SILENCE);
            key(keys, "5#");

            assertEquals(List.of(), completed, "the 5 after the silence starts no code, the # alone completes none");
        }

        @Test
        void aCodeKeyedSlowlyButWithoutAThreeSecondGapCompletes() {
            key(keys, "#10");
            timers.advance(JUST_UNDER);
            key(keys, "03");
            timers.advance(JUST_UNDER);
            key(keys, "#");

            assertEquals(List.of("#1003#"), completed);
        }

        @Test
        void theSilenceDoesNotCompleteADeskPhoneCode() {
            key(keys, "#1003");
            timers.advance(SILENCE.multipliedBy(10));

            assertEquals(List.of(), completed);
        }

        @Test
        void twoCodesInOneCallAreCollectedOneAfterTheOther() {
            key(keys, "#1003#*59*21#");

            assertEquals(List.of("#1003#", "*59*21#"), completed);
        }
    }

    @Nested
    class OnAMobile {

        private final InCallKeys keys = keysOf(MOBILE);

        @Test
        void hash1003CompletesAfterThreeSecondsOfSilence() {
            key(keys, "#1003");
            timers.advance(JUST_UNDER);
            assertEquals(List.of(), completed);

            timers.advance(Duration.ofMillis(1));

            assertEquals(List.of("#1003"), completed);
            assertEquals(new Transfer(PhoneNumber.of("1003")), parsed("#1003", MOBILE));
        }

        @Test
        void eachKeyStartsTheSilenceAgain() {
            key(keys, "#1");
            timers.advance(Duration.ofSeconds(2));
            key(keys, "0");
            timers.advance(Duration.ofSeconds(2));
            key(keys, "03");
            timers.advance(Duration.ofSeconds(2));
            assertEquals(List.of(), completed);

            timers.advance(Duration.ofSeconds(1));

            assertEquals(List.of("#1003"), completed);
            assertEquals(0, timers.pending());
        }

        @Test
        void star59Star1003SendsTheOtherPartyToTheVoicemailOf1003AfterTheSilence() {
            key(keys, "*59*1003");
            timers.advance(SILENCE);

            assertEquals(List.of("*59*1003"), completed);
            assertEquals(new SendToVoicemail(PhoneNumber.of("1003")), parsed("*59*1003", MOBILE));
        }

        @Test
        void aTrailingHashCompletesAtOnceAsTheMobileFormToleratesIt() {
            key(keys, "#1003#");

            assertEquals(List.of("#1003#"), completed);
            assertEquals(new Transfer(PhoneNumber.of("1003")), parsed("#1003#", MOBILE));
            assertEquals(0, timers.pending());
        }

        @Test
        void aStarWhileATakeBackIsPendingTakesTheCallerBackAtOnce() {
            takeBackPending.set(true);

            key(keys, "*");

            assertEquals(List.of("*"), completed);
            assertEquals(new TakeBack(), parsed("*", MOBILE));
        }

        @Test
        void aStarKeyedJustBeforeTheTakeBackBecamePendingCompletesOnTheSilence() {
            key(keys, "*");
            takeBackPending.set(true);
            timers.advance(SILENCE);

            assertEquals(List.of("*"), completed);
        }

        @Test
        void aStarWithNoTakeBackPendingIsForgottenAfterTheSilence() {
            key(keys, "*");
            timers.advance(SILENCE);

            assertEquals(List.of(), completed);
        }

        @Test
        void aLoneHashIsForgottenAfterTheSilence() {
            key(keys, "#");
            timers.advance(SILENCE);

            assertEquals(List.of(), completed);
        }
    }

    @Test
    void keysForAVoiceMenuAreNotCollected() {
        var keys = keysOf(MOBILE);

        key(keys, "1234567890");
        timers.advance(SILENCE);

        assertEquals(List.of(), completed);
        assertEquals(0, timers.pending(), "no timer for keys that start no code");
    }

    @Test
    void thirtyTwoKeysAreStillACode() {
        var keys = keysOf(TERMINAL);

        String longest = "#" + "1".repeat(30) + "#";
        key(keys, longest);

        assertEquals(List.of(longest), completed);
    }

    @Test
    void aThirtyThirdKeyDiscardsWhatWasCollected() {
        var keys = keysOf(MOBILE);

        key(keys, "#" + "1".repeat(31) + "2");
        key(keys, "1003");
        timers.advance(SILENCE);

        assertEquals(List.of(), completed);
        assertEquals(0, timers.pending());
    }

    @Test
    void closingStopsTheSilenceTimerAndTheCollecting() {
        var keys = keysOf(MOBILE);
        key(keys, "#1003");

        keys.close();
        timers.advance(SILENCE);
        key(keys, "#1003#");

        assertEquals(List.of(), completed);
        assertEquals(0, timers.pending());
    }

    @Test
    void aSchedulerThatIsShuttingDownDropsTheCodeWithoutFailingTheKey() {
        var keys = keysOf(MOBILE);
        timers.shutdown();

        key(keys, "#1003");

        assertEquals(List.of(), completed);
    }

    @Test
    void keysThatAreNoKeysArePassedOver() {
        var keys = keysOf(TERMINAL);

        key(keys, "#10A0x3D#");

        assertEquals(List.of("#1003#"), completed);
    }

    static Stream<Arguments> codesOfBothDialects() {
        var ext21 = PhoneNumber.of("21");
        var mobileNumber = PhoneNumber.of("+46701234567");
        var ext1003 = PhoneNumber.of("1003");
        return Stream.of(
                Arguments.of(TERMINAL, "#21#", new Transfer(ext21)),
                Arguments.of(TERMINAL, "#0701234567#", new Transfer(mobileNumber)),
                Arguments.of(TERMINAL, "#0046701234567#", new Transfer(mobileNumber)),
                Arguments.of(TERMINAL, "*59*1003#", new SendToVoicemail(ext1003)),
                Arguments.of(MOBILE, "#21", new Transfer(ext21)),
                Arguments.of(MOBILE, "#0701234567", new Transfer(mobileNumber)),
                Arguments.of(MOBILE, "*59*1003", new SendToVoicemail(ext1003)),
                Arguments.of(MOBILE, "*59*1003#", new SendToVoicemail(ext1003)));
    }

    @ParameterizedTest(name = "{1} keyed on a {0} phone is {2}")
    @MethodSource("codesOfBothDialects")
    void whatIsCompletedIsWhatTheInCallParserReads(Dialect dialect, String pressed, ServiceCommand command) {
        var keys = keysOf(dialect);
        // Keys for a voice menu first: they must not end up in the code.
        key(keys, "42");

        key(keys, pressed);
        timers.advance(SILENCE);

        assertEquals(List.of(pressed), completed);
        assertEquals(command, parsed(completed.get(0), dialect));
    }

    @Test
    void neitherCallbackIsCalledWhileTheLockIsHeld() {
        var holdsLock = new AtomicBoolean();
        var keysHolder = new InCallKeys[1];
        var keys = new InCallKeys(MOBILE, timers, SILENCE,
                () -> {
                    holdsLock.compareAndSet(false, Thread.holdsLock(keysHolder[0]));
                    return false;
                },
                code -> {
                    holdsLock.compareAndSet(false, Thread.holdsLock(keysHolder[0]));
                    completed.add(code);
                });
        keysHolder[0] = keys;

        key(keys, "*59*1003#*");
        timers.advance(SILENCE);
        key(keys, "#1003");
        timers.advance(SILENCE);

        assertEquals(List.of("*59*1003#", "#1003"), completed);
        assertFalse(holdsLock.get());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void keysFromTwoThreadsAtOnceLoseNoCode() throws InterruptedException {
        var codes = new ConcurrentLinkedQueue<String>();
        var keys = new InCallKeys(TERMINAL, timers, SILENCE, () -> false, codes::add);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        var start = new CountDownLatch(1);
        try {
            for (int t = 0; t < 2; t++) {
                threads.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 5000; i++) {
                        // '#' alone never completes, so every completed code is one "##" pair or longer.
                        keys.key('#');
                    }
                });
            }
            start.countDown();
        } finally {
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }

        assertEquals(5000, codes.size(), "10,000 keys of # make 5,000 codes ##");
        codes.forEach(code -> assertEquals("##", code));
    }
}
