package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
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

    /** The address a process on this machine reaches the listener on. */
    public String loopbackReachableAddress() {
        return "0.0.0.0".equals(address) ? "127.0.0.1" : "::".equals(address) ? "::1" : address;
    }
}
