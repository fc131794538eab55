package se.plus.tools;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Anchored calls under load, through the running server: N callers each call a callee of their own
 * (both users made for the run and removed after it), every call carries PCMU RTP at 50 packets/s
 * each way through the server's media relay for D seconds, and the same streams then run directly
 * between the same sockets, without the server, as the baseline. Reports loss each way, one-way
 * transit (p50, p99, max) and added jitter (p99 of |inter-arrival - 20 ms|; beside it the p99 of
 * |inter-arrival - inter-send|, which leaves out this tool's own sending delays) for both; the server's
 * heap per live call (jcmd GC.run, GC.heap_info: all calls up against all ended); and GET
 * /api/calls/resources before, with the calls up, during the media and after (until the call counters
 * are back at their values before the run, up to 60 s). What the server's JVM, its relay threads and
 * the machine did during the relayed media is printed too: on a shared machine that explains a tail.
 *
 * <p>The user agents are light (raw UDP, one SIP socket shared by all, one RTP socket each) so that
 * 400 of them and their 20,000 packets/s take a handful of threads. JDK only, so the test classes are
 * the whole class path; from the repository's root:
 *
 * <pre>./mvnw -o -q -pl ear test-compile
 * java -cp ear/target/test-classes se.plus.tools.AnchoredCallLoad --admin admin:PASSWORD
 *      [--base http://127.0.0.1:8080] [--sip 127.0.0.1:5062] [--calls 200] [--seconds 30] [--warmup 2]
 *      [--rate 50] [--senders 2] [--setup-timeout 15] [--server-pid PID] [--keep-users]</pre>
 *
 * {@code --rate} is calls (and REGISTERs, BYEs) per second. Without {@code --server-pid} the WildFly
 * holding the SIP port is found with {@code pgrep -f jboss-modules}; jcmd and /proc need the server's
 * user or root, else the heap and the server-side figures are left out with a note.
 */
public final class AnchoredCallLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALLEE_ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final long RESOURCES_WAIT_SECONDS = 60;
    /** MediaRelay's selector threads, "plus-media-relay-N", as Linux names them (15 characters): summed. */
    private static final String RELAY_THREAD = "plus-media-rela";
    private static final List<String> CALL_COUNTERS = List.of("liveCalls", "sipCalls", "mediaSessions", "mediaPorts", "sipDialogs");

    private final Options options;
    private final AnchoredCallReport report;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "load-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();

    record Options(String base, String admin, InetSocketAddress sip, int calls, int seconds, int warmup, double rate,
                   int senders, int setupTimeout, String serverPid, boolean keepUsers) {

        static Options parse(String[] args) {
            String[] sip = arg(args, "--sip", "127.0.0.1:5062").split(":");
            return new Options(arg(args, "--base", "http://127.0.0.1:8080"), arg(args, "--admin", null),
                    new InetSocketAddress(sip[0], Integer.parseInt(sip[1])),
                    Integer.parseInt(arg(args, "--calls", "200")), Integer.parseInt(arg(args, "--seconds", "30")),
                    Integer.parseInt(arg(args, "--warmup", "2")), Double.parseDouble(arg(args, "--rate", "50")),
                    Integer.parseInt(arg(args, "--senders", "2")), Integer.parseInt(arg(args, "--setup-timeout", "15")),
                    arg(args, "--server-pid", null), List.of(args).contains("--keep-users"));
        }

        private static String arg(String[] args, String name, String fallback) {
            for (int i = 0; i < args.length - 1; i++) {
                if (args[i].equals(name)) {
                    return args[i + 1];
                }
            }
            return fallback;
        }
    }

    private AnchoredCallLoad(Options options) {
        this.options = options;
        this.report = new AnchoredCallReport(options);
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        if (options.admin() == null) {
            System.err.println("--admin user:password is required (users are made through REST)");
            System.exit(2);
        }
        System.exit(new AnchoredCallLoad(options).run());
    }

    private int run() throws Exception {
        report.line("load average at start (uptime): " + uptime());
        var admin = new PbxAdmin(options.base(), options.admin());
        Map<String, Long> before = admin.resources();
        report.resources("before", before);
        ServerProcess server = ServerProcess.find(options.serverPid(), options.sip().getPort(), report.notes);
        var callerUsers = admin.createUsers(options.calls(), "Load caller", 4);
        var calleeUsers = admin.createUsers(options.calls(), "Load callee", 4);
        report.line(2 * options.calls() + " users made (callers " + callerUsers.get(0).extension() + ", ...)");
        try (var sip = new LoadSip(options.sip(), timers)) {
            var callers = new ArrayList<LoadCaller>();
            var callees = new ArrayList<LoadCallee>();
            for (int i = 0; i < options.calls(); i++) {
                callers.add(new LoadCaller(callerUsers.get(i).extension(), callerUsers.get(i).sipPassword(), sip, unexpected));
                callees.add(new LoadCallee(calleeUsers.get(i).extension(), calleeUsers.get(i).sipPassword(), sip, timers, unexpected));
            }
            try {
                return measure(admin, server, sip, before, callers, callees);
            } finally {
                var leftOver = callers.stream().filter(LoadCaller::needsHangUp).toList();
                if (!leftOver.isEmpty()) {
                    report.line("hanging up " + leftOver.size() + " calls left up by a failure");
                    await(paced(leftOver.size(), i -> leftOver.get(i).hangUp(REQUEST_TIMEOUT)), REQUEST_TIMEOUT);
                }
                var registered = callees.stream().filter(callee -> callee.registered).toList();
                report.registrations("unregistered", await(paced(registered.size(), i -> registered.get(i).register(0, REQUEST_TIMEOUT)),
                        REQUEST_TIMEOUT));
                report.sipCounters(sip, unexpected);
            }
        } finally {
            if (!options.keepUsers()) {
                int failed = admin.deleteUsers(callerUsers, 4) + admin.deleteUsers(calleeUsers, 4);
                report.line("users removed" + (failed == 0 ? "" : " (" + failed + " could not be)"));
            }
            report.line("load average at end (uptime): " + uptime());
            report.print();
            timers.shutdownNow();
        }
    }

    private int measure(PbxAdmin admin, ServerProcess server, LoadSip sip, Map<String, Long> before,
                        List<LoadCaller> callers, List<LoadCallee> callees) throws Exception {
        if (!register(callees)) {
            return 1;
        }
        List<Integer> up = placeCalls(callers, callees);
        report.resources("all calls up", counters(admin));
        if (up.isEmpty()) {
            hangUp(callers, callees);
            return 1;
        }
        var relay = new ArrayList<LoadRtp.Stream>();
        var direct = new ArrayList<LoadRtp.Stream>();
        for (int i : up) {
            LoadCaller a = callers.get(i);
            LoadCallee b = callees.get(i);
            relay.add(new LoadRtp.Stream(LoadRtp.Direction.CALLER_TO_CALLEE, a.rtp, a.answered, b.rtp, b.offered));
            relay.add(new LoadRtp.Stream(LoadRtp.Direction.CALLEE_TO_CALLER, b.rtp, b.offered, a.rtp, a.answered));
            direct.add(new LoadRtp.Stream(LoadRtp.Direction.CALLER_TO_CALLEE, a.rtp, LoadRtp.address(b.rtp), b.rtp, LoadRtp.address(a.rtp)));
            direct.add(new LoadRtp.Stream(LoadRtp.Direction.CALLEE_TO_CALLER, b.rtp, LoadRtp.address(a.rtp), a.rtp, LoadRtp.address(b.rtp)));
        }
        LoadRtp.Result throughRelay = relayedMedia(admin, server, relay);
        // Measured once the media is over, not to stop the relay mid-run, and by then the setup's
        // transactions (RFC 3261 timers, 32 s) have gone: what is left is what the calls hold.
        Long heapUp = server == null ? null : server.usedHeapAfterFullGc();
        report.resources("at the heap count", counters(admin));

        hangUp(callers, callees);
        long hungUp = System.nanoTime();
        report.resources("right after BYEs", counters(admin));

        double ownCpu = ownCpuSeconds();
        MachineLoad machine = MachineLoad.now();
        long started = System.nanoTime();
        LoadRtp.Result directly = new LoadRtp(direct, options.senders(), 2)
                .run(Duration.ofSeconds(options.warmup()), Duration.ofSeconds(options.seconds()));
        report.cpu("direct media", Double.NaN, (ownCpuSeconds() - ownCpu) / ((System.nanoTime() - started) / 1e9));
        report.line("  machine during the direct media: " + MachineLoad.now().since(machine));
        report.media(throughRelay, directly);

        Map<String, Long> after = awaitCallsEnded(admin, before, hungUp);
        if (heapUp != null) {
            report.heap(heapUp, server.usedHeapAfterFullGc(), up.size(), after);
        }
        return 0;
    }

    private boolean register(List<LoadCallee> callees) throws Exception {
        // One REGISTER alone first: a digest the server refuses must not be repeated 200 times from 127.0.0.1.
        int first = callees.get(0).register(600, REQUEST_TIMEOUT).get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        if (first != 200) {
            report.line("ABORTED: the first REGISTER ended " + first);
            return false;
        }
        List<Object> registrations = new ArrayList<>(List.of(first));
        registrations.addAll(await(paced(callees.size() - 1, i -> callees.get(i + 1).register(600, REQUEST_TIMEOUT)), REQUEST_TIMEOUT));
        report.registrations("registered", registrations);
        return true;
    }

    /** Caller i calls callee i; the indexes of the calls set up, with the SDP each side got. */
    private List<Integer> placeCalls(List<LoadCaller> callers, List<LoadCallee> callees) {
        Duration setup = Duration.ofSeconds(options.setupTimeout());
        long placing = System.nanoTime();
        List<CompletableFuture<Void>> calls = paced(callers.size(), i -> callers.get(i).call(callees.get(i).extension, setup)
                .thenCompose(answered -> callees.get(i).acked.orTimeout(CALLEE_ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
        List<Object> outcomes = await(calls, setup.plus(CALLEE_ACK_TIMEOUT));
        var up = new ArrayList<Integer>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null && callers.get(i).answered != null && callees.get(i).offered != null) {
                up.add(i);
            }
        }
        report.setup(callers, callees, outcomes, up, (System.nanoTime() - placing) / 1e9);
        return up;
    }

    /** The media through the relay, with what the server and the machine did meanwhile. */
    private LoadRtp.Result relayedMedia(PbxAdmin admin, ServerProcess server, List<LoadRtp.Stream> relay) throws Exception {
        var during = timers.schedule(() -> {
            report.line("load average during the relayed media (uptime): " + uptime());
            return counters(admin);
        }, options.warmup() + options.seconds() / 2, TimeUnit.SECONDS);
        ServerProcess.Pauses pauses = server == null ? null : server.pauses();
        ThreadSchedule relayThread = server == null ? ThreadSchedule.UNKNOWN : server.threads(RELAY_THREAD);
        double serverCpu = server == null ? Double.NaN : server.cpuSeconds();
        double ownCpu = ownCpuSeconds();
        MachineLoad machine = MachineLoad.now();
        long started = System.nanoTime();
        LoadRtp.Result result = new LoadRtp(relay, options.senders(), 1)
                .run(Duration.ofSeconds(options.warmup()), Duration.ofSeconds(options.seconds()));
        double elapsed = (System.nanoTime() - started) / 1e9;
        report.cpu("media through the relay", server == null ? Double.NaN : (server.cpuSeconds() - serverCpu) / elapsed,
                (ownCpuSeconds() - ownCpu) / elapsed);
        report.line("  machine during the media through the relay: " + MachineLoad.now().since(machine));
        if (server != null) {
            report.pauses(server.pauses().since(pauses), elapsed);
            report.line("  the server's relay threads (" + RELAY_THREAD + "*, summed): " + server.threads(RELAY_THREAD).since(relayThread));
        }
        report.resources("during the media", during.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS));
        return result;
    }

    private void hangUp(List<LoadCaller> callers, List<LoadCallee> callees) {
        List<Object> byes = await(paced(callers.size(), i -> callers.get(i).needsHangUp()
                ? callers.get(i).hangUp(REQUEST_TIMEOUT).thenApply(status -> (Object) status)
                : CompletableFuture.completedFuture((Object) "no dialog")), REQUEST_TIMEOUT.plusSeconds(5));
        // The server answers the caller's BYE and sends its own to the callee independently.
        long deadline = System.nanoTime() + CALLEE_ACK_TIMEOUT.toNanos();
        for (LoadCallee callee : callees) {
            if (callee.acked.isDone()) {
                try {
                    callee.byeReceived.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception notYet) {
                    // Counted below.
                }
            }
        }
        report.hangUps(byes, callees.stream().filter(callee -> callee.byeReceived.isDone()).count(),
                callers.stream().filter(caller -> caller.byeFromServer.isDone()).count());
    }

    /** Polls the counters until the call counters are back where they were before the run, up to a minute. */
    private Map<String, Long> awaitCallsEnded(PbxAdmin admin, Map<String, Long> before, long hungUp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESOURCES_WAIT_SECONDS);
        Map<String, Long> now;
        var stayed = new TreeMap<String, Long>();
        do {
            now = counters(admin);
            stayed.clear();
            for (String counter : CALL_COUNTERS) {
                long left = now.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
                if (left > 0) {
                    stayed.put(counter, left);
                }
            }
            if (stayed.isEmpty() && !now.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        report.resourcesAfter(now, stayed, (System.nanoTime() - hungUp) / 1e9);
        return now;
    }

    /** The server's counters, or none (and the reason said) when it does not answer: a glimpse is not worth the run. */
    private Map<String, Long> counters(PbxAdmin admin) {
        try {
            return admin.resources();
        } catch (Exception unavailable) {
            report.line("GET /api/calls/resources failed: " + unavailable);
            return Map.of();
        }
    }

    /** Starts {@code count} actions at {@code options.rate()} per second on the timer thread. */
    private <T> List<CompletableFuture<T>> paced(int count, IntFunction<CompletableFuture<T>> action) {
        var futures = new ArrayList<CompletableFuture<T>>();
        long spacing = (long) (1e9 / options.rate());
        for (int i = 0; i < count; i++) {
            int n = i;
            var future = new CompletableFuture<T>();
            futures.add(future);
            timers.schedule(() -> {
                try {
                    action.apply(n).whenComplete((value, failure) -> {
                        if (failure == null) {
                            future.complete(value);
                        } else {
                            future.completeExceptionally(failure);
                        }
                    });
                } catch (RuntimeException failure) {
                    future.completeExceptionally(failure);
                }
            }, n * spacing, TimeUnit.NANOSECONDS);
        }
        return futures;
    }

    /**
     * Waits for every future, {@code each} longer than the pacing needs; per future its value, or
     * null for a {@code Void} success, or the failure as a {@link Throwable}.
     */
    private List<Object> await(List<? extends CompletableFuture<?>> futures, Duration each) {
        long deadline = System.nanoTime() + (long) (futures.size() * 1e9 / options.rate()) + each.toNanos() + TimeUnit.SECONDS.toNanos(5);
        var outcomes = new ArrayList<Object>();
        for (CompletableFuture<?> future : futures) {
            try {
                outcomes.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.ExecutionException failed) {
                Throwable cause = failed.getCause();
                outcomes.add(cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                        ? cause.getCause() : cause);
            } catch (java.util.concurrent.TimeoutException | InterruptedException late) {
                outcomes.add(new IllegalStateException("no outcome in time"));
            }
        }
        return outcomes;
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static String uptime() {
        try {
            return ServerProcess.run(List.of("uptime"), 5).trim();
        } catch (Exception unavailable) {
            return "unknown (" + unavailable.getMessage() + ")";
        }
    }
}
