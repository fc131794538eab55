package se.plus.application.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.in.ActivateProfileUseCase;
import se.plus.application.port.in.Actor;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.service.ServiceExecution;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

@ApplicationScoped
class ActivateProfileService implements ActivateProfileUseCase {

    private final ServiceExecution execution;
    private final CompanySettings company;

    @Inject
    ActivateProfileService(ServiceExecution execution, CompanySettings company) {
        this.execution = execution;
        this.company = company;
    }

    @Override
    public Outcome activate(Extension extension, int profileNumber, Optional<Instant> until, Actor actor) {
        return execution.change(extension, actor, "PROFILE", "ACTIVATE", (user, now) -> until.isPresent()
                ? user.activateProfileUntil(profileNumber, until, now)
                : user.activateProfile(profileNumber, Optional.empty(), now, company.zone()));
    }

    @Override
    public Outcome deactivate(Extension extension, Actor actor) {
        return execution.change(extension, actor, "PROFILE", "DEACTIVATE", (user, now) -> user.activateAvailable(now));
    }
}
