package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.RecordCallUseCase;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.CallRecords;
import se.plus.application.port.out.Meters;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.event.CallEnded;
import se.plus.domain.number.Extension;

@ApplicationScoped
class RecordCallService implements RecordCallUseCase {

    private final CallRecords records;
    private final ServiceEvents events;
    private final UnitOfWork unitOfWork;
    private final Meters meters;

    @Inject
    RecordCallService(CallRecords records, ServiceEvents events, UnitOfWork unitOfWork, Meters meters) {
        this.records = records;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.meters = meters;
    }

    @Override
    public void record(CallRecord call) {
        unitOfWork.inTransaction(() -> {
            records.add(call);
            // The event is about the user the call was for, or the one who called out: whose calls an integrator follows.
            Optional<Extension> about = call.calledUser().or(call::fromUser);
            about.ifPresent(user -> events.publish(new CallEnded(user, call.end(), call.id(), call.from(), call.to(),
                    call.answeredBy(), call.start(), call.answer(), call.outcome(), call.diversions()), EntryPoint.SIP));
            return null;
        });
        // Once committed: a record that is rolled back was not a call that ended, for the dashboards either.
        meters.callEnded(call.outcome());
    }
}
