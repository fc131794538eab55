package se.plus.application.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ManageProfilesUseCase;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.Users;
import se.plus.application.service.StateSummary;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;
import se.plus.domain.user.Profile;
import se.plus.domain.user.User;

@ApplicationScoped
class ManageProfilesService implements ManageProfilesUseCase {

    private final Users users;
    private final AuditTrail audit;
    private final Clock clock;
    private final UnitOfWork unitOfWork;

    @Inject
    ManageProfilesService(Users users, AuditTrail audit, Clock clock, UnitOfWork unitOfWork) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public List<Profile> list(Extension extension) {
        return unitOfWork.inTransaction(() -> user(extension).profiles().all());
    }

    @Override
    public boolean put(Extension extension, Profile profile, Actor actor) {
        return UnitOfWork.retryingOnConflict(unitOfWork, () -> {
            User before = user(extension);
            boolean created = !before.profiles().contains(profile.number());
            User after = before.withProfile(profile);
            if (!after.equals(before)) {
                users.save(after);
                record(actor, extension, "PROFILE " + (created ? "CREATE " : "CHANGE ") + profile.number(), before, after);
            }
            return created;
        });
    }

    @Override
    public boolean remove(Extension extension, int number, Actor actor) {
        if (number == Profile.AVAILABLE) {
            throw new IllegalArgumentException("profile 1 (Available) always exists");
        }
        return UnitOfWork.retryingOnConflict(unitOfWork, () -> {
            User before = user(extension);
            if (!before.profiles().contains(number)) {
                return false;
            }
            User after = before.withoutProfile(number);
            users.save(after);
            record(actor, extension, "PROFILE DELETE " + number, before, after);
            return true;
        });
    }

    private User user(Extension extension) {
        return users.find(extension).orElseThrow(() -> new NoSuchUserException(extension));
    }

    private void record(Actor actor, Extension extension, String action, User before, User after) {
        audit.record(new AuditRecord(clock.instant(), actor.name(), actor.via(), Optional.of(extension.digits()),
                action, StateSummary.of(before), StateSummary.of(after)));
    }
}
