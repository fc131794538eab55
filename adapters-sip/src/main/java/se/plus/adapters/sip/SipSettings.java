package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the SIP listener binds and which domain it serves. Each value is a system property or the
 * matching environment variable (MicroProfile Config: {@code plus.sip.port} or {@code PLUS_SIP_PORT}).
 */
@ApplicationScoped
public class SipSettings {

    @Inject
    @ConfigProperty(name = "plus.sip.address", defaultValue = "127.0.0.1")
    String address;

    @Inject
    @ConfigProperty(name = "plus.sip.port", defaultValue = "5060")
    int port;

    @Inject
    @ConfigProperty(name = "plus.sip.domain", defaultValue = "plus.local")
    String domain;

    @Inject
    @ConfigProperty(name = "plus.sip.mobile-user-agents")
    Optional<String> mobileUserAgents;

    @Inject
    @ConfigProperty(name = "plus.sip.mobile-extensions")
    Optional<String> mobileExtensions;

    @Inject
    @ConfigProperty(name = "plus.sip.auth.max-failures", defaultValue = "10")
    int authMaxFailures;

    @Inject
    @ConfigProperty(name = "plus.sip.auth.block-seconds", defaultValue = "300")
    int authBlockSeconds;

    @Inject
    @ConfigProperty(name = "plus.sip.auth.algorithms", defaultValue = "MD5,SHA-256")
    String authAlgorithms;

    @Inject
    @ConfigProperty(name = "plus.trunk.uri")
    Optional<String> trunkUri;

    /** An RFC 4458 voicemail server; unset, the built-in voicemail takes the calls. */
    @Inject
    @ConfigProperty(name = "plus.voicemail.uri")
    Optional<String> voicemailUri;

    @Inject
    @ConfigProperty(name = "plus.trunk.addresses")
    Optional<String> trunkAddresses;

    @Inject
    @ConfigProperty(name = "plus.media.anchor", defaultValue = "true")
    boolean mediaAnchor;

    @Inject
    @ConfigProperty(name = "plus.media.address")
    Optional<String> mediaAddress;

    @Inject
    @ConfigProperty(name = "plus.media.ports", defaultValue = "20000-39999")
    String mediaPorts;

    @Inject
    @ConfigProperty(name = "plus.call.ring-timeout-seconds", defaultValue = "120")
    int ringTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "plus.call.media-timeout-seconds", defaultValue = "60")
    int mediaTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "plus.call.max-duration-seconds", defaultValue = "43200")
    int maxDurationSeconds;

    /** The trunk's SIP URI (e.g. {@code sip:gw.example.net:5060}); none: external calls are refused. */
    public Optional<String> voicemailUri() {
        return voicemailUri.filter(uri -> !uri.isBlank());
    }

    public Optional<String> trunkUri() {
        return trunkUri.filter(uri -> !uri.isBlank());
    }

    /** Comma-separated source addresses whose INVITEs are trusted as the trunk's (no digest). */
    public Set<String> trunkAddresses() {
        return trunkAddresses.map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(a -> !a.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    public boolean mediaAnchor() {
        return mediaAnchor;
    }

    /** Where the media relay binds and what our SDP names: by default the SIP address. */
    public String mediaAddress() {
        return mediaAddress.filter(a -> !a.isBlank()).orElse(loopbackReachableAddress());
    }

    /** The RTP port range {@code low-high} (low even): 4 ports per anchored call. */
    public int[] mediaPorts() {
        String[] bounds = mediaPorts.trim().split("-");
        int low = Integer.parseInt(bounds[0].trim());
        int high = Integer.parseInt(bounds[1].trim());
        if (low < 1024 || high > 65535 || high - low < 3) {
            throw new IllegalArgumentException("plus.media.ports must be a range within 1024-65535: " + mediaPorts);
        }
        return new int[] {low + (low % 2), high};
    }

    public Duration ringTimeout() {
        return Duration.ofSeconds(ringTimeoutSeconds);
    }

    public Duration mediaTimeout() {
        return Duration.ofSeconds(mediaTimeoutSeconds);
    }

    public Duration maxDuration() {
        return Duration.ofSeconds(maxDurationSeconds);
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String domain() {
        return domain;
    }

    /** A Java regular expression found in the User-Agent of devices that dial as mobiles. */
    public Optional<String> mobileUserAgents() {
        return mobileUserAgents;
    }

    /** Extensions (comma-separated) whose SIP accounts are mobile legs. */
    public Optional<String> mobileExtensions() {
        return mobileExtensions;
    }

    /** Authentication failures from one address within a minute before it is blocked. */
    public int authMaxFailures() {
        return authMaxFailures;
    }

    /**
     * The digest challenges offered, in this order. MD5 first by default: many deployed phones read
     * only the first challenge and know only MD5, while a client following RFC 8760 takes the first
     * it supports; put SHA-256 first where every phone supports it.
     */
    public String authAlgorithms() {
        return authAlgorithms;
    }

    public int authBlockSeconds() {
        return authBlockSeconds;
    }

    /**
     * The address the other nodes of a cluster reach the listener on: the SIP address, unless it is a
     * wildcard; then the media address if one is set, else this host's own address.
     */
    public String peerReachableAddress() {
        if (!"0.0.0.0".equals(address) && !"::".equals(address)) {
            return address;
        }
        if (mediaAddress.filter(a -> !a.isBlank() && !"0.0.0.0".equals(a) && !"::".equals(a)).isPresent()) {
            return mediaAddress.get();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException unknown) {
            return loopbackReachableAddress();
        }
    }

    /** The address a process on this machine reaches the listener on. */
    public String loopbackReachableAddress() {
        return "0.0.0.0".equals(address) ? "127.0.0.1" : "::".equals(address) ? "::1" : address;
    }
}
