package se.plus.adapters.sip;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Locations.ContactUpdate;
import se.plus.application.port.out.Locations.OutOfOrder;
import se.plus.application.port.out.Locations.RegisterSource;
import se.plus.application.port.out.Locations.TooManyDevices;
import se.plus.application.port.out.Locations.Updated;
import se.plus.domain.number.Extension;

/**
 * The registrar (RFC 3261 §10.3): authenticates, then adds, refreshes, removes or lists the bindings
 * of the user named in To. The answer without credentials (the challenge) costs no lookup and is sent
 * from the stack's thread; everything that reads the database runs on a worker.
 */
final class RegisterProcessor implements MethodProcessor {

    static final int DEFAULT_EXPIRES = 3600;
    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 3600;

    private final DigestGate gate;
    private final Locations locations;
    private final DeviceDialects dialects;

    RegisterProcessor(DigestGate gate, Locations locations, DeviceDialects dialects) {
        this.gate = gate;
        this.locations = locations;
        this.dialects = dialects;
    }

    @Override
    public String method() {
        return Request.REGISTER;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        gate.admit(event.getRequest(), sip, (transaction, user, source, timing) ->
                sip.reply(transaction, register(user, transaction.getRequest(), source, sip)));
    }

    private Response register(Extension user, Request request, String source, SipContext sip) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        // §10.3 step 6: an authenticated user registers only their own address of record.
        if (!(to.getAddress().getURI() instanceof SipURI aor) || !user.digits().equals(aor.getUser())) {
            return sip.response(request, Response.FORBIDDEN, null, "You may only register your own extension");
        }
        var from = new RegisterSource(
                ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                dialects.of(user.digits(), SipContext.userAgent(request)), SipContext.userAgent(request), source);
        Instant now = sip.now();
        ExpiresHeader expiresHeader = request.getExpires();
        List<ContactHeader> contacts = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            contacts.add((ContactHeader) it.next());
        }
        Locations.Result result;
        if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
            // §10.3 step 6: "*" only alone and only with Expires: 0.
            if (contacts.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0) {
                return sip.response(request, Response.BAD_REQUEST, null, "Contact * needs Expires: 0 and no other Contact");
            }
            result = locations.removeAll(user, from, now);
        } else {
            var updates = new ArrayList<ContactUpdate>();
            for (ContactHeader contact : contacts) {
                int requested = contact.getExpires() >= 0 ? contact.getExpires()
                        : expiresHeader != null ? expiresHeader.getExpires() : DEFAULT_EXPIRES;
                if (requested > 0 && requested < MIN_EXPIRES) {
                    return sip.intervalTooBrief(request, MIN_EXPIRES);
                }
                float q = contact.getQValue() >= 0 ? contact.getQValue() : 1.0f;
                updates.add(new ContactUpdate(contact.getAddress().getURI().toString(), Math.min(requested, MAX_EXPIRES), q));
            }
            result = updates.isEmpty() ? new Updated(locations.bindingsOf(user, now)) : locations.update(user, updates, from, now);
        }
        if (result instanceof OutOfOrder) {
            return sip.response(request, Response.SERVER_INTERNAL_ERROR, "Out of order CSeq", null);
        }
        if (result instanceof TooManyDevices tooMany) {
            return sip.response(request, Response.FORBIDDEN, "Too many devices",
                    "At most " + tooMany.max() + " devices per user");
        }
        return ok(request, ((Updated) result).current(), now, sip);
    }

    /** §10.3 step 8: the 200 lists every current binding with its remaining time, and the Date. */
    private static Response ok(Request request, List<Binding> current, Instant now, SipContext sip) {
        try {
            Response ok = sip.messages().createResponse(Response.OK, request);
            for (Binding binding : current) {
                ContactHeader contact = sip.headers().createContactHeader(
                        sip.addresses().createAddress(sip.addresses().createURI(binding.contact())));
                contact.setExpires((int) binding.secondsLeft(now));
                ok.addHeader(contact);
            }
            var date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
            date.setTimeInMillis(now.toEpochMilli());
            ok.addHeader(sip.headers().createDateHeader(date));
            return ok;
        } catch (ParseException | InvalidArgumentException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
