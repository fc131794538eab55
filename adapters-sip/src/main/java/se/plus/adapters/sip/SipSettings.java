package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String domain() {
        return domain;
    }

    /** The address a process on this machine reaches the listener on. */
    public String loopbackReachableAddress() {
        return "0.0.0.0".equals(address) ? "127.0.0.1" : "::".equals(address) ? "::1" : address;
    }
}
