package se.plus.domain.outcome;

/**
 * Why a code was refused (plus-services.md, "Outcomes"). Each has the announcement a caller hears, in
 * Swedish and English; adapters map the code to a SIP status, an HTTP problem or a JMS error reply.
 */
public enum OutcomeCode {
    SERVICE_NOT_ACTIVE("Tjänsten är inte aktiv", "The service is not active"),
    INVALID_CODE("Ogiltig kod", "Invalid code"),
    INVALID_TIME("Ogiltig tid", "Invalid time"),
    UNKNOWN_NUMBER("Okänt nummer", "Unknown number"),
    NOT_ALLOWED("Inte tillåtet", "Not allowed");

    private final Message message;

    OutcomeCode(String swedish, String english) {
        this.message = new Message(swedish, english);
    }

    public Message message() {
        return message;
    }
}
