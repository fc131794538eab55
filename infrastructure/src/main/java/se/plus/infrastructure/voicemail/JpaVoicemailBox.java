package se.plus.infrastructure.voicemail;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import se.plus.application.port.out.VoicemailBox;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * Messages as rows (metadata) and WAV files ({@code jboss.server.data.dir/plus/voicemail}), kept in step
 * with the transaction:
 * <ul>
 * <li>a new message's file is written before its row commits and deleted when the transaction does not
 *     commit, so a failed commit leaves no file behind (a crash between the two can: an orphan file no
 *     row names, never a row without its file);</li>
 * <li>a deleted message's file (a removed user's folder) goes only once the delete has committed, so a
 *     rolled-back delete still has its audio.</li>
 * </ul>
 */
@ApplicationScoped
class JpaVoicemailBox implements VoicemailBox {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private VoicemailFiles files;

    @PostConstruct
    void init() {
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        files = new VoicemailFiles(Path.of(dataDir, "plus", "voicemail"));
    }

    @Override
    public void store(Message message, byte[] wav) {
        files.write(message.mailbox(), message.id(), wav);
        afterCompletion(committed -> {
            if (!committed) {
                files.delete(message.mailbox(), message.id());
            }
        });
        var row = new VoicemailMessageEntity();
        row.id = message.id();
        row.mailbox = message.mailbox().digits();
        row.caller = message.from().map(PhoneNumber::value).orElse(null);
        row.at = message.at();
        row.seconds = message.seconds();
        row.heard = message.heard();
        em.persist(row);
    }

    @Override
    public List<Message> list(Extension mailbox) {
        return em.createQuery("select m from VoicemailMessageEntity m where m.mailbox = :mailbox order by m.at desc, m.id",
                        VoicemailMessageEntity.class)
                .setParameter("mailbox", mailbox.digits())
                .getResultStream().map(JpaVoicemailBox::toMessage).toList();
    }

    @Override
    public Optional<Message> find(Extension mailbox, String id) {
        return row(mailbox, id).map(JpaVoicemailBox::toMessage);
    }

    @Override
    public Optional<byte[]> audio(Extension mailbox, String id) {
        return row(mailbox, id).flatMap(row -> files.read(mailbox, id));
    }

    @Override
    public boolean markHeard(Extension mailbox, String id) {
        return row(mailbox, id).map(row -> {
            row.heard = true;
            return true;
        }).orElse(false);
    }

    @Override
    public boolean delete(Extension mailbox, String id) {
        Optional<VoicemailMessageEntity> row = row(mailbox, id);
        row.ifPresent(found -> {
            em.remove(found);
            afterCompletion(committed -> {
                if (committed) {
                    files.delete(mailbox, id);
                }
            });
        });
        return row.isPresent();
    }

    @Override
    public void deleteAll(Extension mailbox) {
        em.createQuery("delete from VoicemailMessageEntity m where m.mailbox = :mailbox")
                .setParameter("mailbox", mailbox.digits()).executeUpdate();
        afterCompletion(committed -> {
            if (committed) {
                files.deleteMailbox(mailbox);
            }
        });
    }

    @Override
    public MailboxSummary summary(Extension mailbox) {
        int heard = 0;
        int unheard = 0;
        for (Object[] count : em.createQuery("select m.heard, count(m) from VoicemailMessageEntity m"
                        + " where m.mailbox = :mailbox group by m.heard", Object[].class)
                .setParameter("mailbox", mailbox.digits()).getResultList()) {
            if ((Boolean) count[0]) {
                heard = ((Number) count[1]).intValue();
            } else {
                unheard = ((Number) count[1]).intValue();
            }
        }
        return new MailboxSummary(unheard, heard);
    }

    private Optional<VoicemailMessageEntity> row(Extension mailbox, String id) {
        if (!VoicemailFiles.isId(id)) {
            return Optional.empty();
        }
        // Looked up by id, then held to the mailbox: another user's message is simply not there.
        return Optional.ofNullable(em.find(VoicemailMessageEntity.class, id))
                .filter(row -> row.mailbox.equals(mailbox.digits()));
    }

    private void afterCompletion(Consumer<Boolean> committed) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                committed.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    private static Message toMessage(VoicemailMessageEntity row) {
        return new Message(row.id, Extension.of(row.mailbox), Optional.ofNullable(row.caller).map(PhoneNumber::new),
                row.at, row.seconds, row.heard);
    }
}
