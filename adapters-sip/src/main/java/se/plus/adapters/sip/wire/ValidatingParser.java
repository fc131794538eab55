package se.plus.adapters.sip.wire;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * JAIN-SIP's parser with the message checked first, so that every malformed request reaches the
 * listener marked with what is wrong and is answered there with a small 400 (or 505) before anything
 * else looks at it. Without this the stack answers a request it cannot parse with a 400 carrying the
 * whole request back (larger than what it received), drops one without From, To or Call-ID in
 * silence, and lets duplicated single-value fields and an unknown version through.
 *
 * <p>The Via's transport is corrected to the one the request arrived on, and a datagram from another
 * address than its Via names is answered to where it came from (see below).
 *
 * <p>A broken required field is replaced by a neutral stand-in so the stack can still make a
 * transaction and a response; one that leaves nothing to answer to (no usable Via) is dropped.
 * Responses and the stack's own re-parsing of messages it built go through unchanged.
 */
public final class ValidatingParser implements MessageParser {

    private static final int MAX_REPAIRS = 6;
    private static final Set<Class<?>> REQUIRED = Set.of(From.class, To.class, CSeq.class, Via.class, CallID.class,
            ContentLength.class, RequestLine.class);

    private final MessageParser delegate = new StringMsgParser();

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        if (listener == null || !RawRequest.isAnswerableRequest(bytes)) {
            try {
                return delegate.parseSIPMessage(bytes, readBody, strict, listener);
            } catch (StackOverflowError nested) {
                throw new ParseException("nested too deeply", 0);
            }
        }
        RawRequest raw = RawRequest.of(bytes);
        Optional<Malformation> problem = raw.problem();
        // Over TCP the parser gets the headers only, their CRs dropped; the body Content-Length
        // announces follows. The size as sent is counted with CRLF line ends, as RFC 3261 has them.
        int length = readBody ? bytes.length : raw.bytes().length - raw.bodyLength() + raw.announcedBodyLength();
        // Over a connection the stack reads the body by Content-Length; without one clear value the bytes
        // after the headers could be anything. The request is answered 400, then the connection closed.
        boolean framingLost = !readBody && raw.contentLengthUnclear();
        boolean rewritten = raw.cseqContradictsMethod();
        if (rewritten) {
            // The stack would answer a mismatch itself, with a 400 that can be larger than the request.
            raw = raw.replacingAll("cseq", "CSeq: " + raw.cseqNumber() + " " + raw.method());
        }
        for (int attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
            var failing = new FailingField(listener);
            SIPMessage message;
            try {
                message = delegate.parseSIPMessage(attempt == 0 && !rewritten ? bytes : raw.bytes(), readBody, strict,
                        failing);
            } catch (StackOverflowError nested) {
                // JAIN-SIP 1.3.0-91 recurses on nested comments and brackets; on the UDP receive thread
                // this error would end the listener (stack.md). Such a request is dropped.
                return null;
            } catch (ParseException | RuntimeException unparsable) {
                Optional<RawRequest> repaired = repair(raw, failing, readBody);
                if (repaired.isEmpty()) {
                    return null;
                }
                raw = repaired.get();
                problem = problem.or(() -> Optional.of(new Malformation(400, "bad " + failing.field())));
                continue;
            }
            if (message == null) {
                return null;
            }
            Optional<RawRequest> completed = completeMissing(raw, message);
            if (completed.isPresent()) {
                raw = completed.get();
                problem = problem.or(() -> Optional.of(new Malformation(400, "missing From, To, Call-ID or CSeq")));
                continue;
            }
            message.setApplicationData(new Received(length, problem, framingLost));
            answerWhereItCameFrom(message, listener);
            return message;
        }
        return null;
    }

    /**
     * A top Via naming another transport than the one the request came over (TCP in a datagram, UDP
     * over a connection, TLS where we have none) would send the answer where the sender is not
     * listening: the stack routes responses by the Via. RFC 3261 §18.2.2 answers on the connection a
     * request came over; we answer over the transport it came over and to the address and port it came
     * from, whatever the Via claims.
     */
    private static void answerWhereItCameFrom(SIPMessage message, ParseExceptionListener listener) {
        Via via = message.getTopmostVia();
        if (!(listener instanceof MessageChannel channel) || via == null || channel.getTransport() == null) {
            return;
        }
        try {
            if (!channel.getTransport().equalsIgnoreCase(via.getTransport())) {
                via.setTransport(channel.getTransport().toUpperCase(Locale.ROOT));
                // And to the port it came from (RFC 3581): the Via's port belongs to the transport it named.
                via.setRPort();
            } else if ("UDP".equalsIgnoreCase(via.getTransport()) && !via.hasParameter(Via.RPORT)
                    && !String.valueOf(via.getHost()).equals(channel.getPeerAddress())) {
                // The datagram did not come from the host the Via names (NAT, or a made-up sent-by): its
                // port is no better a guess than its host. Answer to the source address and port, as
                // RFC 3581 would (symmetric response routing).
                via.setRPort();
            }
        } catch (ParseException impossible) {
            // The stack's own transport names are valid tokens.
        }
    }

    /** The request with the field that failed replaced by a stand-in, if there is one to give. */
    private static Optional<RawRequest> repair(RawRequest raw, FailingField failing, boolean readBody) {
        String method = raw.method();
        if (failing.type == null) {
            // No field named: the body is shorter than Content-Length says (RFC 4475 §3.1.2.2).
            return readBody && raw.has("content-length", "l")
                    ? Optional.of(raw.replacingAll(raw.has("l") ? "l" : "content-length", "Content-Length: " + raw.bodyLength()))
                    : Optional.empty();
        }
        if (failing.type == RequestLine.class) {
            return method.matches("[A-Za-z0-9._!%*+`'~-]+")
                    ? Optional.of(raw.withStartLine(method + " sip:invalid.invalid SIP/2.0"))
                    : Optional.empty();
        }
        String standIn = switch (failing.field()) {
            case "From" -> "From: <sip:invalid.invalid>;tag=invalid";
            case "To" -> "To: <sip:invalid.invalid>";
            case "Call-ID" -> "Call-ID: invalid";
            case "CSeq" -> "CSeq: 1 " + method;
            // Over a connection the body has not been read: none is taken (and the connection is closed).
            case "Content-Length" -> "Content-Length: " + (readBody ? raw.bodyLength() : 0);
            case "Via" -> salvagedVia(failing.text);
            default -> null;
        };
        return standIn == null || standIn.equals(failing.text.strip())
                ? Optional.empty()
                : Optional.of(raw.replacing(failing.text, standIn));
    }

    /** The Via up to its first parameter: protocol and sent-by are all a response needs to be routed. */
    private static String salvagedVia(String header) {
        String value = RawRequest.value(header);
        int cut = value.length();
        for (char c : new char[] {';', ','}) {
            int at = value.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut == value.length() || cut == 0 ? null : "Via: " + value.substring(0, cut).strip();
    }

    /** Stand-ins for missing From, To, Call-ID, CSeq (RFC 4475 §3.3.1); none for a missing Via. */
    private static Optional<RawRequest> completeMissing(RawRequest raw, SIPMessage message) {
        if (message.getTopmostVia() == null) {
            return Optional.empty();
        }
        RawRequest completed = raw;
        if (message.getFrom() == null) {
            completed = completed.adding("From: <sip:invalid.invalid>;tag=invalid");
        }
        if (message.getTo() == null) {
            completed = completed.adding("To: <sip:invalid.invalid>");
        }
        if (message.getCallId() == null) {
            completed = completed.adding("Call-ID: invalid");
        }
        if (message.getCSeq() == null) {
            completed = completed.adding("CSeq: 1 " + raw.method());
        }
        return completed == raw ? Optional.empty() : Optional.of(completed);
    }

    /** Passes the stack's handling through and remembers which required field broke the parse. */
    private static final class FailingField implements ParseExceptionListener {
        private final ParseExceptionListener stack;
        private Class<?> type;
        private String text = "";

        FailingField(ParseExceptionListener stack) {
            this.stack = stack;
        }

        @Override
        public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header,
                                    String messageText) throws ParseException {
            if (headerClass != null && REQUIRED.contains(headerClass) && type == null) {
                type = headerClass;
                text = header == null ? "" : header;
            }
            if (headerClass != null && REQUIRED.contains(headerClass)) {
                throw ex;
            }
            stack.handleException(ex, message, headerClass, header, messageText);
        }

        String field() {
            if (type == null) {
                return "Content-Length";
            }
            return switch (type.getSimpleName()) {
                case "CallID" -> "Call-ID";
                case "ContentLength" -> "Content-Length";
                case "RequestLine" -> "Request-Line";
                default -> type.getSimpleName();
            };
        }
    }
}
