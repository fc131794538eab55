package se.plus.adapters.sip;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.sip.address.SipURI;

/**
 * How calls are carried: whether media is anchored, where the trunk is and whom we trust as the trunk,
 * and the timers that keep a call from living for ever.
 *
 * @param voicemailUri   an RFC 4458 voicemail server; empty: the built-in voicemail
 * @param trunkAddresses source addresses whose INVITEs are incoming external calls (no digest)
 * @param ringTimeout    nobody answered: the caller gets 480 (contract: at most 120 s)
 * @param mediaTimeout   an anchored call without a packet for this long is ended on both legs
 * @param maxDuration    the longest call
 */
record CallSettings(boolean anchorMedia, Optional<SipURI> trunkUri, Optional<SipURI> voicemailUri,
                    Set<String> trunkAddresses, Duration ringTimeout, Duration mediaTimeout, Duration maxDuration) {
}
