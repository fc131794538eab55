package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import se.plus.application.port.in.ForgetOldCallsUseCase;
import se.plus.application.port.out.CallRecords;
import se.plus.application.service.UnitOfWork;

@ApplicationScoped
class ForgetOldCallsService implements ForgetOldCallsUseCase {

    private final CallRecords records;
    private final UnitOfWork unitOfWork;

    @Inject
    ForgetOldCallsService(CallRecords records, UnitOfWork unitOfWork) {
        this.records = records;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public int forgetEndedBefore(Instant before) {
        return unitOfWork.inTransaction(() -> records.removeEndedBefore(before));
    }
}
