package io.valise.core.account;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An account as stored.
 *
 * @param name unique, {@code [a-z0-9._-]{1,64}}
 * @param passwordHash an encoded password hash (opaque here, for example an argon2id PHC string),
 *     or null for an account that cannot log in with a password
 * @param totpSecret the TOTP secret encrypted under a per-installation key, or null if none is
 *     enrolled; never the secret in clear
 * @param disabledAt when the account was disabled, or null while it is active
 */
public record Account(
    AccountId id,
    String name,
    AccountKind kind,
    boolean admin,
    @Nullable String passwordHash,
    @Nullable OpaqueBytes totpSecret,
    Instant createdAt,
    @Nullable Instant disabledAt) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");
  static final int MAX_HASH_LENGTH = 512;
  static final int MAX_TOTP_LENGTH = 1024;

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public Account {
    checkName(name);
    if (passwordHash != null
        && (passwordHash.isBlank() || passwordHash.length() > MAX_HASH_LENGTH)) {
      throw new IllegalArgumentException(
          "Password hash of account [%s] is blank or longer than [%d] characters"
              .formatted(name, MAX_HASH_LENGTH));
    }
    if (totpSecret != null && (totpSecret.length() == 0 || totpSecret.length() > MAX_TOTP_LENGTH)) {
      throw new IllegalArgumentException(
          "TOTP secret of account [%s] has length [%d], expected 1 to [%d]"
              .formatted(name, totpSecret.length(), MAX_TOTP_LENGTH));
    }
    if (disabledAt != null && disabledAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "Account [%s] disabled at [%s], before it was created at [%s]"
              .formatted(name, disabledAt, createdAt));
    }
  }

  /** A new, active account with no second factor. */
  public static Account create(
      AccountId id,
      String name,
      AccountKind kind,
      boolean admin,
      @Nullable String passwordHash,
      Instant createdAt) {
    return new Account(id, name, kind, admin, passwordHash, null, createdAt, null);
  }

  /** Whether the account may act: it is not disabled. */
  public boolean active() {
    return disabledAt == null;
  }

  /**
   * Checks an account name.
   *
   * @throws IllegalArgumentException naming the bad name
   */
  public static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Account name [%s] must be 1 to 64 characters of [a-z0-9._-]"
              .formatted(name.length() > 80 ? name.substring(0, 80) + "..." : name));
    }
    return name;
  }
}
