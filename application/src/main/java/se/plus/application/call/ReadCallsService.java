package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.ReadCallsUseCase;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.CallRecords;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;

@ApplicationScoped
class ReadCallsService implements ReadCallsUseCase {

    private final CallRecords records;
    private final UnitOfWork unitOfWork;

    @Inject
    ReadCallsService(CallRecords records, UnitOfWork unitOfWork) {
        this.records = records;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public List<CallRecord> recent(Extension user, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: 1–" + MAX_LIMIT);
        }
        return unitOfWork.inTransaction(() -> records.of(user, limit));
    }

    @Override
    public Optional<CallRecord> find(String id) {
        return unitOfWork.inTransaction(() -> records.find(id));
    }
}
