package se.plus.infrastructure.voicemail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.plus.application.port.out.VoicemailBox.Message;
import se.plus.domain.number.Extension;

/** The files follow the transaction: the database is a mock, the files are real. */
class JpaVoicemailBoxTest {

    private static final Extension BERTIL = Extension.of("1002");
    private static final byte[] WAV = {'R', 'I', 'F', 'F', 1, 2, 3};

    @TempDir
    Path root;

    private final List<Synchronization> registered = new ArrayList<>();
    private JpaVoicemailBox box;

    @BeforeEach
    void box() {
        box = new JpaVoicemailBox();
        box.em = mock(EntityManager.class);
        box.transactions = mock(TransactionSynchronizationRegistry.class);
        doAnswer(call -> registered.add(call.getArgument(0)))
                .when(box.transactions).registerInterposedSynchronization(any());
        String before = System.getProperty("jboss.server.data.dir");
        System.setProperty("jboss.server.data.dir", root.toString());
        try {
            box.init();
        } finally {
            if (before == null) {
                System.clearProperty("jboss.server.data.dir");
            } else {
                System.setProperty("jboss.server.data.dir", before);
            }
        }
    }

    private Path file(String id) {
        return root.resolve("plus/voicemail/1002/" + id + ".wav");
    }

    private void complete(int status) {
        registered.forEach(s -> s.afterCompletion(status));
        registered.clear();
    }

    private String stored() {
        String id = UUID.randomUUID().toString();
        box.store(new Message(id, BERTIL, Optional.empty(), Instant.EPOCH, 3, false), WAV);
        return id;
    }

    /** A message stored and committed, whose row the (mock) database then finds. */
    private String storedInTheDatabase() {
        String id = stored();
        complete(Status.STATUS_COMMITTED);
        var row = new VoicemailMessageEntity();
        row.id = id;
        row.mailbox = "1002";
        when(box.em.find(VoicemailMessageEntity.class, id)).thenReturn(row);
        return id;
    }

    @Test
    void a_committed_message_keeps_its_file() throws Exception {
        String id = stored();
        complete(Status.STATUS_COMMITTED);

        assertArrayEquals(WAV, Files.readAllBytes(file(id)));
    }

    @Test
    void a_commit_that_fails_leaves_no_file() {
        String id = stored();
        assertTrue(Files.exists(file(id)), "written before the commit");

        complete(Status.STATUS_ROLLEDBACK);

        assertFalse(Files.exists(file(id)));
    }

    @Test
    void a_deleted_message_loses_its_file_only_when_the_delete_commits() {
        String id = storedInTheDatabase();

        assertTrue(box.delete(BERTIL, id));
        complete(Status.STATUS_ROLLEDBACK);
        assertTrue(Files.exists(file(id)), "a rolled-back delete keeps the audio");

        assertTrue(box.delete(BERTIL, id));
        complete(Status.STATUS_COMMITTED);
        assertFalse(Files.exists(file(id)));
    }

    @Test
    void another_mailboxs_message_is_not_there() {
        String id = storedInTheDatabase();

        assertTrue(box.audio(Extension.of("1001"), id).isEmpty());
        assertFalse(box.delete(Extension.of("1001"), id));
        assertTrue(box.audio(BERTIL, "../../../etc/passwd").isEmpty());
    }

    @Test
    void removing_the_user_removes_the_folder_once_committed() {
        var query = mock(jakarta.persistence.Query.class);
        when(box.em.createQuery("delete from VoicemailMessageEntity m where m.mailbox = :mailbox")).thenReturn(query);
        when(query.setParameter("mailbox", "1002")).thenReturn(query);
        stored();
        stored();
        complete(Status.STATUS_COMMITTED);

        box.deleteAll(BERTIL);
        complete(Status.STATUS_COMMITTED);

        assertFalse(Files.exists(root.resolve("plus/voicemail/1002")));
    }

    @Test
    void only_our_ids_make_a_path() {
        var files = new VoicemailFiles(root);
        assertThrows(IllegalArgumentException.class, () -> files.file(BERTIL, "../x"));
    }
}
