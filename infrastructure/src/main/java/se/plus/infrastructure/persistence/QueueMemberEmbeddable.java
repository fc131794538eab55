package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

@Embeddable
class QueueMemberEmbeddable {

    String extension;
    @Column(name = "logged_in")
    boolean loggedIn;

    QueueMemberEmbeddable() {
    }

    QueueMemberEmbeddable(String extension, boolean loggedIn) {
        this.extension = extension;
        this.loggedIn = loggedIn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueMemberEmbeddable && Objects.equals(extension, ((QueueMemberEmbeddable) o).extension)
                && loggedIn == ((QueueMemberEmbeddable) o).loggedIn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(extension, loggedIn);
    }
}
