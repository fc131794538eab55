package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "accounts")
class AccountEntity {

    @Id
    String username;
    @Column(name = "password_hash")
    String passwordHash;
    String role;
    String extension;
}
