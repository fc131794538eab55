package se.plus.infrastructure.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The row of a user; {@link UserMapper} translates it to and from the domain's {@code User}. */
@Entity
@Table(name = "users")
class UserEntity {

    @Id
    String extension;
    String name;
    @Column(name = "fixed_number")
    String fixedNumber;
    @Column(name = "mobile_number")
    String mobileNumber;
    @Column(name = "forward_unconditional")
    String forwardUnconditional;
    @Column(name = "forward_no_answer")
    String forwardNoAnswer;
    @Column(name = "forward_busy")
    String forwardBusy;
    @Column(name = "no_answer_delay_seconds")
    int noAnswerDelaySeconds;
    @Column(name = "active_profile")
    int activeProfile;
    @Column(name = "active_profile_until")
    Instant activeProfileUntil;
    @Column(name = "transfer_mode")
    String transferMode;
    @Column(name = "call_waiting")
    boolean callWaiting;
    @Column(name = "hide_number_external")
    boolean hideNumberOnExternalCalls;
    @Column(name = "mobile_follows_fixed")
    boolean mobileFollowsFixed;

    @Column(name = "voicemail_enabled")
    boolean voicemailEnabled;
    @Column(name = "sip_realm")
    String sipRealm;
    @Column(name = "sip_ha1_md5")
    String sipHa1Md5;
    @Column(name = "sip_ha1_sha256")
    String sipHa1Sha256;
    @Version
    long version;

    // Eager so that em.find loads a user with their profiles in one joined select, and a use case
    // that looks the same user up again in its transaction gets it from the persistence context.
    @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("number")
    List<ProfileEntity> profiles = new ArrayList<>();
}
