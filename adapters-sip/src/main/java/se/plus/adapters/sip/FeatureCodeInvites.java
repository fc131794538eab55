package se.plus.adapters.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

/**
 * A feature code dialled as an INVITE (contract, SIP): challenged with 407, then the same use case as
 * REST {@code dial}. Done: 200 with SDP, a confirmation tone after the ACK, then our BYE. Refused: an
 * error tone in early media (183) where the phone offered SDP, then the 4xx of the outcome code.
 */
final class FeatureCodeInvites {

    private static final Logger LOG = Logger.getLogger(FeatureCodeInvites.class.getName());

    private static final long SLOW_NANOS = 250_000_000L;

    private final DigestGate gate;
    private final ExecuteDialStringUseCase dial;
    private final DeviceDialects dialects;
    private final TonePlayer tones;
    private final String mediaAddressFallback;
    private final int sipPort;
    /** Calls without a final response yet, by the branch of their INVITE (what a CANCEL carries). */
    private final Map<String, FeatureCall> pending = new ConcurrentHashMap<>();

    FeatureCodeInvites(DigestGate gate, ExecuteDialStringUseCase dial, DeviceDialects dialects,
                    TonePlayer tones, String mediaAddressFallback, int sipPort) {
        this.gate = gate;
        this.dial = dial;
        this.dialects = dialects;
        this.tones = tones;
        this.mediaAddressFallback = mediaAddressFallback;
        this.sipPort = sipPort;
    }

    void process(RequestEvent event, SipContext sip) {
        gate.admit(event.getRequest(), sip, (transaction, user, source, timing) -> {
            dialled(user, transaction, sip);
            long done = System.nanoTime();
            if (done - timing.arrived() > SLOW_NANOS) {
                // Where a slow answer lost its time: waiting for a worker, the credentials, or the code.
                LOG.info(() -> String.format("slow INVITE %s: %d ms queued, %d ms authenticating, %d ms dialling",
                        transaction.getRequest().getRequestURI(), (timing.started() - timing.arrived()) / 1_000_000,
                        (timing.authenticated() - timing.started()) / 1_000_000, (done - timing.authenticated()) / 1_000_000));
            }
        });
    }

    /** The FeatureCall of a CANCEL's INVITE, taken out of the pending calls. */
    FeatureCall cancelled(String branch) {
        return branch == null ? null : pending.remove(branch);
    }

