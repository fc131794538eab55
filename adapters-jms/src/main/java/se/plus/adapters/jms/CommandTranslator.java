package se.plus.adapters.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import se.plus.adapters.jms.JmsCommand.ActivateProfile;
import se.plus.adapters.jms.JmsCommand.CallWaiting;
import se.plus.adapters.jms.JmsCommand.CancelForwarding;
import se.plus.adapters.jms.JmsCommand.DeactivateProfile;
import se.plus.adapters.jms.JmsCommand.Dial;
import se.plus.adapters.jms.JmsCommand.PickUpCall;
import se.plus.adapters.jms.JmsCommand.PlaceCall;
import se.plus.adapters.jms.JmsCommand.TransferCall;
import se.plus.application.port.in.ControlCallUseCase;
import se.plus.application.port.out.LiveCallView;
import se.plus.adapters.jms.JmsCommand.Forward;
import se.plus.adapters.jms.JmsCommand.GetServices;
import se.plus.adapters.jms.JmsCommand.QueueLogIn;
import se.plus.adapters.jms.JmsCommand.QueueLogOut;
import se.plus.application.port.in.ActivateProfileUseCase;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.AdmitMessageUseCase;
import se.plus.application.port.in.AdmitMessageUseCase.Admission;
import se.plus.application.port.in.AdmitMessageUseCase.AlreadyProcessed;
import se.plus.application.port.in.AdmitMessageUseCase.UnknownExtension;
import se.plus.application.port.in.ChangeForwardingUseCase;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.port.in.ExecuteServiceCommandUseCase;
import se.plus.application.port.in.QueueLoginUseCase;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.application.port.out.ProcessedMessages.StoredReply;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;

/**
 * Turns one command message into a call of the application and its outcome into the reply. Only
 * translates: read the JSON, check whom the JMS user may act for, let the application admit the
 * message (user exists, not processed before), call the use case, write the answer and keep it with the
 * message's mark. All in one local database transaction, committed before the listener sends the reply
 * and the broker's acknowledgement; bad input is answered, never thrown, so that it does not roll back.
 */
@ApplicationScoped
class CommandTranslator {

    /** The actor of the audit trail for a message that names no user. */
    static final String ANONYMOUS = "jms";

    private static final Message SERVICES_READ = new Message("Tjänsterna just nu", "The services as they are now");

    @Inject
    Integrators integrators;
    @Inject
    AdmitMessageUseCase admission;
    @Inject
    ExecuteDialStringUseCase dial;
    @Inject
    ExecuteServiceCommandUseCase serviceCommands;
    @Inject
    ChangeForwardingUseCase forwarding;
    @Inject
    ActivateProfileUseCase profiles;
    @Inject
    QueueLoginUseCase queues;
    @Inject
    ReadServicesUseCase services;
    @Inject
    ControlCallUseCase control;

    /**
     * @param messageId the broker's id of the message: the key of idempotency
     * @param user      the JMS user the message names ({@code JMSXUserID}), if any
     */
    @Transactional
    Reply handle(String body, String messageId, Optional<String> user) {
        JmsCommand command;
        try {
            command = CommandParser.parse(body);
        } catch (BadCommandException bad) {
            return ReplyJson.invalid(bad.getMessage());
        }
        if (messageId == null) {
            return ReplyJson.invalid("the message has no JMSMessageID (disabled on the producer?); a command needs one"
                    + " so that a redelivery is not applied twice");
        }
        Extension extension = command.extension();
        if (!integrators.mayActFor(user, extension)) {
            return ReplyJson.error("FORBIDDEN", user.map(u -> "JMS user '" + u + "'").orElse("JMS")
                    + " may not act for extension " + extension + " (" + Integrators.key(user) + ")");
        }
        Admission admitted = admission.admit(messageId, extension);
        if (admitted instanceof UnknownExtension) {
            return ReplyJson.error("NOT_FOUND", "no user has extension " + extension);
        }
        if (admitted instanceof AlreadyProcessed already) {
            return ReplyJson.alreadyProcessed(messageId, already.processedAt(), already.reply(), services.read(extension));
        }
        Reply reply = answer(command, user);
        admission.answered(messageId, new StoredReply(reply.outcome(), reply.json()));
        return reply;
    }

    private Reply answer(JmsCommand command, Optional<String> user) {
        Extension extension = command.extension();
        if (command instanceof GetServices) {
            return ReplyJson.done("SERVICES", "QUERY", SERVICES_READ, services.read(extension));
        }
        Actor actor = new Actor(user.orElse(ANONYMOUS), EntryPoint.JMS);
        if (command instanceof PlaceCall call) {
            ControlCallUseCase.PlacedCall placed = control.placeCall(extension, call.to().value(), actor);
            return placed.outcome() instanceof Outcome.Done done
                    ? ReplyJson.done(done, placed.callId(), services.read(extension))
                    : ReplyJson.refused((Outcome.Refused) placed.outcome());
        }
        Outcome outcome = execute(command, actor);
        if (outcome instanceof Outcome.Done done) {
            return ReplyJson.done(done, services.read(extension));
        }
        return ReplyJson.refused((Outcome.Refused) outcome);
    }

    private Outcome execute(JmsCommand command, Actor actor) {
        Extension ext = command.extension();
        if (command instanceof Dial d) {
            return dial.execute(DialRequest.dialled(ext, d.digits(), d.device(), actor));
        }
        if (command instanceof Forward f) {
            return forwarding.forward(ext, f.kind(), f.target(), f.delaySeconds(), actor);
        }
        if (command instanceof CancelForwarding c) {
            return forwarding.cancel(ext, c.kind(), actor);
        }
        if (command instanceof ActivateProfile a) {
            return profiles.activate(ext, a.profile(), a.until(), actor);
        }
        if (command instanceof DeactivateProfile) {
            return profiles.deactivate(ext, actor);
        }
        if (command instanceof QueueLogIn q) {
            return queues.logIn(q.queue(), ext, actor);
        }
        if (command instanceof QueueLogOut q) {
            return queues.logOut(q.queue(), ext, actor);
        }
        if (command instanceof TransferCall t) {
            Optional<LiveCallView> call = control.live(t.callId());
            if (call.isEmpty() || !call.get().answeredBy().equals(Optional.of(ext))) {
                return new Outcome.Refused(se.plus.domain.outcome.OutcomeCode.NOT_ALLOWED,
                        "call " + t.callId() + " is not connected to " + ext);
            }
            return control.transfer(t.callId(), t.to().value(), t.mode(), actor);
        }
        if (command instanceof PickUpCall p) {
            return control.pickUp(p.callId(), ext, actor);
        }
        if (command instanceof CallWaiting w) {
            return serviceCommands.execute(ext, new se.plus.domain.dialstring.CallWaiting(w.on()), actor);
        }
        throw new IllegalStateException("no use case for " + command);
    }
}
