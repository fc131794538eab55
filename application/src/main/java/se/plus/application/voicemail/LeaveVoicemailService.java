package se.plus.application.voicemail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.LeaveVoicemailUseCase;
import se.plus.application.port.out.MessageWaiting;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.application.port.out.VoicemailBox;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.application.port.out.VoicemailBox.Message;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.event.VoicemailLeft;

/**
 * The message, its metadata and its {@code VOICEMAIL_LEFT} event commit together; only then are the
 * user's phones told. Ids are random (not a counter), so one cannot be guessed from another.
 */
@ApplicationScoped
class LeaveVoicemailService implements LeaveVoicemailUseCase {

    private final Users users;
    private final VoicemailBox box;
    private final ServiceEvents events;
    private final MessageWaiting messageWaiting;
    private final UnitOfWork unitOfWork;

    @Inject
    LeaveVoicemailService(Users users, VoicemailBox box, ServiceEvents events, MessageWaiting messageWaiting,
                          UnitOfWork unitOfWork) {
        this.users = users;
        this.box = box;
        this.events = events;
        this.messageWaiting = messageWaiting;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Optional<String> leave(Deposit deposit) {
        String id = UUID.randomUUID().toString();
        Optional<MailboxSummary> stored = unitOfWork.inTransaction(() -> {
            if (users.find(deposit.mailbox()).isEmpty()) {
                return Optional.empty();
            }
            box.store(new Message(id, deposit.mailbox(), deposit.from(), deposit.at(), deposit.seconds(), false),
                    deposit.wav());
            events.publish(new VoicemailLeft(deposit.mailbox(), deposit.at(), id, deposit.from(), deposit.seconds()),
                    EntryPoint.SIP);
            return Optional.of(box.summary(deposit.mailbox()));
        });
        stored.ifPresent(summary -> messageWaiting.changed(deposit.mailbox(), summary));
        return stored.map(summary -> id);
    }
}