    private void dialled(Extension user, ServerTransaction transaction, SipContext sip) {
        Request request = transaction.getRequest();
        if (!(request.getRequestURI() instanceof SipURI uri)) {
            sip.reply(transaction, Response.UNSUPPORTED_URI_SCHEME);
            return;
        }
        Optional<String> digits = FeatureCode.digitsOf(uri.getUser());
        if (digits.isEmpty()) {
            sip.reply(transaction, Response.NOT_FOUND);
            return;
        }
        byte[] body = request.getRawContent();
        Optional<Sdp.AudioOffer> offer = Sdp.audioOf(body == null ? null : new String(body, StandardCharsets.UTF_8));
        if (body != null && body.length > 0 && (offer.isEmpty() || !offer.get().acceptsPcmu())) {
            sip.reply(transaction, sip.response(request, Response.NOT_ACCEPTABLE_HERE, null, "PCMU audio only"));
            return;
        }
        var call = new FeatureCall(transaction, UUID.randomUUID().toString().substring(0, 12), offer);
        String branch = InviteProcessor.branchOf(request);
        if (branch != null) {
            pending.put(branch, call);
        }
        try {
            Outcome outcome = dial.execute(DialRequest.dialled(user, digits.get(),
                    dialects.of(user.digits(), SipContext.userAgent(request)), new Actor(user.digits(), EntryPoint.SIP)));
            if (outcome instanceof Outcome.Done) {
                answer(call, sip);
            } else if (outcome instanceof Outcome.Refused refused) {
                refuse(call, refused, sip);
            }
        } catch (NoSuchUserException removedMeanwhile) {
            finish(call, sip.response(request, Response.FORBIDDEN, null, null));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "feature code " + digits.get() + " of " + user + " failed", failure);
            finish(call, sip.response(request, Response.SERVER_INTERNAL_ERROR, null, null));
        }
    }

    /** Done: 200 with our SDP; the tone starts when the ACK confirms the dialog (AckProcessor). */
    private void answer(FeatureCall call, SipContext sip) {
        if (!call.claimFinal()) {
            return;
        }
        Request request = call.invite().getRequest();
        String branch = InviteProcessor.branchOf(request);
        if (branch != null) {
            pending.remove(branch, call);
        }
        try {
            Response ok = withTagAndSdp(sip.messages().createResponse(Response.OK, request), call, sip);
            ok.addHeader(contact(request, sip));
            Dialog dialog = sip.provider().getNewDialog(call.invite());
            dialog.setApplicationData(call);
            sip.reply(call.invite(), ok);
        } catch (ParseException | SipException failure) {
            LOG.log(Level.WARNING, "could not answer a feature code", failure);
        }
    }

    private void refuse(FeatureCall call, Outcome.Refused refused, SipContext sip) {
        Request request = call.invite().getRequest();
        Response last = sip.response(request, RefusalResponse.status(refused.code()),
                RefusalResponse.reasonPhrase(refused.code()), RefusalResponse.warningText(refused.code(), refused.message()));
        refuseAfterTone(call, last, sip);
    }

    /**
     * A call the B2BUA refuses before anything rang (barred, nobody in the queue): the error tone in
     * early media where the caller offered SDP, then {@code last}; a CANCEL meanwhile ends it as for a code.
     */
    void refuseWithTone(ServerTransaction transaction, Response last, SipContext sip) {
        byte[] body = transaction.getRequest().getRawContent();
        Optional<Sdp.AudioOffer> offer = Sdp.audioOf(body == null ? null : new String(body, StandardCharsets.UTF_8))
                .filter(Sdp.AudioOffer::acceptsPcmu);
        var call = new FeatureCall(transaction, UUID.randomUUID().toString().substring(0, 12), offer);
        String branch = InviteProcessor.branchOf(transaction.getRequest());
        if (branch != null) {
            pending.put(branch, call);
        }
        refuseAfterTone(call, last, sip);
    }

    private void refuseAfterTone(FeatureCall call, Response last, SipContext sip) {
        Request request = call.invite().getRequest();
        Optional<Sdp.AudioOffer> media = call.offer().filter(Sdp.AudioOffer::receivesMedia);
        if (media.isEmpty()) {
            finish(call, last);
            return;
        }
        try {
            Response early = withTagAndSdp(sip.messages().createResponse(Response.SESSION_PROGRESS, request), call, sip);
            sip.reply(call.invite(), early);
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
        call.playing(tones.play(new InetSocketAddress(media.get().address(), media.get().port()), Tone.ERROR,
                () -> finish(call, last)));
    }

    /** Sends a final response unless a CANCEL already ended the call. */
    private void finish(FeatureCall call, Response response) {
        if (!call.claimFinal()) {
            return;
        }
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        try {
            if (to.getTag() == null) {
                to.setTag(call.toTag());
            }
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
        String branch = InviteProcessor.branchOf(call.invite().getRequest());
        if (branch != null) {
            pending.remove(branch, call);
        }
        try {
            call.invite().sendResponse(response);
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.FINE, "final response not sent", failure);
        }
    }

    private Response withTagAndSdp(Response response, FeatureCall call, SipContext sip) throws ParseException {
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(call.toTag());
        String address = SipContext.localAddress(call.invite().getRequest(), mediaAddressFallback);
        response.setContent(Sdp.pcmuSendOnly(address, tones.port(), System.currentTimeMillis() / 1000),
                sip.headers().createContentTypeHeader("application", "sdp"));
        return response;
    }

    private ContactHeader contact(Request request, SipContext sip) throws ParseException {
        String host = SipContext.localAddress(request, mediaAddressFallback);
        SipURI uri = sip.addresses().createSipURI("plus", host.contains(":") ? "[" + host + "]" : host);
        uri.setPort(sipPort);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        uri.setTransportParam(via.getTransport().toLowerCase());
        return sip.headers().createContactHeader(sip.addresses().createAddress(uri));
    }
}
