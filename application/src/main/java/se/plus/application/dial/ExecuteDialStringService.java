package se.plus.application.dial;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.service.ServiceExecution;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;

@ApplicationScoped
class ExecuteDialStringService implements ExecuteDialStringUseCase {

    private final ServiceExecution execution;

    @Inject
    ExecuteDialStringService(ServiceExecution execution) {
        this.execution = execution;
    }

    @Override
    public Outcome execute(DialRequest request) {
        return execute(request, Function.identity());
    }

    @Override
    public Answer executeAndRead(DialRequest request) {
        return execute(request, outcome -> new Answer(outcome, execution.servicesAfter(outcome, request.extension())));
    }

    private <T> T execute(DialRequest request, Function<Outcome, T> then) {
        if (request.digits().length() > DialRequest.MAX_DIGITS) {
            execution.requireUser(request.extension());
            return then.apply(new Outcome.Refused(OutcomeCode.INVALID_CODE,
                    "a dial string is at most " + DialRequest.MAX_DIGITS + " characters"));
        }
        ParseResult parsed = DialStringParser.parse(request.digits(), request.dialect(), request.context());
        if (parsed instanceof ParseResult.Rejected) {
            execution.requireUser(request.extension());
            return then.apply(((ParseResult.Rejected) parsed).toOutcome());
        }
        return execution.execute(request.extension(), ((ParseResult.Parsed) parsed).command(), request.actor(), then);
    }
}
