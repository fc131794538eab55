package se.plus.tools;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** What {@link AnchoredCallLoad} prints, as it goes; notes (what could not be measured) come last. */
final class AnchoredCallReport {

    final List<String> notes = new ArrayList<>();
    private final AnchoredCallLoad.Options options;

    AnchoredCallReport(AnchoredCallLoad.Options options) {
        this.options = options;
        line(String.format(Locale.ROOT, "AnchoredCallLoad: %d calls through %s:%d, %d s measured after %d s warm-up,"
                        + " PCMU 50 packets/s each way, calls placed at %.0f/s",
                options.calls(), options.sip().getHostString(), options.sip().getPort(), options.seconds(), options.warmup(), options.rate()));
    }

    void line(String text) {
        System.out.println(text);
        System.out.flush();
    }

    void resources(String when, Map<String, Long> counters) {
        line(String.format("resources %-17s %s", when + ":", counters));
    }

    void resourcesAfter(Map<String, Long> counters, Map<String, Long> stayed, double seconds) {
        resources("after", counters);
        line(stayed.isEmpty()
                ? String.format(Locale.ROOT, "  call counters back to their values before the run (checked after the direct run,"
                        + " %.1f s after the hang-up)", seconds)
                : String.format(Locale.ROOT, "  STAYED above their values before the run after %.0f s: %s", seconds, stayed));
    }

    void registrations(String what, List<Object> outcomes) {
        line(what + ": " + tally(outcomes));
    }

