package se.plus.domain;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import se.plus.domain.dialstring.ActivateForwarding;
import se.plus.domain.dialstring.ActivateProfile;
import se.plus.domain.dialstring.BypassCall;
import se.plus.domain.dialstring.CallWaiting;
import se.plus.domain.dialstring.DeactivateForwarding;
import se.plus.domain.dialstring.DeactivateProfile;
import se.plus.domain.dialstring.HiddenNumberCall;
import se.plus.domain.dialstring.Pickup;
import se.plus.domain.dialstring.QueryCallWaiting;
import se.plus.domain.dialstring.QueryForwarding;
import se.plus.domain.dialstring.QueryProfile;
import se.plus.domain.dialstring.QueryQueue;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.QueueLogOut;
import se.plus.domain.dialstring.SendToVoicemail;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.dialstring.TakeBack;
import se.plus.domain.dialstring.Transfer;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.time.TimeSpec;
import se.plus.domain.user.ForwardingKind;

/** jqwik generators for the domain's values, shared by the property tests. */
public final class Generators {

    private Generators() {
    }

    public static Arbitrary<ServiceCommand> commands() {
        Arbitrary<PhoneNumber> n = numbers();
        Arbitrary<ForwardingKind> kind = Arbitraries.of(ForwardingKind.class);
        Arbitrary<Integer> queue = Arbitraries.integers().between(1, 999_999);
        return Arbitraries.oneOf(
                Combinators.combine(kind, n).as(ActivateForwarding::new),
                kind.map(DeactivateForwarding::new),
                kind.map(QueryForwarding::new),
                Combinators.combine(Arbitraries.integers().between(1, 999), timeSpecs().optional())
                        .as(ActivateProfile::new),
                Arbitraries.just(new DeactivateProfile()),
                Arbitraries.just(new QueryProfile()),
                queue.map(QueueLogIn::new),
                queue.map(QueueLogOut::new),
                queue.map(QueryQueue::new),
                Arbitraries.of(true, false).map(CallWaiting::new),
                Arbitraries.just(new QueryCallWaiting()),
                n.map(Pickup::new),
                n.map(HiddenNumberCall::new),
                n.map(Transfer::new),
                Arbitraries.just(new TakeBack()),
                n.map(SendToVoicemail::new),
                n.map(BypassCall::new));
    }

    /** Extensions, Swedish mobile and landline numbers, and foreign ones. */
    public static Arbitrary<PhoneNumber> numbers() {
        Arbitrary<String> shortNumbers = Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(6);
        Arbitrary<String> swedishMobiles = Arbitraries.strings().numeric().ofLength(8).map(s -> "+467" + s);
        Arbitrary<String> stockholm = Arbitraries.strings().numeric().ofLength(7).map(s -> "+468" + s);
        Arbitrary<String> berlin = Arbitraries.strings().numeric().ofLength(7).map(s -> "+4930" + s);
        Arbitrary<String> newYork = Arbitraries.strings().numeric().ofLength(7).map(s -> "+1212" + s);
        return Arbitraries.oneOf(shortNumbers, swedishMobiles, stockholm, berlin, newYork).map(PhoneNumber::of);
    }

    public static Arbitrary<TimeSpec> timeSpecs() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 9).map(TimeSpec.Days::new),
                Arbitraries.integers().between(1, 99).map(TimeSpec.Hours::new),
                Arbitraries.integers().between(1, 999).map(TimeSpec.Minutes::new),
                Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
                        .as(TimeSpec.ClockTime::new),
                Arbitraries.integers().between(0, 36_524)
                        .map(d -> new TimeSpec.OnDate(LocalDate.of(2000, 1, 1).plusDays(d))));
    }

}
