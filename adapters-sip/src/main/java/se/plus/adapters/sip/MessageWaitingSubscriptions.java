package se.plus.adapters.sip;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.application.port.out.MailboxChanges;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.domain.number.Extension;

/**
 * The phones subscribed to their mailbox's {@code message-summary} (RFC 3842 over RFC 6665), in memory:
 * each with its dialog's identifiers, where to send the NOTIFY and until when. Bounded: at most
 * {@code maxTotal} in all (beyond it SUBSCRIBE is refused 503) and {@code maxPerMailbox} per mailbox (a
 * phone that rebooted without unsubscribing leaves one behind: the one closest to expiry makes room).
 * A subscription ends at its expiry, with {@code Expires: 0}, or when its phone answers a NOTIFY 481
 * or not at all.
 *
 * <p>A mailbox may change through another server of a cluster: each subscription remembers the
 * mailbox's change mark ({@link MailboxChanges}) it was last told about, and {@link #catchUp} tells it
 * again when the mark moved elsewhere.
 */
final class MessageWaitingSubscriptions {

    private static final Logger LOG = Logger.getLogger(MessageWaitingSubscriptions.class.getName());
    static final String EVENT = "message-summary";
    private static final String CONTENT_SUBTYPE = "simple-message-summary";

    private final SipContext sip;
    private final Executor workers;
    private final int maxTotal;
    private final int maxPerMailbox;
    private final MailboxChanges changes;
    private final Function<Extension, MailboxSummary> summaries;
    private final Map<String, Subscription> byDialog = new ConcurrentHashMap<>();

    MessageWaitingSubscriptions(SipContext sip, Executor workers, int maxTotal, int maxPerMailbox, MailboxChanges changes,
                                Function<Extension, MailboxSummary> summaries) {
        this.sip = sip;
        this.workers = workers;
        this.maxTotal = maxTotal;
        this.maxPerMailbox = maxPerMailbox;
        this.changes = changes;
        this.summaries = summaries;
    }

    /** One phone's subscription: the dialog (Call-ID and both tags) and where its NOTIFYs go. */
    static final class Subscription {
        final Extension mailbox;
        final String callId;
        final Address phone;
        final String phoneTag;
        final Address us;
        final String ourTag;
        final URI contact;
        final String transport;
        private long cseq;
        private Instant expires;
        /** The mailbox's change mark this phone was last told about ("" before any change). */
        private volatile String markTold = "";

        Subscription(Extension mailbox, String callId, Address phone, String phoneTag, Address us, String ourTag,
                     URI contact, String transport, Instant expires) {
            this.mailbox = mailbox;
            this.callId = callId;
            this.phone = phone;
            this.phoneTag = phoneTag;
            this.us = us;
            this.ourTag = ourTag;
            this.contact = contact;
            this.transport = transport;
            this.expires = expires;
        }

        String key() {
            return MessageWaitingSubscriptions.key(callId, phoneTag, ourTag);
        }

        synchronized long nextCseq() {
            return ++cseq;
        }

        synchronized void refresh(Instant until) {
            expires = until;
        }

        synchronized Instant expires() {
            return expires;
        }
    }

    static String key(String callId, String phoneTag, String ourTag) {
        return callId + "|" + phoneTag + "|" + ourTag;
    }

    Optional<Subscription> find(String callId, String phoneTag, String ourTag) {
        return Optional.ofNullable(byDialog.get(key(callId, phoneTag, ourTag)));
    }

    /** False when the server holds as many subscriptions as it may. */
    boolean add(Subscription subscription) {
        if (byDialog.size() >= maxTotal) {
            return false;
        }
        List<Subscription> ofMailbox = forMailbox(subscription.mailbox);
        if (ofMailbox.size() >= maxPerMailbox) {
            ofMailbox.stream().min(Comparator.comparing(Subscription::expires)).ifPresent(this::remove);
        }
        // Read before the first NOTIFY reads the state: a change in between only means one NOTIFY more.
        subscription.markTold = changes.lastMark(subscription.mailbox).orElse("");
        byDialog.put(subscription.key(), subscription);
        return true;
    }

    void remove(Subscription subscription) {
        byDialog.remove(subscription.key());
    }

    int size() {
        return byDialog.size();
    }

    List<Subscription> forMailbox(Extension mailbox) {
        return byDialog.values().stream().filter(s -> s.mailbox.equals(mailbox)).toList();
    }

    /** Forgets subscriptions past their expiry (RFC 6665 §4.2.2: they simply end). */
    void purge(Instant now) {
        byDialog.values().removeIf(s -> !s.expires().isAfter(now));
    }

