package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.out.CallControl;
import se.plus.application.port.out.LiveCallView;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.TransferMode;

/**
 * The call-control port on the SIP side: the calls live in the B2BUA, which the SIP listener attaches
 * when it starts; before that (or after it stopped) there is no call to act on.
 */
@ApplicationScoped
public class SipCallControl implements CallControl {

    private volatile B2bua b2bua;

    void attach(B2bua b2bua) {
        this.b2bua = b2bua;
    }

    @Override
    public Optional<Ringing> ringingAt(Extension user) {
        B2bua current = b2bua;
        return current == null ? Optional.empty() : current.ringingAt(user);
    }

    @Override
    public Optional<Ongoing> ongoing(String callId) {
        B2bua current = b2bua;
        return current == null ? Optional.empty() : current.ongoing(callId);
    }

    @Override
    public boolean transfer(String callId, Extension by, PhoneNumber target, TransferMode mode, CallRoute route) {
        B2bua current = b2bua;
        return current != null && current.transfer(callId, by, target, mode, route);
    }

    @Override
    public Optional<LiveCallView> live(String callId) {
        B2bua current = b2bua;
        return current == null ? Optional.empty() : current.live(callId);
    }

    @Override
    public List<LiveCallView> liveCallsOf(Extension user) {
        B2bua current = b2bua;
        return current == null ? List.of() : current.liveCallsOf(user);
    }

    @Override
    public boolean pickUpTo(String callId, Extension picker, CallRoute route) {
        B2bua current = b2bua;
        return current != null && current.pickUpTo(callId, picker, route);
    }

    @Override
    public Optional<String> placeCall(Extension user, CallRoute route, String to) {
        B2bua current = b2bua;
        return current == null ? Optional.empty() : current.placeCall(user, route, to);
    }

    @Override
    public boolean join(String callId, String otherCallId, Extension by) {
        B2bua current = b2bua;
        return current != null && current.join(callId, otherCallId, by);
    }

    @Override
    public boolean takeBack(String callId, Extension by) {
        B2bua current = b2bua;
        return current != null && current.takeBack(callId, by);
    }

    @Override
    public boolean sendToVoicemail(String callId, Extension by, CallRoute route) {
        B2bua current = b2bua;
        return current != null && current.sendToVoicemail(callId, by, route);
    }
}
