package se.plus.adapters.sip.incall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtmfInfoTest {

    private static Optional<Character> digitOf(String contentType, String body) {
        return DtmfInfo.digitOf(contentType, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aDtmfRelayBodyAsPhonesSendItNamesItsKey() {
        assertEquals(Optional.of('5'), digitOf("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
    }

    @Test
    void everyKeyOfTheKeypadIsRead() {
        for (char key : "0123456789*#".toCharArray()) {
            assertEquals(Optional.of(key), digitOf("application/dtmf-relay", "Signal=" + key + "\r\nDuration=100\r\n"));
            assertEquals(Optional.of(key), digitOf("application/dtmf", String.valueOf(key)));
        }
    }

    @Test
    void starAndHashMayBeNamedByTheirEventNumbers() {
        assertEquals(Optional.of('*'), digitOf("application/dtmf-relay", "Signal=10\r\nDuration=160\r\n"));
        assertEquals(Optional.of('#'), digitOf("application/dtmf-relay", "Signal=11\r\nDuration=160\r\n"));
        assertEquals(Optional.of('*'), digitOf("application/dtmf", "10"));
        assertEquals(Optional.of('#'), digitOf("application/dtmf", "11\r\n"));
    }

    @Test
    void theContentTypeIsReadWithoutRegardToCaseOrParameters() {
        assertEquals(Optional.of('7'), digitOf("Application/DTMF-Relay", "Signal=7\r\n"));
        assertEquals(Optional.of('7'), digitOf(" application/dtmf-relay ; charset=us-ascii", "Signal=7\r\n"));
        assertEquals(Optional.of('7'), digitOf("APPLICATION/DTMF;x=y", "7"));
    }

    @Test
    void whitespaceAndLineEndsAreTolerated() {
        assertEquals(Optional.of('#'), digitOf("application/dtmf-relay", "Signal= #\nDuration= 250\n"));
        assertEquals(Optional.of('3'), digitOf("application/dtmf-relay", "  signal  =  3  \r\n\r\n"));
        assertEquals(Optional.of('3'), digitOf("application/dtmf-relay", "Duration=250\rSignal=3"));
        assertEquals(Optional.of('9'), digitOf("application/dtmf", " 9 \r\n"));
    }

    @Test
    void theDurationLineDoesNotChangeTheKey() {
        assertEquals(Optional.of('1'), digitOf("application/dtmf-relay", "Duration=11\r\nSignal=1\r\n"));
    }

    @ParameterizedTest(name = "dtmf-relay body \"{0}\" has no key")
    @ValueSource(strings = {"Signal=A\r\n", "Signal=D\r\n", "Signal=12\r\n", "Signal=16\r\n", "Signal=\r\n",
            "Signal=55\r\n", "Signal=05\r\n", "Signal=-1\r\n", "Duration=160\r\n", "", "=5\r\n", "Signal5\r\n",
            "Signals=5\r\n", "Signal=\u00e55\r\n"})
    void aBodyWithoutAKeyOfTheKeypadGivesNoKey(String body) {
        assertEquals(Optional.empty(), digitOf("application/dtmf-relay", body));
    }

    @ParameterizedTest(name = "dtmf body \"{0}\" has no key")
    @ValueSource(strings = {"A", "d", "12", "", "  ", "5 6", "Signal=5", "1#"})
    void aDtmfBodyOtherThanOneKeyGivesNoKey(String body) {
        assertEquals(Optional.empty(), digitOf("application/dtmf", body));
    }

    @Test
    void otherContentTypesGiveNoKey() {
        assertEquals(Optional.empty(), digitOf("application/sdp", "Signal=5\r\n"));
        assertEquals(Optional.empty(), digitOf("text/plain", "5"));
        assertEquals(Optional.empty(), digitOf("application/dtmf-relayx", "Signal=5\r\n"));
        assertEquals(Optional.empty(), digitOf("", "5"));
        assertEquals(Optional.empty(), DtmfInfo.digitOf(null, "5".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), DtmfInfo.digitOf("application/dtmf", null));
    }

    @Test
    void aBodyLargerThanOneKibibyteIsNotRead() {
        String padded = "Signal=5\r\n" + "X".repeat(DtmfInfo.MAX_BODY);

        assertEquals(Optional.empty(), digitOf("application/dtmf-relay", padded));
        assertEquals(Optional.of('5'), digitOf("application/dtmf-relay", padded.substring(0, DtmfInfo.MAX_BODY)));
    }
}
