package se.plus.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.plus.application.port.in.AuthenticateUseCase;
import se.plus.application.port.in.Role;

/**
 * The first administrator, created at the first start (no administrator in the database yet) from
 * {@code plus.admin.username} / {@code plus.admin.password}. Without a configured password a random one
 * is generated and written to a file only the server's user can read, as Jenkins does, so that no
 * default password ships with the product and none shows in the log. At a later start the settings no
 * longer apply: when they name another login or another password, the log says so and how to change it.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class FirstAdministrator {

    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());
    static final String PASSWORD_FILE = "plus/first-administrator-password";

    @Inject
    @ConfigProperty(name = "plus.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "plus.admin.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "jboss.server.data.dir", defaultValue = ".")
    String dataDir;

    @Inject
    AuthenticateUseCase accounts;

    @PostConstruct
    void ensure() {
        if (password.isPresent() && !password.get().isBlank()) {
            if (!accounts.ensureAdministrator(username, password.get().toCharArray())) {
                warnIfIgnored(password.get());
            }
            return;
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = Path.of(dataDir).resolve(PASSWORD_FILE);
        // Written before the account exists, so that a password that cannot be written is never in use;
        // moved into place only once the account is created, so an earlier file is never overwritten.
        Path draft = draft(file, generated);
        try {
            if (accounts.ensureAdministrator(username, generated.toCharArray())) {
                Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.warning(() -> "No plus.admin.password configured: created administrator '" + username
                        + "' with a generated password, written to " + file + " (readable by the server's user"
                        + " only; delete it once read, and change the password with PUT /api/accounts/" + username
                        + "/password)");
            }
        } catch (IOException unmoved) {
            throw new UncheckedIOException("could not write " + file, unmoved);
        } finally {
            deleteQuietly(draft);
        }
    }

    private void warnIfIgnored(String configured) {
        boolean same = accounts.authenticate(username, configured.toCharArray())
                .filter(principal -> principal.role() == Role.ADMIN).isPresent();
        if (!same) {
            LOG.warning(() -> "plus.admin.username / plus.admin.password are set but ignored: they apply only at the"
                    + " first start, and the first administrator exists already. To change an administrator's password,"
                    + " as an administrator: PUT /api/accounts/{name}/password {\"password\": \"...\"}");
        }
    }

    /** A file of the owner's only (createTempFile's default on POSIX), in the data directory. */
    private static Path draft(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path draft = Files.createTempFile(file.getParent(), ".first-administrator", ".tmp");
            Files.writeString(draft, content + "\n", StandardCharsets.UTF_8);
            return draft;
        } catch (IOException unwritable) {
            throw new UncheckedIOException("could not write the first administrator's password beside " + file, unwritable);
        }
    }

    private static void deleteQuietly(Path draft) {
        try {
            Files.deleteIfExists(draft);
        } catch (IOException leftOver) {
            LOG.warning(() -> "could not delete " + draft + ": " + leftOver);
        }
    }
}
