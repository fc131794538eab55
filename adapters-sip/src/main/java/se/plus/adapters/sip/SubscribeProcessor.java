package se.plus.adapters.sip;

import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.adapters.sip.MessageWaitingSubscriptions.Subscription;
import se.plus.application.port.in.ReadVoicemailUseCase;
import se.plus.domain.number.Extension;

/**
 * SUBSCRIBE to {@code message-summary} (RFC 3842): a registered phone asks to be told when its user's
 * voicemail has new messages. Authenticated like REGISTER (401); the mailbox is always the
 * authenticated user's own. A new subscription or a refresh is answered 200 and followed at once by a
 * NOTIFY with the mailbox's state; {@code Expires: 0} ends it with a last NOTIFY. Other event packages
 * are refused 489 (RFC 6665 §4.2.1.2) before any authentication.
 */
final class SubscribeProcessor implements MethodProcessor {

    /** As for registrations: an hour unless the phone asks less, at least a minute. */
    static final int DEFAULT_EXPIRES = RegisterProcessor.DEFAULT_EXPIRES;
    static final int MIN_EXPIRES = RegisterProcessor.MIN_EXPIRES;
    static final int MAX_EXPIRES = RegisterProcessor.MAX_EXPIRES;

    private final DigestGate gate;
    private final MessageWaitingSubscriptions subscriptions;
    private final ReadVoicemailUseCase voicemail;

    SubscribeProcessor(DigestGate gate, MessageWaitingSubscriptions subscriptions, ReadVoicemailUseCase voicemail) {
        this.gate = gate;
        this.subscriptions = subscriptions;
        this.voicemail = voicemail;
    }

    @Override
    public String method() {
        return Request.SUBSCRIBE;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        Request request = event.getRequest();
        EventHeader eventHeader = (EventHeader) request.getHeader(EventHeader.NAME);
        if (eventHeader == null || !MessageWaitingSubscriptions.EVENT.equalsIgnoreCase(eventHeader.getEventType())) {
            sip.send(badEvent(request, sip));
            return;
        }
        gate.admit(request, sip, (transaction, user, source, timing) -> subscribe(transaction, user, sip));
    }

    private void subscribe(ServerTransaction transaction, Extension mailbox, SipContext sip) {
        Request request = transaction.getRequest();
        ExpiresHeader expiresHeader = request.getExpires();
        int requested = expiresHeader == null ? DEFAULT_EXPIRES : expiresHeader.getExpires();
        if (requested > 0 && requested < MIN_EXPIRES) {
            sip.reply(transaction, sip.intervalTooBrief(request, MIN_EXPIRES));
            return;
        }
        int expires = Math.min(requested, MAX_EXPIRES);
        Instant now = sip.now();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        Subscription subscription;
        if (to.getTag() != null) {
            // A refresh or an unsubscribe, inside the dialog the first SUBSCRIBE made.
            var known = subscriptions.find(callId, from.getTag(), to.getTag());
            if (known.isEmpty() || !known.get().mailbox.equals(mailbox)) {
                sip.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                return;
            }
            subscription = known.get();
        } else if (contact == null || from.getTag() == null) {
            sip.reply(transaction, sip.response(request, Response.BAD_REQUEST, null, "SUBSCRIBE needs a Contact and a From tag"));
            return;
        } else if (expires == 0) {
            // A fetch (RFC 6665 §4.4.3): one NOTIFY with the state, no subscription kept.
            subscription = newSubscription(mailbox, callId, from, to, contact, request, now);
        } else {
            subscription = newSubscription(mailbox, callId, from, to, contact, request, now.plusSeconds(expires));
            if (!subscriptions.add(subscription)) {
                sip.replyBusy(transaction);
                return;
            }
        }
        subscription.refresh(now.plusSeconds(expires));
        if (expires == 0) {
            subscriptions.remove(subscription);
        }
        sip.reply(transaction, ok(request, subscription, expires, sip));
        subscriptions.notify(subscription, voicemail.summary(mailbox), now);
    }

    private static Subscription newSubscription(Extension mailbox, String callId, FromHeader from, ToHeader to,
                                                ContactHeader contact, Request request, Instant expires) {
        String transport = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toUpperCase();
        return new Subscription(mailbox, callId, (Address) from.getAddress().clone(), from.getTag(),
                (Address) to.getAddress().clone(),
                Long.toHexString(ThreadLocalRandom.current().nextLong()), contact.getAddress().getURI(), transport,
                expires);
    }

    private static Response ok(Request request, Subscription subscription, int expires, SipContext sip) {
        try {
            Response ok = sip.messages().createResponse(Response.OK, request);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(subscription.ourTag);
            ok.addHeader(sip.headers().createExpiresHeader(expires));
            ok.addHeader(sip.contact(subscription.transport));
            return ok;
        } catch (ParseException | InvalidArgumentException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Response badEvent(Request request, SipContext sip) {
        try {
            Response response = sip.messages().createResponse(Response.BAD_EVENT, request);
            response.addHeader(sip.headers().createAllowEventsHeader(MessageWaitingSubscriptions.EVENT));
            return response;
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
