package se.plus.infrastructure.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Locations.ContactUpdate;
import se.plus.application.port.out.Locations.OutOfOrder;
import se.plus.application.port.out.Locations.RegisterSource;
import se.plus.application.port.out.Locations.TooManyDevices;
import se.plus.application.port.out.Locations.Updated;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;

class CachedLocationsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private static final Extension ANNA = Extension.of("1001");

    private final Locations locations = new CachedLocations(new ConcurrentHashMap<>());

    private static RegisterSource from(String callId, long cseq) {
        return new RegisterSource(callId, cseq, Dialect.TERMINAL, "Yealink T46U", "10.0.0.5");
    }

    private static ContactUpdate contact(String uri, int expires) {
        return new ContactUpdate(uri, expires, 1.0f);
    }

    @Test
    void aUserMayHaveSeveralDevicesAtOnce() {
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5:5060", 3600)), from("desk", 1), T0);
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.6:5062", 600)), from("soft", 1), T0);

        assertEquals(2, locations.bindingsOf(ANNA, T0).size());
    }

    @Test
    void theBindingCountIsEveryUsersDevicesThatHaveNotExpired() {
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 600), contact("sip:1001@10.0.0.6", 60)), from("desk", 1), T0);
        locations.update(Extension.of("1002"), List.of(contact("sip:1002@10.0.0.7", 600)), from("bo", 1), T0);

        assertEquals(3, locations.bindingCount(T0));
        assertEquals(2, locations.bindingCount(T0.plusSeconds(60)));
        assertEquals(0, locations.bindingCount(T0.plusSeconds(600)));
    }

    @Test
    void aBindingLastsUntilItsExpiryAndARefreshExtendsIt() {
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 600)), from("desk", 1), T0);
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 600)), from("desk", 2), T0.plusSeconds(500));

        assertEquals(1, locations.bindingsOf(ANNA, T0.plusSeconds(1000)).size());
        assertEquals(100, locations.bindingsOf(ANNA, T0.plusSeconds(1000)).get(0).secondsLeft(T0.plusSeconds(1000)));
        assertEquals(List.of(), locations.bindingsOf(ANNA, T0.plusSeconds(1100)));
    }

    @Test
    void expiresZeroRemovesOneDeviceAndStarRemovesThemAll() {
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 600)), from("desk", 1), T0);
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.6", 600)), from("soft", 1), T0);

        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 0)), from("desk", 2), T0);
        assertEquals(1, locations.bindingsOf(ANNA, T0).size());

        locations.removeAll(ANNA, from("other", 1), T0);
        assertEquals(List.of(), locations.bindingsOf(ANNA, T0));
    }

    @Test
    void aRefreshFromTheSameCallIdWithAnOldCseqIsRejectedUnchanged() {
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 600)), from("desk", 5), T0);

        assertInstanceOf(OutOfOrder.class, locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 0)), from("desk", 5), T0));
        assertEquals(1, locations.bindingsOf(ANNA, T0).size());
    }

    @Test
    void anEleventhDeviceIsRefusedAndTheOthersStay() {
        IntStream.range(0, Locations.MAX_BINDINGS_PER_USER).forEach(i ->
                locations.update(ANNA, List.of(contact("sip:1001@10.0.0." + i, 600)), from("c" + i, 1), T0));

        var result = locations.update(ANNA, List.of(contact("sip:1001@10.0.1.1", 600)), from("new", 1), T0);

        assertInstanceOf(TooManyDevices.class, result);
        assertEquals(Locations.MAX_BINDINGS_PER_USER, locations.bindingsOf(ANNA, T0).size());
    }

    @Test
    void routingGetsTheMostPreferredDeviceFirstAndItsDialect() {
        locations.update(ANNA, List.of(new ContactUpdate("sip:1001@10.0.0.5", 600, 0.5f)), from("desk", 1), T0);
        locations.update(ANNA, List.of(new ContactUpdate("sip:1001@10.0.0.6", 600, 1.0f)),
                new RegisterSource("gw", 1, Dialect.MOBILE, "FMC gateway", "10.0.0.6"), T0);

        var first = locations.bindingsOf(ANNA, T0).get(0);
        assertEquals("sip:1001@10.0.0.6", first.contact());
        assertEquals(Dialect.MOBILE, first.dialect());
    }

    @Test
    void purgeForgetsExpiredBindings() {
        locations.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 60)), from("desk", 1), T0);

        locations.purge(T0.plusSeconds(61));

        assertInstanceOf(Updated.class, locations.removeAll(ANNA, from("desk", 2), T0.plusSeconds(61)));
        assertEquals(List.of(), locations.bindingsOf(ANNA, T0));
    }

    @Test
    void aPhoneRegisteredThroughOneNodeIsFoundByAnotherSharingTheCache() {
        var cache = new ConcurrentHashMap<String, String>();
        var node1 = new CachedLocations(cache);
        var node2 = new CachedLocations(cache);

        node1.update(ANNA, List.of(contact("sip:1001@10.0.0.5", 600)), from("desk", 1), T0);

        assertEquals("sip:1001@10.0.0.5", node2.bindingsOf(ANNA, T0).get(0).contact());
    }

    @Test
    void devicesRegisteringAtOnceThroughTwoNodesAreAllKept() throws Exception {
        var cache = new ConcurrentHashMap<String, String>();
        var nodes = List.of(new CachedLocations(cache), new CachedLocations(cache));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var done = IntStream.range(0, Locations.MAX_BINDINGS_PER_USER).mapToObj(i -> pool.submit(() ->
                    nodes.get(i % 2).update(ANNA, List.of(contact("sip:1001@10.0.0." + i, 600)), from("c" + i, 1), T0)))
                    .toList();
            for (var each : done) {
                assertInstanceOf(Updated.class, each.get());
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(Locations.MAX_BINDINGS_PER_USER, nodes.get(0).bindingsOf(ANNA, T0).size());
    }

    @Test
    void whatADeviceSaysOfItselfSurvivesTheCacheWhateverItContains() {
        var odd = new RegisterSource("id%09\tx", 7, Dialect.MOBILE, "UA\twith %25 and\ttabs\n", null);
        locations.update(ANNA, List.of(new ContactUpdate("sip:1001@10.0.0.5;x=%0A", 600, 0.7f)), odd, T0);

        var stored = locations.bindingsOf(ANNA, T0).get(0);

        assertEquals("sip:1001@10.0.0.5;x=%0A", stored.contact());
        assertEquals("id%09\tx", stored.callId());
        assertEquals("UA\twith %25 and\ttabs\n", stored.userAgent());
        assertEquals(null, stored.source());
        assertEquals(0.7f, stored.q());
        assertEquals(T0.plusSeconds(600), stored.expires());
    }
}
