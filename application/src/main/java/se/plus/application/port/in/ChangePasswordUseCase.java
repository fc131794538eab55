package se.plus.application.port.in;

/**
 * A REST login's password, set anew: the way to change the first administrator's, which is taken from
 * configuration only at the first start.
 */
public interface ChangePasswordUseCase {

    /** {@code false} when there is no such login. */
    boolean change(ChangePassword command);

    /** @param actor who asks: the login's owner or an administrator (the adapter checks which). */
    record ChangePassword(String username, char[] newPassword, Actor actor) {
        public ChangePassword {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("a login name is needed");
            }
            if (newPassword == null || new String(newPassword).isBlank()) {
                throw new IllegalArgumentException("the new password must not be empty");
            }
        }
    }
}
