package se.plus.domain.user;

/** How {@code #<n>} transfers a call; an admin sets it (Users > Other settings > Call transfer). */
public enum TransferMode {
    /** Aviserad: the user first talks to the target, then hangs up to complete; {@code *} takes back. */
    ANNOUNCED,
    /** Direkt: the caller is connected to the target at once. */
    DIRECT,
    /** Inga: calls are not transferred. */
    NONE
}
