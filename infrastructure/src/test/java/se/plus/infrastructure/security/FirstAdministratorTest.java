package se.plus.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.plus.application.port.in.AuthenticateUseCase;
import se.plus.application.port.in.Role;

class FirstAdministratorTest {

    @TempDir
    Path dataDir;

    private final List<String> log = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(FirstAdministrator.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(FirstAdministrator.class.getName()).removeHandler(capture);
    }

    @Test
    void aGeneratedPasswordGoesToAFileOnlyItsOwnerReadsAndNeverToTheLog() throws Exception {
        var accounts = new Accounts(false, null);

        start(accounts, Optional.empty());

        Path file = dataDir.resolve(FirstAdministrator.PASSWORD_FILE);
        assertEquals(accounts.created, Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(log.stream().anyMatch(line -> line.contains(file.toString())), log.toString());
        assertFalse(log.stream().anyMatch(line -> line.contains(accounts.created)), log.toString());
    }

    @Test
    void atALaterStartNoPasswordIsGeneratedAndTheFirstOnesFileIsKept() throws Exception {
        Path file = dataDir.resolve(FirstAdministrator.PASSWORD_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "from-the-first-start\n");

        start(new Accounts(true, null), Optional.empty());

        assertEquals("from-the-first-start\n", Files.readString(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no draft left behind");
        }
    }

    @Test
    void aConfiguredPasswordThatNoLongerMatchesIsReportedAsIgnoredWithTheWayToChangeIt() {
        start(new Accounts(true, "the-first-one"), Optional.of("another-one"));

        assertTrue(log.stream().anyMatch(line -> line.contains("ignored") && line.contains("PUT /api/accounts/")), log.toString());
    }

    @Test
    void theSameConfiguredPasswordAtALaterStartIsNotReported() {
        start(new Accounts(true, "the-first-one"), Optional.of("the-first-one"));

        assertEquals(List.of(), log);
    }

    private void start(AuthenticateUseCase accounts, Optional<String> password) {
        var first = new FirstAdministrator();
        first.username = "admin";
        first.password = password;
        first.dataDir = dataDir.toString();
        first.accounts = accounts;
        first.ensure();
    }

    /** An account store with or without an administrator already, whose password is {@code adminPassword}. */
    private static final class Accounts implements AuthenticateUseCase {
        private final boolean administratorExists;
        private final String adminPassword;
        String created;

        Accounts(boolean administratorExists, String adminPassword) {
            this.administratorExists = administratorExists;
            this.adminPassword = adminPassword;
        }

        @Override
        public Optional<Principal> authenticate(String username, char[] password) {
            return "admin".equals(username) && new String(password).equals(adminPassword)
                    ? Optional.of(new Principal(username, Role.ADMIN, Optional.empty()))
                    : Optional.empty();
        }

        @Override
        public boolean ensureAdministrator(String username, char[] password) {
            if (administratorExists) {
                return false;
            }
            created = new String(password);
            return true;
        }
    }
}
