package se.plus.application.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ExpireProfilesUseCase;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.application.service.StateSummary;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;
import se.plus.domain.user.ProfileExpiry;
import se.plus.domain.user.User;

/**
 * Ends the activations whose time has come, each user in a transaction of its own so that one
 * failure does not hold back the others. Run by a timer; what fell due while the server was down is
 * found by the first run after start, since the query asks for everything ended by now.
 */
@ApplicationScoped
class ExpireProfilesService implements ExpireProfilesUseCase {

    private static final Logger LOG = Logger.getLogger(ExpireProfilesService.class.getName());
    private static final int BATCH = 500;

    private final Users users;
    private final AuditTrail audit;
    private final ServiceEvents events;
    private final Clock clock;
    private final UnitOfWork unitOfWork;

    @Inject
    ExpireProfilesService(Users users, AuditTrail audit, ServiceEvents events, Clock clock, UnitOfWork unitOfWork) {
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public int expireDue() {
        Instant now = clock.instant();
        List<Extension> due = unitOfWork.inTransaction(() -> users.withActivationEndedBy(now, BATCH));
        int expired = 0;
        for (Extension extension : due) {
            try {
                if (UnitOfWork.retryingOnConflict(unitOfWork, () -> expire(extension))) {
                    expired++;
                }
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "profile of " + extension + " could not expire now; next run tries again", failed);
            }
        }
        return expired;
    }

    private boolean expire(Extension extension) {
        Instant now = clock.instant();
        Optional<User> user = users.findForChange(extension);
        Optional<ProfileExpiry> expiry = user.flatMap(u -> u.expireProfile(now));
        if (expiry.isEmpty()) {
            return false;
        }
        users.save(expiry.get().userAfter());
        Actor timer = Actor.timer();
        audit.record(new AuditRecord(now, timer.name(), timer.via(), Optional.of(extension.digits()), "PROFILE EXPIRE",
                StateSummary.of(user.get()), StateSummary.of(expiry.get().userAfter())));
        events.publish(expiry.get().event(), timer.via());
        return true;
    }
}
