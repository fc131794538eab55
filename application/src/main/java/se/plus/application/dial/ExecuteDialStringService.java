package se.plus.application.dial;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.port.out.Meters;
import se.plus.application.service.ServiceExecution;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;

@ApplicationScoped
class ExecuteDialStringService implements ExecuteDialStringUseCase {

    private final ServiceExecution execution;
    private final Meters meters;

    @Inject
    ExecuteDialStringService(ServiceExecution execution, Meters meters) {
        this.execution = execution;
        this.meters = meters;
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
            return counted(request, new Outcome.Refused(OutcomeCode.INVALID_CODE,
                    "a dial string is at most " + DialRequest.MAX_DIGITS + " characters"), then);
        }
        ParseResult parsed = DialStringParser.parse(request.digits(), request.dialect(), request.context());
        if (parsed instanceof ParseResult.Rejected) {
            execution.requireUser(request.extension());
            return counted(request, ((ParseResult.Rejected) parsed).toOutcome(), then);
        }
        // The outcome is decided in a transaction that is run again after a conflict: the last one decided
        // is the one that was committed, and the one counted.
        var committed = new Outcome[1];
        T answer = execution.execute(request.extension(), ((ParseResult.Parsed) parsed).command(), request.actor(),
                outcome -> {
                    committed[0] = outcome;
                    return then.apply(outcome);
                });
        meters.codeExecuted(outcomeName(committed[0]), request.actor().via());
        return answer;
    }

    private <T> T counted(DialRequest request, Outcome outcome, Function<Outcome, T> then) {
        T answer = then.apply(outcome);
        meters.codeExecuted(outcomeName(outcome), request.actor().via());
        return answer;
    }

    /** DONE, or the code of the refusal: the few values a dashboard groups codes by. */
    static String outcomeName(Outcome outcome) {
        return outcome.fold(done -> "DONE", refused -> refused.code().name());
    }
}
