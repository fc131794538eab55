package se.plus.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.ReadAuditUseCase;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;

@ApplicationScoped
class ReadAuditService implements ReadAuditUseCase {

    private final AuditTrail audit;
    private final UnitOfWork unitOfWork;

    @Inject
    ReadAuditService(AuditTrail audit, UnitOfWork unitOfWork) {
        this.audit = audit;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public List<AuditRecord> read(Optional<Extension> extension, Optional<Instant> since) {
        return unitOfWork.inTransaction(() -> audit.find(extension, since, MAX_RECORDS));
    }
}
