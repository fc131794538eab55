package se.plus.application.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import se.plus.application.account.VerifiedCredentials;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ManageUsersUseCase;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.in.Role;
import se.plus.application.port.out.Accounts;
import se.plus.application.port.out.Accounts.Account;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.PasswordHashing;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.Users;
import se.plus.application.port.out.VoicemailBox;
import se.plus.application.service.StateSummary;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.User;

@ApplicationScoped
class ManageUsersService implements ManageUsersUseCase {

    private final Users users;
    private final Accounts accounts;
    private final Queues queues;
    private final PasswordHashing hashing;
    private final CompanySettings company;
    private final AuditTrail audit;
    private final Clock clock;
    private final UnitOfWork unitOfWork;
    private final VerifiedCredentials verified;
    private final VoicemailBox voicemail;

    @Inject
    ManageUsersService(Users users, Accounts accounts, Queues queues, PasswordHashing hashing, CompanySettings company,
                       AuditTrail audit, Clock clock, UnitOfWork unitOfWork, VerifiedCredentials verified,
                       VoicemailBox voicemail) {
        this.users = users;
        this.accounts = accounts;
        this.queues = queues;
        this.hashing = hashing;
        this.company = company;
        this.audit = audit;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
        this.verified = verified;
        this.voicemail = voicemail;
    }

    @Override
    public UserDetails create(NewUser request, Actor actor) {
        // Hashing is slow on purpose: done before the transaction, not while holding a connection.
        String passwordHash = hashing.hash(request.password());
        Users.SipSecrets sip = hashing.sipSecrets(request.extension().digits(), company.sipRealm(), request.sipPassword());
        Arrays.fill(request.password(), '\0');
        Arrays.fill(request.sipPassword(), '\0');
        User user = User.create(request.extension(), request.name())
                .withFixedNumber(request.fixedNumber())
                .withMobileNumber(request.mobileNumber());
        user = request.transferMode().map(user::withTransferMode).orElse(user);
        user = request.mobileFollowsFixed().map(user::withMobileFollowsFixed).orElse(user);
        user = request.noAnswerDelaySeconds().map(user::withNoAnswerDelaySeconds).orElse(user);
        user = request.hideNumberOnExternalCalls().map(user::withHideNumberOnExternalCalls).orElse(user);
        User created = request.voicemailEnabled().map(user::withVoicemailEnabled).orElse(user);
        return unitOfWork.inTransaction(() -> {
            if (!users.add(created, sip) || !accounts.add(new Account(request.extension().digits(), passwordHash,
                    request.role(), Optional.of(request.extension())))) {
                throw new UserExistsException(request.extension());
            }
            audit.record(new AuditRecord(clock.instant(), actor.name(), actor.via(),
                    Optional.of(request.extension().digits()), "USER CREATE role=" + request.role(), "-",
                    StateSummary.of(created)));
            return new UserDetails(created, request.role());
        });
    }

    @Override
    public UserDetails get(Extension extension) {
        return unitOfWork.inTransaction(() -> details(extension));
    }

    @Override
    public List<UserDetails> list() {
        return unitOfWork.inTransaction(() -> users.all().stream()
                .map(user -> new UserDetails(user, role(user.extension())))
                .toList());
    }

    @Override
    public UserDetails change(Extension extension, UserChanges changes, Actor actor) {
        Optional<String> passwordHash = changes.password().map(hashing::hash);
        Optional<Users.SipSecrets> sip = changes.sipPassword()
                .map(p -> hashing.sipSecrets(extension.digits(), company.sipRealm(), p));
        return UnitOfWork.retryingOnConflict(unitOfWork, () -> {
            UserDetails before = details(extension);
            User user = before.user();
            user = changes.name().map(user::withName).orElse(user);
            user = changes.fixedNumber().map(user::withFixedNumber).orElse(user);
            user = changes.mobileNumber().map(user::withMobileNumber).orElse(user);
            user = changes.transferMode().map(user::withTransferMode).orElse(user);
            user = changes.mobileFollowsFixed().map(user::withMobileFollowsFixed).orElse(user);
            user = changes.noAnswerDelaySeconds().map(user::withNoAnswerDelaySeconds).orElse(user);
            user = changes.hideNumberOnExternalCalls().map(user::withHideNumberOnExternalCalls).orElse(user);
            user = changes.voicemailEnabled().map(user::withVoicemailEnabled).orElse(user);
            if (!user.equals(before.user())) {
                users.save(user);
            }
            sip.ifPresent(secrets -> users.changeSipSecrets(extension, secrets));
            Role role = changes.role().orElse(before.role());
            if (passwordHash.isPresent() || role != before.role()) {
                Account account = accounts.find(extension.digits()).orElseThrow(() -> new NoSuchUserException(extension));
                accounts.save(new Account(account.username(), passwordHash.orElse(account.passwordHash()), role,
                        account.extension()));
            }
            // before/after stay pure service state (the chain of the audit trail); the rest goes in the action.
            String action = "USER CHANGE" + (role != before.role() ? " role=" + before.role() + "->" + role : "")
                    + (passwordHash.isPresent() ? " password" : "") + (sip.isPresent() ? " sipPassword" : "");
            audit.record(new AuditRecord(clock.instant(), actor.name(), actor.via(), Optional.of(extension.digits()),
                    action, StateSummary.of(before.user()), StateSummary.of(user)));
            verified.forget(extension.digits());
            return new UserDetails(user, role);
        });
    }

    @Override
    public void remove(Extension extension, Actor actor) {
        unitOfWork.inTransaction(() -> {
            User user = users.find(extension).orElseThrow(() -> new NoSuchUserException(extension));
            for (Queue queue : queues.withMember(extension)) {
                var members = new java.util.HashSet<>(queue.members());
                members.remove(extension);
                queues.save(queue.withMembers(members));
            }
            accounts.remove(extension.digits());
            verified.forget(extension.digits());
            voicemail.deleteAll(extension);
            users.remove(extension);
            audit.record(new AuditRecord(clock.instant(), actor.name(), actor.via(), Optional.of(extension.digits()),
                    "USER DELETE", StateSummary.of(user), "-"));
            return null;
        });
    }

    private UserDetails details(Extension extension) {
        User user = users.find(extension).orElseThrow(() -> new NoSuchUserException(extension));
        return new UserDetails(user, role(extension));
    }

    private Role role(Extension extension) {
        return accounts.find(extension.digits()).map(Account::role).orElse(Role.USER);
    }
}
