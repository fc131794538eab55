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
        return command.accept(new Translation(command.extension(), new Actor(user.orElse(ANONYMOUS), EntryPoint.JMS)));
    }

    /** Each command to its use case, and the outcome to the reply. */
    private final class Translation implements JmsCommand.Visitor<Reply> {

        private final Extension ext;
        private final Actor actor;

        Translation(Extension ext, Actor actor) {
            this.ext = ext;
            this.actor = actor;
        }

        private Reply reply(Outcome outcome) {
            return outcome.fold(done -> ReplyJson.done(done, services.read(ext)), ReplyJson::refused);
        }

        @Override
        public Reply dial(Dial d) {
            return reply(dial.execute(DialRequest.dialled(ext, d.digits(), d.device(), actor)));
        }

        @Override
        public Reply forward(Forward f) {
            return reply(forwarding.forward(ext, f.kind(), f.target(), f.delaySeconds(), actor));
        }

        @Override
        public Reply cancelForwarding(CancelForwarding c) {
            return reply(forwarding.cancel(ext, c.kind(), actor));
        }

        @Override
        public Reply activateProfile(ActivateProfile a) {
            return reply(profiles.activate(ext, a.profile(), a.until(), actor));
        }

        @Override
        public Reply deactivateProfile(DeactivateProfile d) {
            return reply(profiles.deactivate(ext, actor));
        }

        @Override
        public Reply queueLogIn(QueueLogIn q) {
            return reply(queues.logIn(q.queue(), ext, actor));
        }

        @Override
        public Reply queueLogOut(QueueLogOut q) {
            return reply(queues.logOut(q.queue(), ext, actor));
        }

        @Override
        public Reply callWaiting(CallWaiting w) {
            return reply(serviceCommands.execute(ext, new se.plus.domain.dialstring.CallWaiting(w.on()), actor));
        }

        @Override
        public Reply placeCall(PlaceCall call) {
            ControlCallUseCase.PlacedCall placed = control.placeCall(ext, call.to().value(), actor);
            return placed.outcome().fold(done -> ReplyJson.done(done, placed.callId(), services.read(ext)),
                    ReplyJson::refused);
        }

        @Override
        public Reply transferCall(TransferCall t) {
            Optional<LiveCallView> call = control.live(t.callId());
            if (call.isEmpty() || !call.get().answeredBy().equals(Optional.of(ext))) {
                return reply(new Outcome.Refused(se.plus.domain.outcome.OutcomeCode.NOT_ALLOWED,
                        "call " + t.callId() + " is not connected to " + ext));
            }
            return reply(control.transfer(t.callId(), t.to().value(), t.mode(), actor));
        }

        @Override
        public Reply pickUpCall(PickUpCall p) {
            return reply(control.pickUp(p.callId(), ext, actor));
        }

        @Override
        public Reply getServices(GetServices g) {
            return ReplyJson.done("SERVICES", "QUERY", SERVICES_READ, services.read(ext));
        }
    }
}
