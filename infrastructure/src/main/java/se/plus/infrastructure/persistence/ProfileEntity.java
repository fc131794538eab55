package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "profiles")
@IdClass(ProfileEntity.Key.class)
class ProfileEntity {

    @Id
    @ManyToOne
    @JoinColumn(name = "extension")
    UserEntity user;
    @Id
    int number;
    String name;
    String handling;
    @Column(name = "forward_to")
    String forwardTo;
    @Column(name = "referral_message")
    String referralMessage;
    @Column(name = "default_duration_seconds")
    Long defaultDurationSeconds;

    static class Key implements Serializable {
        String user;
        int number;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Objects.equals(user, ((Key) o).user) && number == ((Key) o).number;
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, number);
        }
    }
}
