package se.plus.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import se.plus.application.port.in.RouteCallUseCase.CallRequest;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.FromTrunk;
import se.plus.application.port.in.RouteCallUseCase.FromUser;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.ForwardTargetPolicy;
import se.plus.domain.user.Forwardings;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.ProfileHandling;
import se.plus.domain.user.User;

/**
 * For random states of three colleagues (forwardings among them and outside, an active profile of any
 * handling, call waiting, voicemail, busy, registered or not), the dry run answers exactly the route a
 * real call gets: the same tree, the same trace.
 */
class DryRunPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<Extension> STAFF = List.of(Extension.of("1001"), Extension.of("1002"), Extension.of("1003"));
    private static final PhoneNumber OUTSIDE = PhoneNumber.of("0701234567");

    record Colleague(User user, boolean busy, boolean registered) {
    }

    @Provide
    Arbitrary<List<Colleague>> staff() {
        return Combinators.combine(colleague(STAFF.get(0)), colleague(STAFF.get(1)), colleague(STAFF.get(2))).as(List::of);
    }

    private Arbitrary<Colleague> colleague(Extension extension) {
        Arbitrary<Optional<PhoneNumber>> target = Arbitraries.of(Optional.empty(), Optional.of(PhoneNumber.of("1001")),
                Optional.of(PhoneNumber.of("1002")), Optional.of(PhoneNumber.of("1003")), Optional.of(OUTSIDE));
        Arbitrary<ProfileHandling> handling = Arbitraries.of(ProfileHandling.class);
        Arbitrary<User> user = Combinators.combine(target, target, target, handling, Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.integers().between(5, 60)).as((unconditional, noAnswer, busy, h, waiting, voicemail, delay) -> {
                    User u = User.create(extension, "User " + extension)
                            .withForwardings(new Forwardings(unconditional.filter(t -> !t.value().equals(extension.digits())),
                                    noAnswer, busy))
                            .withNoAnswerDelaySeconds(delay).withCallWaiting(waiting).withVoicemailEnabled(voicemail);
                    if (h != ProfileHandling.RING) {
                        u = u.withProfile(new Profile(5, "Random", h, h == ProfileHandling.FORWARD ? Optional.of(OUTSIDE) : Optional.empty(),
                                h == ProfileHandling.BARRED ? Optional.of("Back on Monday") : Optional.empty(), Optional.empty()))
                                .withActiveProfile(new ProfileActivation(5, Optional.of(NOW.plus(Duration.ofHours(1)))));
                    }
                    return u;
                });
        return Combinators.combine(user, Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Colleague::new);
    }

    @Property(tries = 300)
    void theDryRunAnswersTheRouteOfARealCall(@ForAll("staff") List<Colleague> staff, @ForAll boolean fromOutside) {
        var world = new World(staff);
        var route = new RouteCallService(world.users, world.queues, world.locations, world.liveCalls, world.company,
                new UnitOfWork(), Clock.fixed(NOW, ZoneOffset.UTC));
        var dryRun = new ExplainRouteService(world.users, world.locations, world.liveCalls, world.company, new UnitOfWork());
        Extension callee = STAFF.get(1);

        CallRoute real = fromOutside
                ? route.route(new CallRequest(new FromTrunk(Optional.of("+46812345678"), false), "1002", Dialect.TERMINAL))
                : route.route(new CallRequest(new FromUser(STAFF.get(0)), "1002"));
        CallRoute explained = dryRun.explain(callee, Optional.of(fromOutside ? PhoneNumber.of("+46812345678")
                : PhoneNumber.of("1001")), NOW);

        assertEquals(real, explained);
    }

    /** The ports, answering from the generated colleagues: both services see the same world. */
    static final class World {
        final Users users = mock(Users.class);
        final Locations locations = mock(Locations.class);
        final LiveCalls liveCalls = mock(LiveCalls.class);
        final CompanySettings company = mock(CompanySettings.class);
        final Queues queues = mock(Queues.class);

        World(List<Colleague> colleagues) {
            Map<Extension, Colleague> staff = new HashMap<>();
            colleagues.forEach(c -> staff.put(c.user().extension(), c));
            when(users.find(any())).thenAnswer(call -> Optional.ofNullable(staff.get(call.<Extension>getArgument(0)))
                    .map(Colleague::user));
            when(users.findByNumber(any())).thenAnswer(call -> call.<PhoneNumber>getArgument(0).extension()
                    .map(staff::get).map(Colleague::user));
            when(locations.bindingsOf(any(), any())).thenAnswer(call -> {
                Extension user = call.getArgument(0);
                return Optional.ofNullable(staff.get(user)).filter(Colleague::registered)
                        .map(c -> List.of(new Binding("sip:" + user.digits() + "@10.0.0.9:5060", NOW.plusSeconds(600),
                                "r" + user.digits(), 1, 1.0f, Dialect.TERMINAL, "desk", "10.0.0.9")))
                        .orElse(List.of());
            });
            when(liveCalls.inCall(any())).thenAnswer(call -> Optional.ofNullable(staff.get(call.<Extension>getArgument(0)))
                    .map(Colleague::busy).orElse(false));
            when(company.trunkAvailable()).thenReturn(true);
            when(company.forwardTargets()).thenReturn(new ForwardTargetPolicy(ForwardTargetPolicy.SWEDISH_PREMIUM_RATE, true, "+46"));
            when(queues.find(anyInt())).thenReturn(Optional.empty());
        }
    }
}
