package se.plus.adapters.sip.incall;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import se.plus.domain.dialstring.Dialect;

/**
 * One call side's keys, collected into the in-call codes of its dialect (plus-services.md, contract.md
 * "In-call codes"): {@code #<n>#}, {@code *59*<n>#} on a desk phone or softphone, {@code #<n>},
 * {@code *59*<n>} on a mobile, and {@code *} to take a caller back during an announced transfer.
 *
 * <p>A code starts with {@code #} or {@code *}; other keys while nothing is collected are meant for
 * whoever the user talks to (a voice menu) and are passed over. A code is complete
 * <ul>
 * <li>at a {@code #} after at least one other key: nothing may follow it in any in-call code, and the
 *     mobile forms tolerate a trailing {@code #} (DialStringParser), so a mobile need not wait either;</li>
 * <li>at a lone {@code *} while a take back is pending;</li>
 * <li>on a mobile, after {@code silence} without a key (3 s, contract.md).</li>
 * </ul>
 * A silence discards what a desk phone left unfinished, a mobile's lone {@code #} (there is nothing to
 * transfer to) and a lone {@code *} with no take back pending. More than {@value #MAX_KEYS} keys are
 * no code and are discarded.
 *
 * <p>Keys come from the relay loop (RFC 4733) and from SIP threads (INFO), the silence from
 * {@code timers}: the state is guarded by this object's lock, and neither {@code takeBackPending}
 * nor {@code completed} is called while it is held. {@code completed} runs on the thread that keyed
 * the last key or on a timer thread; it should hand work off rather than block.
 */
public final class InCallKeys implements AutoCloseable {

    static final int MAX_KEYS = 32;

    private final Dialect dialect;
    private final ScheduledExecutorService timers;
    private final Duration silence;
    private final BooleanSupplier takeBackPending;
    private final Consumer<String> completed;

    private final StringBuilder keys = new StringBuilder(MAX_KEYS);
    private Future<?> silenceTimer;
    /** Which silence timer is current: one that fires after a later key was keyed finds itself outdated. */
    private long armed;
    private boolean closed;

    public InCallKeys(Dialect dialect, ScheduledExecutorService timers, Duration silence,
            BooleanSupplier takeBackPending, Consumer<String> completed) {
        this.dialect = dialect;
        this.timers = timers;
        this.silence = silence;
        this.takeBackPending = takeBackPending;
        this.completed = completed;
    }

    /** A key pressed on this side: 0–9, * or #; anything else is passed over. */
    public void key(char digit) {
        if (!isKey(digit)) {
            return;
        }
        boolean takeBack = digit == '*' && takeBackPending.getAsBoolean();
        String code;
        synchronized (this) {
            code = closed ? null : collect(digit, takeBack);
        }
        if (code != null) {
            completed.accept(code);
        }
    }

    /** The call side is gone: nothing more is collected and the silence timer is cancelled. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            discard();
        }
    }

    private String collect(char digit, boolean takeBack) {
        if (keys.length() == 0) {
            if (digit != '#' && digit != '*') {
                return null;
            }
            if (takeBack) {
                return "*";
            }
        }
        keys.append(digit);
        if (keys.length() > MAX_KEYS) {
            discard();
            return null;
        }
        if (digit == '#' && keys.length() > 1) {
            return take();
        }
        restartSilence();
        return null;
    }

    private void restartSilence() {
        cancelSilence();
        long timer = ++armed;
        try {
            silenceTimer = timers.schedule(() -> silenceEnded(timer), silence.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The server is stopping; a code that cannot end on silence is not collected at all.
            keys.setLength(0);
        }
    }

    private void silenceEnded(long timer) {
        boolean takeBack = takeBackPending.getAsBoolean();
        String code = null;
        synchronized (this) {
            if (closed || timer != armed) {
                return;
            }
            silenceTimer = null;
            if (completesOnSilence(takeBack)) {
                code = take();
            } else {
                keys.setLength(0);
            }
        }
        if (code != null) {
            completed.accept(code);
        }
    }

    private boolean completesOnSilence(boolean takeBack) {
        if (dialect != Dialect.MOBILE || keys.length() == 0) {
            return false;
        }
        if (keys.length() == 1) {
            return keys.charAt(0) == '*' && takeBack;
        }
        return true;
    }

    private String take() {
        String code = keys.toString();
        discard();
        return code;
    }

    private void discard() {
        keys.setLength(0);
        cancelSilence();
    }

    private void cancelSilence() {
        armed++;
        if (silenceTimer != null) {
            silenceTimer.cancel(false);
            silenceTimer = null;
        }
    }

    private static boolean isKey(char c) {
        return (c >= '0' && c <= '9') || c == '*' || c == '#';
    }
}
