package se.plus.infrastructure.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import se.plus.application.port.out.PasswordHashing;
import se.plus.application.port.out.Users.SipSecrets;

/**
 * REST passwords: PBKDF2-HMAC-SHA256 with a random salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the work factor can grow without a migration.
 * SIP passwords: only the HA1 digests of RFC 7616 (MD5 and SHA-256), which digest authentication needs
 * and which are as good as the password to an attacker for that realm: keep the database private.
 */
@ApplicationScoped
class Pbkdf2PasswordHashing implements PasswordHashing {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600 000; see README on why this is configurable. */
    static final int ITERATIONS = Integer.getInteger("plus.password.pbkdf2-iterations", 310_000);
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String PREFIX = "pbkdf2-sha256";

    private final SecureRandom random = new SecureRandom();

    @Override
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS);
        var b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public boolean matches(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        var b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = pbkdf2(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public SipSecrets sipSecrets(String username, String realm, char[] password) {
        byte[] a1 = (username + ":" + realm + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
        return new SipSecrets(realm, hex("MD5", a1), hex("SHA-256", a1));
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            var spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", unavailable);
        }
    }

    private static String hex(String algorithm, byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(algorithm + " is part of every JDK", unavailable);
        }
    }
}
