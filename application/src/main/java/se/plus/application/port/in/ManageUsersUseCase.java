package se.plus.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

/** Users and their settings, as an admin manages them (and a user their own non-admin fields). */
public interface ManageUsersUseCase {

    /** @throws UserExistsException when the extension is taken */
    UserDetails create(NewUser user, Actor actor);

    /** @throws NoSuchUserException */
    UserDetails get(Extension extension);

    List<UserDetails> list();

    /** @throws NoSuchUserException */
    UserDetails change(Extension extension, UserChanges changes, Actor actor);

    /** @throws NoSuchUserException */
    void remove(Extension extension, Actor actor);

    record UserDetails(User user, Role role) {
    }

    record NewUser(Extension extension, String name, Optional<PhoneNumber> fixedNumber,
                   Optional<PhoneNumber> mobileNumber, char[] password, char[] sipPassword, Role role,
                   Optional<TransferMode> transferMode, Optional<Boolean> mobileFollowsFixed,
                   Optional<Integer> noAnswerDelaySeconds, Optional<Boolean> hideNumberOnExternalCalls,
                   Optional<Boolean> voicemailEnabled) {
        public NewUser {
            Objects.requireNonNull(extension, "extension");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(sipPassword, "sipPassword");
            Objects.requireNonNull(role, "role");
            if (name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("name: 1–200 characters");
            }
            if (password.length < 8 || sipPassword.length < 8) {
                throw new IllegalArgumentException("passwords: at least 8 characters");
            }
            noAnswerDelaySeconds.ifPresent(s -> {
                if (!User.isValidNoAnswerDelay(s)) {
                    throw new IllegalArgumentException("noAnswerDelaySeconds: 5–60");
                }
            });
        }
    }

    /** Each present field is changed; {@code adminFields} says whether any needs an admin. */
    record UserChanges(Optional<String> name, Optional<Optional<PhoneNumber>> fixedNumber,
                       Optional<Optional<PhoneNumber>> mobileNumber, Optional<char[]> password,
                       Optional<char[]> sipPassword, Optional<Role> role, Optional<TransferMode> transferMode,
                       Optional<Boolean> mobileFollowsFixed, Optional<Integer> noAnswerDelaySeconds,
                       Optional<Boolean> hideNumberOnExternalCalls, Optional<Boolean> voicemailEnabled) {
        public UserChanges {
            name.ifPresent(n -> {
                if (n.isBlank() || n.length() > 200) {
                    throw new IllegalArgumentException("name: 1–200 characters");
                }
            });
            password.ifPresent(p -> {
                if (p.length < 8) {
                    throw new IllegalArgumentException("password: at least 8 characters");
                }
            });
            sipPassword.ifPresent(p -> {
                if (p.length < 8) {
                    throw new IllegalArgumentException("sipPassword: at least 8 characters");
                }
            });
            noAnswerDelaySeconds.ifPresent(s -> {
                if (!User.isValidNoAnswerDelay(s)) {
                    throw new IllegalArgumentException("noAnswerDelaySeconds: 5–60");
                }
            });
        }

        /** Fields only an admin may change: the number plan, role, transfer mode, hidden number. */
        public boolean touchesAdminFields() {
            return fixedNumber.isPresent() || mobileNumber.isPresent() || role.isPresent()
                    || transferMode.isPresent() || hideNumberOnExternalCalls.isPresent();
        }
    }

    class UserExistsException extends RuntimeException {
        public UserExistsException(Extension extension) {
            super("extension " + extension + " is taken");
        }
    }
}
