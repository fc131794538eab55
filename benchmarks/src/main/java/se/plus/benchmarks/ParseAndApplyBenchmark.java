package se.plus.benchmarks;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.QueryQueue;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.QueueLogOut;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.queue.Queue;
import se.plus.domain.service.PlusServices;
import se.plus.domain.user.Profile;
import se.plus.domain.user.User;

/**
 * Parse + apply of plus-service dial strings, one dial string per operation, on one thread: what a SIP
 * INVITE, a REST dial or a JMS command costs in the domain, without I/O. The floor is 1 million per
 * second on one core (issue 3).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseAndApplyBenchmark {

    /**
     * mix: every kind of code as an office dials them: extensions, Swedish numbers, one German number in
     * 24, status queries, and some refused.
     * swedish: forwarding to Swedish numbers in national and international form.
     * extension: codes with short numbers, queues, profiles and status queries only.
     * foreign: forwarding to numbers of the countries libphonenumber's metadata is pre-read for.
     * elsewhere: forwarding to numbers of other countries (a full libphonenumber parse each).
     * Anything else is read as a comma-separated list of dial strings, e.g. -p workload='*24*3*1330#'.
     */
    @Param({"mix", "swedish", "extension", "foreign", "elsewhere"})
    public String workload;

    private static final String[] MIX = {
        "*21*0701234567#", "#21#", "*61*1002#", "#61#", "*67*086001234#", "#67#", "*24*2#", "*24*3*1330#",
        "*24*2*045#", "#24#", "*75*5#", "#75*5#", "*#21#", "*#24#", "*#75*5#", "*43#", "#43#",
        "*21*0046701234567#", "*21*+4930123456%23", "*21*1#", "*99*1#", "*24*2*12345#", "*80*1002", "*21*1002#",
    };
    private static final String[] SWEDISH = {
        "*21*0701234567#", "*67*086001234#", "*61*0317654321#", "*21*0046701234567#", "*21*+46701234567#",
        "*21*0733334444#",
    };
    private static final String[] FOREIGN = {
        "*21*+4930123456#", "*21*004930123456#", "*67*+12125550123#", "*61*00442071234567#",
    };
    private static final String[] ELSEWHERE = {
        "*21*+390612345678#", "*21*0081312345678#", "*67*+5511912345678#", "*61*0061212345678#",
    };
    private static final String[] EXTENSION = {
        "*21*1002#", "#21#", "*61*1003#", "#61#", "*24*2#", "*24*3*1330#", "#24#", "*75*5#", "#75*5#",
        "*#21#", "*#24#", "*43#", "#43#",
    };

    private String[] digits;
    private int next;
    private User user;
    private Queue queue;
    private Instant now;
    private ZoneId zone;
    private PlusServices services;

    @Setup
    public void setUp() {
        switch (workload) {
            case "mix":
                digits = MIX;
                break;
            case "swedish":
                digits = SWEDISH;
                break;
            case "extension":
                digits = EXTENSION;
                break;
            case "foreign":
                digits = FOREIGN;
                break;
            case "elsewhere":
                digits = ELSEWHERE;
                break;
            default:
                digits = workload.split(",");
        }
        zone = ZoneId.of("Europe/Stockholm");
        now = ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, zone).toInstant();
        user = User.create(Extension.of("1001"), "Anna Andersson")
                .withFixedNumber(Optional.of(PhoneNumber.of("086001001")))
                .withMobileNumber(Optional.of(PhoneNumber.of("0701112233")))
                .withProfile(Profile.barred(2, "Lunch", "Anna är på lunch", Optional.of(java.time.Duration.ofHours(1))))
                .withProfile(Profile.voicemail(3, "Meeting", Optional.empty()));
        queue = Queue.create(5, "Support", Set.of(Extension.of("1001"), Extension.of("1002")));
        services = new PlusServices();
    }

    /** One dial string: parse it in the terminal dialect, apply it to the user (and queue). */
    @Benchmark
    public Object parseAndApply() {
        String d = digits[next];
        next = next + 1 == digits.length ? 0 : next + 1;
        ParseResult parsed = DialStringParser.parse(d, Dialect.TERMINAL, DialContext.DIALLED);
        if (parsed instanceof ParseResult.Rejected) {
            return parsed;
        }
        ServiceCommand command = ((ParseResult.Parsed) parsed).command();
        Optional<Queue> q = isQueueCommand(command) ? Optional.of(queue) : Optional.empty();
        Outcome outcome = services.execute(command, user, q, now, zone);
        return outcome;
    }

    /** The parser alone, for comparison. */
    @Benchmark
    public Object parseOnly() {
        String d = digits[next];
        next = next + 1 == digits.length ? 0 : next + 1;
        return DialStringParser.parse(d, Dialect.TERMINAL, DialContext.DIALLED);
    }

    private static boolean isQueueCommand(ServiceCommand command) {
        return command instanceof QueueLogIn || command instanceof QueueLogOut || command instanceof QueryQueue;
    }
}
