package se.plus.domain.user;

/** What a profile does with an incoming call. */
public enum ProfileHandling {
    /** Calls ring the user as usual; the user's forwardings apply. */
    RING,
    /** Calls go to the profile's target number. */
    FORWARD,
    /** Calls go to the user's voicemail. */
    VOICEMAIL,
    /** Calls are barred; the caller hears the profile's referral message (hänvisning). */
    BARRED
}
