package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The one JAIN-SIP listener: it hands each request to the processor of its method. Nothing thrown
 * here may escape into the stack, whose threads would die with it.
 */
final class PlusSipListener implements SipListener {

    private static final Logger LOG = Logger.getLogger(PlusSipListener.class.getName());

    /** Methods of RFC 3261 and its extensions that we know but do not accept: 405, not 501. */
    private static final Set<String> KNOWN_METHODS = Set.of(
            Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.REGISTER, Request.OPTIONS,
            Request.INFO, Request.PRACK, Request.UPDATE, Request.SUBSCRIBE, Request.NOTIFY, Request.REFER,
            Request.MESSAGE, Request.PUBLISH);

    private final SipContext sip;
    private final FailureTracker failures;
    private final Map<String, MethodProcessor> processors;
    private final B2bua b2bua;
    private final MessageWaitingSubscriptions subscriptions;
    private final RequestValidation validation;

    PlusSipListener(SipContext sip, FailureTracker failures, B2bua b2bua, MessageWaitingSubscriptions subscriptions,
                    MethodProcessor... processors) {
        this.sip = sip;
        this.b2bua = b2bua;
        this.subscriptions = subscriptions;
        this.failures = failures;
        this.validation = new RequestValidation(sip);
        this.processors = Stream.of(processors)
                .collect(Collectors.toUnmodifiableMap(MethodProcessor::method, Function.identity()));
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (failures.isBlocked(SipContext.source(request), sip.now())) {
            // Blocked for repeated authentication failures: silence, as a firewall rule would give.
            return;
        }
        try {
            MethodProcessor processor = processors.get(request.getMethod());
            if (validation.refused(request)) {
                return;
            }
            if (processor != null) {
                processor.process(event, sip);
            } else if (!Request.ACK.equals(request.getMethod())) {
                refuseMethod(request);
            }
        } catch (RuntimeException | Error failure) {
            LOG.log(Level.WARNING, "request failed: " + request.getMethod(), failure);
            answerServerError(request);
        }
    }

    private void refuseMethod(Request request) {
        try {
            if (KNOWN_METHODS.contains(request.getMethod())) {
                sip.send(sip.responseWithAllow(request, Response.METHOD_NOT_ALLOWED));
            } else {
                sip.send(sip.messages().createResponse(Response.NOT_IMPLEMENTED, request));
            }
        } catch (ParseException impossible) {
            LOG.log(Level.FINE, "could not refuse " + request.getMethod(), impossible);
        }
    }

    private void answerServerError(Request request) {
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            sip.send(sip.messages().createResponse(Response.SERVER_INTERNAL_ERROR, request));
        } catch (ParseException | RuntimeException ignored) {
            LOG.log(Level.FINE, "could not answer 500", ignored);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            if (!subscriptions.response(event)) {
                b2bua.response(event);
            }
        } catch (RuntimeException | Error failure) {
            LOG.log(Level.WARNING, "response failed: " + event.getResponse().getStatusCode(), failure);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        try {
            if (!subscriptions.timeout(event)) {
                b2bua.timeout(event);
            }
        } catch (RuntimeException | Error failure) {
            LOG.log(Level.WARNING, "timeout handling failed", failure);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.fine(() -> "I/O failure towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        b2bua.forget(event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction(), null);
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        b2bua.forget(null, event.getDialog());
    }
}
