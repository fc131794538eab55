package se.plus.application.voicemail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.in.ReadVoicemailUseCase;
import se.plus.application.port.out.MessageWaiting;
import se.plus.application.port.out.Users;
import se.plus.application.port.out.VoicemailBox;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.application.port.out.VoicemailBox.Message;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;

/** Listening to a new message or deleting one changes what the phones show: they are told after the commit. */
@ApplicationScoped
class ReadVoicemailService implements ReadVoicemailUseCase {

    private final Users users;
    private final VoicemailBox box;
    private final MessageWaiting messageWaiting;
    private final UnitOfWork unitOfWork;

    @Inject
    ReadVoicemailService(Users users, VoicemailBox box, MessageWaiting messageWaiting, UnitOfWork unitOfWork) {
        this.users = users;
        this.box = box;
        this.messageWaiting = messageWaiting;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public List<Message> list(Extension mailbox) {
        return unitOfWork.inTransaction(() -> {
            if (users.find(mailbox).isEmpty()) {
                throw new NoSuchUserException(mailbox);
            }
            return box.list(mailbox);
        });
    }

    @Override
    public Optional<byte[]> listen(Extension mailbox, String id) {
        var heard = unitOfWork.inTransaction(() -> box.find(mailbox, id).flatMap(message -> box.audio(mailbox, id)
                .map(wav -> new Heard(wav, !message.heard() && box.markHeard(mailbox, id)
                        ? Optional.of(box.summary(mailbox)) : Optional.<MailboxSummary>empty()))));
        heard.flatMap(Heard::changed).ifPresent(summary -> messageWaiting.changed(mailbox, summary));
        return heard.map(Heard::wav);
    }

    @Override
    public boolean delete(Extension mailbox, String id) {
        Optional<MailboxSummary> after = unitOfWork.inTransaction(() ->
                box.delete(mailbox, id) ? Optional.of(box.summary(mailbox)) : Optional.empty());
        after.ifPresent(summary -> messageWaiting.changed(mailbox, summary));
        return after.isPresent();
    }

    @Override
    public MailboxSummary summary(Extension mailbox) {
        return unitOfWork.inTransaction(() -> box.summary(mailbox));
    }

    private record Heard(byte[] wav, Optional<MailboxSummary> changed) {
    }
}
