package se.plus.application.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import se.plus.application.port.in.FindSipCredentialsUseCase;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;

@ApplicationScoped
class FindSipCredentialsService implements FindSipCredentialsUseCase {

    private final Users users;
    private final UnitOfWork unitOfWork;

    @Inject
    FindSipCredentialsService(Users users, UnitOfWork unitOfWork) {
        this.users = users;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Optional<SipCredentials> find(Extension extension) {
        return unitOfWork.inTransaction(() -> users.sipSecrets(extension)
                .map(s -> new SipCredentials(extension, s.realm(), s.ha1Md5(), s.ha1Sha256())));
    }
}
