package se.plus.domain.user;

/** The three plus-service forwardings (vidarekoppling: direkt, fördröjd, vid upptaget). */
public enum ForwardingKind {
    /** Every incoming direct call goes to the target. Code 21. */
    UNCONDITIONAL("21", "FORWARDING_UNCONDITIONAL", "Direkt vidarekoppling", "Unconditional forwarding"),
    /** The call rings the user first and goes to the target after the no-answer delay. Code 61. */
    NO_ANSWER("61", "FORWARDING_NO_ANSWER", "Fördröjd vidarekoppling", "Forwarding on no answer"),
    /** A call arriving while the user is busy goes to the target. Code 67. */
    BUSY("67", "FORWARDING_BUSY", "Vidarekoppling vid upptaget", "Forwarding on busy");

    private final String code;
    private final String service;
    private final String swedishName;
    private final String englishName;

    ForwardingKind(String code, String service, String swedishName, String englishName) {
        this.code = code;
        this.service = service;
        this.swedishName = swedishName;
        this.englishName = englishName;
    }

    /** The two digits of its codes ({@code *21*<n>}, {@code #21}, {@code *#21#}). */
    public String code() {
        return code;
    }

    /** The stable service name adapters report. */
    public String service() {
        return service;
    }

    public String swedishName() {
        return swedishName;
    }

    public String englishName() {
        return englishName;
    }
}
