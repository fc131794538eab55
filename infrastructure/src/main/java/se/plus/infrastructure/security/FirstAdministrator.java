package se.plus.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.plus.application.port.in.AuthenticateUseCase;

/**
 * The first administrator, created at the first start from {@code plus.admin.username} /
 * {@code plus.admin.password}. Without a configured password a random one is generated and written to
 * the log once, as Jenkins or Keycloak do, so no default password ships with the product.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class FirstAdministrator {

    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

    @Inject
    @ConfigProperty(name = "plus.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "plus.admin.password")
    Optional<String> password;

    @Inject
    AuthenticateUseCase accounts;

    @PostConstruct
    void ensure() {
        if (password.isPresent() && !password.get().isBlank()) {
            accounts.ensureAdministrator(username, password.get().toCharArray());
            return;
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (accounts.ensureAdministrator(username, generated.toCharArray())) {
            LOG.warning(() -> "No plus.admin.password configured: created administrator '" + username
                    + "' with the generated password " + generated + " (shown once; set PLUS_ADMIN_PASSWORD"
                    + " before the first start to choose it)");
        }
    }
}
