package kr.dure.auth;

/** What it takes to create a user; the password is hashed before it reaches the database. */
public record NewUser(String email, String name, Role role, long organisationId, String locale, String password) {
}