    /**
     * Tells every subscribed phone of the mailbox, in the background; {@code mark} is the change's. A
     * NOTIFY that could not be sent leaves its phone behind the mark, so the next {@link #catchUp} round
     * tries again with the state of then.
     */
    void changed(Extension mailbox, MailboxSummary summary, String mark) {
        for (Subscription subscription : forMailbox(mailbox)) {
            subscription.markTold = mark;
            try {
                workers.execute(() -> {
                    if (!notify(subscription, summary, sip.now())) {
                        subscription.markTold = "";
                    }
                });
            } catch (RejectedExecutionException busy) {
                LOG.info(() -> "message-waiting NOTIFY to " + subscription.contact + " put off: workers busy");
                subscription.markTold = "";
            }
        }
    }

    /**
     * Tells the phones whose mailbox changed through another server (its mark moved since they were last
     * told): the mailbox's state is read once, in the background, and sent to each of them.
     */
    void catchUp() {
        try {
            catchUpNow();
        } catch (RuntimeException failed) {
            // A scheduled task that throws is never run again: this one must go on with the next round.
            LOG.log(Level.WARNING, "message-waiting: the mailboxes' change marks could not be read", failed);
        }
    }

    private void catchUpNow() {
        Map<Extension, List<Subscription>> byMailbox = byDialog.values().stream()
                .collect(Collectors.groupingBy(s -> s.mailbox));
        byMailbox.forEach((mailbox, subscriptions) -> changes.lastMark(mailbox).ifPresent(mark -> {
            List<Subscription> behind = subscriptions.stream().filter(s -> !mark.equals(s.markTold)).toList();
            if (behind.isEmpty()) {
                return;
            }
            // Marked before the state is read: a change meanwhile moves the mark again, and the next round tells it.
            behind.forEach(s -> s.markTold = mark);
            try {
                workers.execute(() -> {
                    try {
                        MailboxSummary summary = summaries.apply(mailbox);
                        behind.stream().filter(s -> !notify(s, summary, sip.now())).forEach(s -> s.markTold = "");
                    } catch (RuntimeException unread) {
                        LOG.log(Level.WARNING, "message-waiting: the state of mailbox " + mailbox + " could not be read", unread);
                        behind.forEach(s -> s.markTold = "");
                    }
                });
            } catch (RejectedExecutionException busy) {
                behind.forEach(s -> s.markTold = "");
            }
        }));
    }

    /**
     * A NOTIFY with the mailbox's state (RFC 3842 §5.2); {@code terminated} once the subscription has
     * run out, as the last NOTIFY of an unsubscribe is (RFC 6665 §4.2.1.4). False when it could not be sent.
     */
    boolean notify(Subscription subscription, MailboxSummary summary, Instant now) {
        try {
            long left = Duration.between(now, subscription.expires()).toSeconds();
            Request notify = sip.messages().createRequest(subscription.contact, Request.NOTIFY,
                    sip.headers().createCallIdHeader(subscription.callId),
                    sip.headers().createCSeqHeader(subscription.nextCseq(), Request.NOTIFY),
                    sip.headers().createFromHeader(subscription.us, subscription.ourTag),
                    sip.headers().createToHeader(subscription.phone, subscription.phoneTag),
                    List.of(sip.via(subscription.transport)), sip.headers().createMaxForwardsHeader(70));
            notify.addHeader(sip.contact(subscription.transport));
            notify.addHeader(sip.headers().createEventHeader(EVENT));
            notify.addHeader(sip.headers().createSubscriptionStateHeader(left > 0 ? "active;expires=" + left
                    : "terminated;reason=timeout"));
            notify.setContent(body(subscription.mailbox, summary),
                    sip.headers().createContentTypeHeader("application", CONTENT_SUBTYPE));
            ClientTransaction transaction = sip.provider().getNewClientTransaction(notify);
            transaction.setApplicationData(subscription);
            transaction.sendRequest();
            return true;
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException failed) {
            LOG.log(Level.INFO, "message-waiting NOTIFY to " + subscription.contact + " not sent", failed);
            return false;
        }
    }

    String body(Extension mailbox, MailboxSummary summary) {
        return "Messages-Waiting: " + (summary.waiting() ? "yes" : "no") + "\r\n"
                + "Message-Account: sip:" + mailbox.digits() + "@" + sip.domain() + "\r\n"
                + "Voice-Message: " + summary.newMessages() + "/" + summary.oldMessages() + " (0/0)\r\n";
    }

    /** RFC 6665 §4.1.2.3/§4.2.2: a 481 or no answer to a NOTIFY ends the subscription. False when not ours. */
    boolean response(ResponseEvent event) {
        if (event.getClientTransaction() == null
                || !(event.getClientTransaction().getApplicationData() instanceof Subscription subscription)) {
            return false;
        }
        int status = event.getResponse().getStatusCode();
        if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            remove(subscription);
        }
        return true;
    }

    boolean timeout(TimeoutEvent event) {
        if (event.isServerTransaction() || event.getClientTransaction() == null
                || !(event.getClientTransaction().getApplicationData() instanceof Subscription subscription)) {
            return false;
        }
        remove(subscription);
        return true;
    }
}
