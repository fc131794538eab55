package se.plus.application.port.in;

import java.util.Optional;
import se.plus.domain.number.Extension;

/**
 * The digest secrets a SIP registrar checks a phone against. Only HA1 values are stored (RFC 7616
 * §3.4.2: H(username ":" realm ":" password)), never the SIP password itself.
 */
public interface FindSipCredentialsUseCase {

    Optional<SipCredentials> find(Extension extension);

    /** HA1 for the realm the server was configured with, in lower-case hex, per digest algorithm. */
    record SipCredentials(Extension extension, String realm, String ha1Md5, String ha1Sha256) {
    }
}
