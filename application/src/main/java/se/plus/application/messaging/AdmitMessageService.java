package se.plus.application.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.in.AdmitMessageUseCase;
import se.plus.application.port.out.ProcessedMessages;
import se.plus.application.port.out.ProcessedMessages.Processed;
import se.plus.application.port.out.ProcessedMessages.StoredReply;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;

@ApplicationScoped
class AdmitMessageService implements AdmitMessageUseCase {

    private final Users users;
    private final ProcessedMessages processed;
    private final Clock clock;
    private final UnitOfWork unitOfWork;

    @Inject
    AdmitMessageService(Users users, ProcessedMessages processed, Clock clock, UnitOfWork unitOfWork) {
        this.users = users;
        this.processed = processed;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Admission admit(String messageId, Extension extension) {
        // An unknown extension is answered, not thrown: an exception here would mark the command's
        // transaction for rollback, and the error reply would never be kept.
        return unitOfWork.inTransaction(() -> {
            if (users.find(extension).isEmpty()) {
                return new UnknownExtension(extension);
            }
            Optional<Processed> earlier = processed.find(messageId);
            if (earlier.isPresent()) {
                return new AlreadyProcessed(earlier.get().at(), earlier.get().reply());
            }
            Instant now = clock.instant();
            processed.record(messageId, now);
            return new Admitted(now);
        });
    }

    @Override
    public void answered(String messageId, StoredReply reply) {
        unitOfWork.inTransaction(() -> {
            processed.keepReply(messageId, reply);
            return null;
        });
    }
}