    void setup(List<LoadCaller> callers, List<LoadCallee> callees, List<Object> outcomes, List<Integer> up, double seconds) {
        var failures = new TreeMap<String, Integer>();
        for (Object outcome : outcomes) {
            if (outcome instanceof Throwable failure) {
                failures.merge(reason(failure), 1, Integer::sum);
            }
        }
        line(String.format(Locale.ROOT, "calls: %d placed in %.1f s, %d established, %d failed to set up%s",
                outcomes.size(), seconds, up.size(), outcomes.size() - up.size(), failures.isEmpty() ? "" : " " + failures));
        long[] setupTimes = up.stream().mapToLong(i -> callers.get(i).answeredNanos - callers.get(i).inviteSentNanos).sorted().toArray();
        line(String.format(Locale.ROOT, "  setup (first INVITE sent -> 200 received, 407 round included): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                Samples.millis(setupTimes, 50), Samples.millis(setupTimes, 99), Samples.maxMillis(setupTimes)));
        int callerViaRelay = 0;
        int calleeViaRelay = 0;
        var relayPorts = new HashSet<Integer>();
        for (int i : up) {
            InetSocketAddress callerRtp = LoadRtp.address(callers.get(i).rtp);
            InetSocketAddress calleeRtp = LoadRtp.address(callees.get(i).rtp);
            InetSocketAddress toCallee = callers.get(i).answered;
            InetSocketAddress toCaller = callees.get(i).offered;
            callerViaRelay += toCallee.equals(calleeRtp) ? 0 : 1;
            calleeViaRelay += toCaller.equals(callerRtp) ? 0 : 1;
            relayPorts.add(toCallee.getPort());
            relayPorts.add(toCaller.getPort());
        }
        line(String.format("  anchoring: the caller's 200 names another address than the callee's RTP socket in %d of %d calls,"
                + " the callee's INVITE another than the caller's in %d; %d distinct relay ports", callerViaRelay, up.size(),
                calleeViaRelay, relayPorts.size()));
        if (!up.isEmpty()) {
            int i = up.get(0);
            line("  e.g. caller " + callers.get(i).extension + " RTP " + text(LoadRtp.address(callers.get(i).rtp)) + " sends to "
                    + text(callers.get(i).answered) + "; callee " + callees.get(i).extension + " RTP "
                    + text(LoadRtp.address(callees.get(i).rtp)) + " sends to " + text(callees.get(i).offered));
        }
    }

    void cpu(String run, double serverCores, double ownCores) {
        line(String.format(Locale.ROOT, "CPU during the %s: server %s, this tool %.0f%% of a core", run,
                Double.isNaN(serverCores) ? "-" : String.format(Locale.ROOT, "%.0f%% of a core", 100 * serverCores), 100 * ownCores));
    }

    void pauses(ServerProcess.Pauses pauses, double seconds) {
        line(String.format(Locale.ROOT, "server stop-the-world pauses during the %.0f s of relayed media: %d safepoints, %.0f ms in all;"
                        + " %d collections, %.0f ms", seconds, pauses.safepoints(), pauses.safepointMillis(), pauses.collections(),
                pauses.collectionMillis()));
    }

    void hangUps(List<Object> byes, long calleesGotBye, long serverHungUp) {
        line("hang-up: BYE final statuses " + tally(byes) + "; callees that got the BYE: " + calleesGotBye
                + "; callers the server had hung up on before: " + serverHungUp);
    }

    void media(LoadRtp.Result relay, LoadRtp.Result direct) {
        line(String.format("media (%d calls, %d s counted):  %-38s %-38s %s", relay.flows().get(0).streams(), options.seconds(),
                "through the relay", "direct (baseline)", "relay - direct"));
        for (int d = 0; d < relay.flows().size(); d++) {
            LoadRtp.Flow r = relay.flows().get(d);
            LoadRtp.Flow b = direct.flows().get(d);
            String name = r.direction().label;
            row(name + " loss", loss(r), loss(b), String.format(Locale.ROOT, "%+.3f%%", r.lossPercent() - b.lossPercent()));
            row(name + " transit ms", percentiles(r.transit()), percentiles(b.transit()),
                    difference(r.transit(), b.transit(), 50) + " / " + difference(r.transit(), b.transit(), 99));
            row(name + " jitter p99 ms", jitter(r), jitter(b),
                    difference(r.jitter(), b.jitter(), 99));
        }
        checks("relay", relay);
        checks("direct", direct);
        worstBySecond("relay", relay);
        worstBySecond("direct", direct);
    }

    void heap(long up, long after, int calls, Map<String, Long> afterCounters) {
        line(String.format(Locale.ROOT, "server heap after full GC: %.1f MiB with %d calls up, %.1f MiB after they ended"
                        + " -> %.1f KiB per live call (server transactions still lingering then: %d)",
                up / 1048576.0, calls, after / 1048576.0, (up - after) / 1024.0 / calls,
                afterCounters.getOrDefault("sipServerTransactions", 0L) + afterCounters.getOrDefault("sipClientTransactions", 0L)));
    }

    void sipCounters(LoadSip sip, Map<String, AtomicLong> unexpected) {
        line("SIP: retransmissions by us " + sip.retransmissions + ", stray responses " + sip.strayResponses
                + ", final responses after our timeout " + sip.lateFinals + ", requests for unknown users " + sip.unknownUsers
                + ", unreadable " + sip.malformed + ", not sent " + sip.sendFailures + (unexpected.isEmpty() ? "" : ", unexpected requests " + new TreeMap<>(unexpected)));
    }

    void print() {
        notes.forEach(note -> line("note: " + note));
    }

    private void checks(String run, LoadRtp.Result result) {
        var text = new StringBuilder("  ").append(run).append(" checks:");
        for (LoadRtp.Flow flow : result.flows()) {
            text.append(String.format(" %s sent %d (not sent %d), transit over 10 ms %d, from an unexpected address %d,"
                            + " another stream's or unreadable %d, earlier run's %d, duplicates %d, reordered %d, streams with loss %d, silent %d;",
                    flow.direction().label, flow.sent(), flow.notSent(), over(flow.transit(), 10_000_000), flow.wrongSource(),
                    flow.misrouted(), flow.stale(), flow.duplicates(), flow.reordered(), flow.streamsWithLoss(), flow.silentStreams()));
        }
        long[] late = result.senderLateness();
        text.append(String.format(Locale.ROOT, " sender wake-up late p99 %.2f ms max %.1f ms; this tool's RTP receiver %s",
                Samples.millis(late, 99), Samples.maxMillis(late), result.receiver()));
        line(text.toString());
    }

    private static int over(long[] sorted, long nanos) {
        int at = java.util.Arrays.binarySearch(sorted, nanos + 1);
        return sorted.length - (at >= 0 ? at : -at - 1);
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private void worstBySecond(String run, LoadRtp.Result result) {
        var text = new StringBuilder("  ").append(run).append(": worst transit of each second, ms:");
        for (long worst : result.worstBySecond()) {
            text.append(' ').append(Math.round(worst / 1e6));
        }
        line(text.toString());
    }

    private void row(String name, String relay, String direct, String difference) {
        line(String.format("  %-28s %-38s %-38s %s", name, relay, direct, difference));
    }

    private static String loss(LoadRtp.Flow flow) {
        return String.format(Locale.ROOT, "%.3f%% (%d of %d lost)", flow.lossPercent(), flow.sent() - flow.received(), flow.sent());
    }

    private static String percentiles(long[] sorted) {
        return String.format(Locale.ROOT, "p50 %.2f  p99 %.2f  max %.1f", Samples.millis(sorted, 50), Samples.millis(sorted, 99),
                Samples.maxMillis(sorted));
    }

    private static String jitter(LoadRtp.Flow flow) {
        return String.format(Locale.ROOT, "%.2f (transit variation p99 %.2f)", Samples.millis(flow.jitter(), 99),
                Samples.millis(flow.transitVariation(), 99));
    }

    private static String difference(long[] relay, long[] direct, double percentile) {
        return String.format(Locale.ROOT, "p%.0f %+.2f", percentile, Samples.millis(relay, percentile) - Samples.millis(direct, percentile));
    }

    private static String tally(List<Object> outcomes) {
        var counts = new TreeMap<String, Integer>();
        for (Object outcome : outcomes) {
            String key = outcome instanceof Throwable failure ? reason(failure) : String.valueOf(outcome);
            counts.merge(key, 1, Integer::sum);
        }
        return counts.toString();
    }

    private static String reason(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "callee got no ACK in time";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
