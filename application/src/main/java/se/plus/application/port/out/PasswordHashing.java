package se.plus.application.port.out;

/** Slow one-way hashes for REST passwords, and the HA1 digests SIP needs. */
public interface PasswordHashing {

    String hash(char[] password);

    boolean matches(char[] password, String hash);

    Users.SipSecrets sipSecrets(String username, String realm, char[] password);
}
