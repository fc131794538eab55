package se.plus.infrastructure.voicemail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "voicemail_messages")
class VoicemailMessageEntity {

    @Id
    String id;
    String mailbox;
    /** The caller's number; null when withheld or unknown. */
    String caller;
    @Column(name = "left_at")
    Instant at;
    int seconds;
    boolean heard;
}
