package se.plus.application.port.out;

import java.util.Optional;
import se.plus.domain.number.Extension;

/**
 * That a user's mailbox changed, kept where every server of a cluster sees it. A phone subscribes to its
 * message-waiting state through one server, while a message may be left, heard or deleted through
 * another: each server compares the marks of the mailboxes its phones watch with the ones it last told
 * them about, and tells them again when a mark moved.
 */
public interface MailboxChanges {

    /** Records that the mailbox changed (after its change committed); returns the new mark. */
    String mark(Extension mailbox);

    /** The mailbox's latest mark; empty when it never changed. */
    Optional<String> lastMark(Extension mailbox);
}
