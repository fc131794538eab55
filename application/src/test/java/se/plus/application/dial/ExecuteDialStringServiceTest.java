package se.plus.application.dial;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.out.Meters;
import se.plus.application.service.ServiceExecution;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.user.User;

/** Each dial string is counted once, by how it ended, whichever way it ended. */
class ExecuteDialStringServiceTest {

    private static final Extension ANNA = Extension.of("1001");

    private final ServiceExecution execution = mock(ServiceExecution.class);
    private final Meters meters = mock(Meters.class);
    private final ExecuteDialStringService service = new ExecuteDialStringService(execution, meters);

    @Test
    void aStringThatIsNoCodeIsCountedAsRefusedWithItsReason() {
        service.execute(DialRequest.dialled(ANNA, "*99999#", Dialect.TERMINAL, new Actor("1001", EntryPoint.SIP)));

        verify(meters).codeExecuted(OutcomeCode.INVALID_CODE.name(), EntryPoint.SIP);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCodeRunAgainAfterAConflictIsCountedOnceByTheOutcomeThatWasKept() {
        Outcome refusedFirst = new Outcome.Refused(OutcomeCode.NOT_ALLOWED, "first try");
        Outcome done = new Outcome.Done("forward", "on", User.create(ANNA, "Anna"), Optional.empty(), List.of(),
                new Message("Klart", "Done"));
        when(execution.execute(eq(ANNA), any(), any(), any())).thenAnswer(call -> {
            Function<Outcome, Object> then = call.getArgument(3);
            then.apply(refusedFirst);
            return then.apply(done);
        });

        service.execute(DialRequest.dialled(ANNA, "*21*1002#", Dialect.TERMINAL, new Actor("admin", EntryPoint.REST)));

        verify(meters).codeExecuted("DONE", EntryPoint.REST);
        verifyNoMoreInteractions(meters);
    }
}
