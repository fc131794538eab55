package se.plus.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.Users;
import se.plus.domain.number.Extension;

@ApplicationScoped
class ReadServicesService implements ReadServicesUseCase {

    private final Users users;
    private final Queues queues;
    private final Clock clock;
    private final UnitOfWork unitOfWork;

    @Inject
    ReadServicesService(Users users, Queues queues, Clock clock, UnitOfWork unitOfWork) {
        this.users = users;
        this.queues = queues;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Services read(Extension extension) {
        return unitOfWork.inTransaction(() -> new Services(
                users.find(extension).orElseThrow(() -> new NoSuchUserException(extension)),
                queues.withMember(extension),
                clock.instant()));
    }
}
