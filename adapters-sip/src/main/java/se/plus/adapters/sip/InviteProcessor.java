package se.plus.adapters.sip;

import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.application.port.in.RouteCallUseCase.FromTrunk;
import se.plus.application.port.out.ClusterPeers;
import se.plus.application.port.in.RouteCallUseCase.FromUser;
import se.plus.domain.dialstring.BypassCall;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.HiddenNumberCall;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.Pickup;
import se.plus.domain.number.Extension;

/**
 * Where an INVITE goes: a re-INVITE into its call; a feature code that changes a setting to the
 * feature-code handler; everything else (a number, {@code *31*<n>}, {@code *60*<n>}) is a call through
 * the B2BUA. Phones are challenged first; the trusted trunk is not (it authenticates by address), nor
 * is a pickup another node of the cluster hands over (its one-time pass names the picker).
 */
final class InviteProcessor implements MethodProcessor {

    private final DigestGate gate;
    private final FeatureCodeInvites featureCodes;
    private final B2bua b2bua;
    private final SipWorkers workers;
    private final CallSettings settings;
    private final DeviceDialects dialects;
    private final ClusterPeers peers;

    InviteProcessor(DigestGate gate, FeatureCodeInvites featureCodes, B2bua b2bua, SipWorkers workers, CallSettings settings,
                    DeviceDialects dialects, ClusterPeers peers) {
        this.peers = peers;
        this.dialects = dialects;
        this.gate = gate;
        this.featureCodes = featureCodes;
        this.b2bua = b2bua;
        this.workers = workers;
        this.settings = settings;
    }

    @Override
    public String method() {
        return Request.INVITE;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        Request request = event.getRequest();
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            reInvite(event, sip);
            return;
        }
        if (!(request.getRequestURI() instanceof SipURI uri)) {
            ServerTransaction transaction = sip.transactionFor(request);
            if (transaction != null) {
                sip.reply(transaction, Response.UNSUPPORTED_URI_SCHEME);
            }
            return;
        }
        String dialled = FeatureCode.percentDecode(uri.getUser() == null ? "" : uri.getUser());
        Optional<String> code = FeatureCode.digitsOf(uri.getUser());
        String replaces = SipContext.headerValue(request, "Replaces");
        if (PickupHandover.handedOver(request)) {
            handedOver(request, code, sip);
        } else if (replaces != null) {
            // RFC 3891 from a BLF key: take over the early dialog it names, as *80* would.
            gate.admit(request, sip, (transaction, user, source, timing) -> b2bua.pickUpReplacing(transaction, user,
                    replaces, dialects.of(user.digits(), SipContext.userAgent(transaction.getRequest()))));
        } else if (code.isPresent() && picksUp(code.get())) {
            gate.admit(request, sip, (transaction, user, source, timing) ->
                    b2bua.pickUp(transaction, user, code.get(), dialects.of(user.digits(), SipContext.userAgent(transaction.getRequest()))));
        } else if (code.isPresent() && !placesACall(code.get())) {
            featureCodes.process(event, sip);
        } else if (settings.trunkAddresses().contains(SipContext.source(request))) {
            fromTrunk(request, dialled == null ? "" : dialled, sip);
        } else {
            gate.admit(request, sip, (transaction, user, source, timing) ->
                    b2bua.place(transaction, new FromUser(user), dialled == null ? "" : dialled,
                            dialects.of(user.digits(), SipContext.userAgent(transaction.getRequest()))));
        }
    }

    private void reInvite(RequestEvent event, SipContext sip) {
        ServerTransaction transaction = event.getServerTransaction() != null
                ? event.getServerTransaction() : sip.transactionFor(event.getRequest());
        if (transaction != null && !b2bua.inDialog(event, transaction)) {
            sip.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    /**
     * A pickup another node hands over: its pass names the picker (redeemed once, on a worker: it is a
     * cache operation across the cluster); no pass, a used one or anything but {@code *80*}: 403.
     */
    private void handedOver(Request request, Optional<String> code, SipContext sip) {
        ServerTransaction transaction = unlessOverloaded(request, sip);
        if (transaction == null) {
            return;
        }
        // At once, from this thread: the handing node passes over a node that stays silent.
        sip.reply(transaction, Response.TRYING);
        String pass = PickupHandover.passOf(request);
        if (!workers.offer(() -> {
            Optional<Extension> picker = code.filter(InviteProcessor::picksUp).flatMap(c -> peers.redeemPass(pass));
            if (picker.isEmpty()) {
                sip.reply(transaction, sip.response(request, Response.FORBIDDEN, null,
                        "NOT_ALLOWED: only a pickup with a pass from a node of this cluster is handed over"));
                return;
            }
            b2bua.pickUpHandedOver(transaction, picker.get(), code.get(),
                    dialects.of(picker.get().digits(), SipContext.userAgent(request)));
        })) {
            sip.replyBusy(transaction);
        }
    }

    private void fromTrunk(Request request, String dialled, SipContext sip) {
        ServerTransaction transaction = unlessOverloaded(request, sip);
        if (transaction == null) {
            return;
        }
        if (!workers.offer(() -> b2bua.place(transaction, externalCaller(request), dialled, Dialect.TERMINAL))) {
            sip.replyBusy(transaction);
        }
    }

    /**
     * The transaction for an INVITE that needs no digest, or null: overloaded (503 sent statelessly) or
     * a retransmission.
     */
    private ServerTransaction unlessOverloaded(Request request, SipContext sip) {
        if (workers.overloaded() || sip.saturated()) {
            sip.sendBusy(request);
            return null;
        }
        return sip.transactionFor(request);
    }

    /**
     * Who calls from outside, as the trusted trunk asserts it (RFC 3325: its P-Asserted-Identity, else
     * its From), and whether the caller withheld the number (RFC 3323).
     */
    private static FromTrunk externalCaller(Request request) {
        Header asserted = request.getHeader("P-Asserted-Identity");
        String number = asserted instanceof HeaderAddress address ? numberOf(address.getAddress().getURI())
                : numberOf(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        Header privacy = request.getHeader("Privacy");
        boolean withheld = (privacy != null && privacy.toString().toLowerCase().contains("id"))
                || "anonymous".equalsIgnoreCase(number);
        return new FromTrunk(Optional.ofNullable(number).filter(n -> !n.isBlank()), withheld);
    }

    private static String numberOf(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser();
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return null;
    }

    /** {@code *31*<n>} and {@code *60*<n>} are calls, not settings: the domain's parser says which is which. */
    private static boolean placesACall(String digits) {
        // Before authentication the device (and so its dialect) is not known: either dialect's form of a
        // call code makes it a call; routing then holds the device to its own form.
        for (Dialect dialect : Dialect.values()) {
            ParseResult parsed = DialStringParser.parse(digits, dialect, DialContext.DIALLED);
            if (parsed instanceof ParseResult.Parsed p
                    && (p.command() instanceof HiddenNumberCall || p.command() instanceof BypassCall)) {
                return true;
            }
        }
        return false;
    }

    /** {@code *80*<n>}: the picker's INVITE becomes the answer of the call ringing at n. */
    private static boolean picksUp(String digits) {
        for (Dialect dialect : Dialect.values()) {
            if (DialStringParser.parse(digits, dialect, DialContext.DIALLED) instanceof ParseResult.Parsed p
                    && p.command() instanceof Pickup) {
                return true;
            }
        }
        return false;
    }

    static String branchOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? null : via.getBranch();
    }
}
