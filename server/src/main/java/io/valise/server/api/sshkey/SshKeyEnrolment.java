package io.valise.server.api.sshkey;

import io.valise.core.account.Account;
import io.valise.core.audit.AuditEvent;
import io.valise.core.id.SshKeyId;
import io.valise.core.sshkey.SshKey;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.core.sshkey.SshPublicKey;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.Transactions;
import io.valise.server.audit.Audit;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Adds and removes an account's SSH keys with their audit entries ({@code sshkey.add}, {@code
 * sshkey.remove}), each in one transaction. Shared by the HTTP routes and the local admin command,
 * so both apply the same rules: a key {@link SshPublicKey#parse} accepts, a printable comment, at
 * most {@link #MAX_KEYS_PER_ACCOUNT} keys per account, a fingerprint registered once across all
 * accounts.
 */
public final class SshKeyEnrolment {
  /** The most keys one account may register. */
  public static final int MAX_KEYS_PER_ACCOUNT = 20;

  /** Control and format characters (bidi overrides among them) cannot be in a comment. */
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");

  private final SshKeyRepository keys;
  private final Transactions transactions;
  private final Audit audit;
  private final Clock clock;
  private final SecureRandom random;

  public SshKeyEnrolment(
      SshKeyRepository keys,
      Transactions transactions,
      Audit audit,
      Clock clock,
      SecureRandom random) {
    this.keys = keys;
    this.transactions = transactions;
    this.audit = audit;
    this.clock = clock;
    this.random = random;
  }

  /** Why an enrolment was refused: a stable code and a message safe to show the caller. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
      /** The text is not a public key the gateway accepts. */
      BAD_KEY,
      /** The comment is too long or not printable. */
      BAD_COMMENT,
      /** The fingerprint is registered already, by this account or another. */
      TAKEN,
      /** The account has {@link #MAX_KEYS_PER_ACCOUNT} keys. */
      TOO_MANY
    }

    private final Reason reason;

    Refused(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /**
   * Registers a key for {@code account} and appends {@code event} (built by the caller with who did
   * it) with the key's fields, in one transaction.
   *
   * @param line one line of a {@code .pub} file
   * @param comment the name to give the key; null or blank: the comment on the line
   * @throws Refused if the key, the comment, or the account's key count does not allow it
   */
  public SshKey add(
      Account account, String line, @Nullable String comment, AuditEvent.Builder event) {
    SshPublicKey.Line parsed;
    try {
      parsed = SshPublicKey.parse(line);
    } catch (IllegalArgumentException e) {
      throw new Refused(Refused.Reason.BAD_KEY, String.valueOf(e.getMessage()));
    }
    String name =
        comment == null || comment.isBlank() ? parsed.comment() : checkComment(comment.strip());
    SshKey key =
        new SshKey(
            SshKeyId.random(random),
            account.id(),
            parsed.key(),
            name,
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
    try {
      transactions.inTransaction(
          () -> {
            // Checked in the adding transaction; concurrent adds may pass it together, so the
            // limit is a guard against runaway scripts, not an exact quota.
            if (keys.of(account.id()).size() >= MAX_KEYS_PER_ACCOUNT) {
              throw new Refused(
                  Refused.Reason.TOO_MANY,
                  "The account [%s] has %d SSH keys, the most allowed; remove one first"
                      .formatted(account.name(), MAX_KEYS_PER_ACCOUNT));
            }
            keys.add(key);
            return audit.append(fields(event, account, key));
          });
    } catch (ConflictException e) {
      // The store's unique fingerprint decides, so two concurrent adds cannot both succeed.
      throw new Refused(
          Refused.Reason.TAKEN,
          "The SSH key " + key.fingerprint() + " is already registered to an account");
    }
    return key;
  }

  /**
   * Removes one of {@code account}'s keys and appends {@code event} with its fields, in one
   * transaction.
   *
   * @return the removed key; empty if the account has no key with this id (nothing recorded)
   */
  public Optional<SshKey> remove(Account account, SshKeyId id, AuditEvent.Builder event) {
    return transactions.inTransaction(
        () -> {
          Optional<SshKey> key =
              keys.of(account.id()).stream().filter(k -> k.id().equals(id)).findFirst();
          if (key.isEmpty() || !keys.remove(account.id(), id)) {
            return Optional.<SshKey>empty();
          }
          var unused = audit.append(fields(event, account, key.get()));
          return key;
        });
  }

  /**
   * A comment given at registration, stripped.
   *
   * @throws Refused if it is longer than {@link SshPublicKey#MAX_COMMENT} or has control characters
   */
  static String checkComment(String comment) {
    if (comment.length() > SshPublicKey.MAX_COMMENT) {
      throw new Refused(
          Refused.Reason.BAD_COMMENT,
          "A comment is at most " + SshPublicKey.MAX_COMMENT + " characters");
    }
    if (UNPRINTABLE.matcher(comment).find()) {
      throw new Refused(
          Refused.Reason.BAD_COMMENT, "A comment cannot hold control or formatting characters");
    }
    return comment;
  }

  private static AuditEvent.Builder fields(AuditEvent.Builder e, Account account, SshKey key) {
    return e.put("account", account.id().text())
        .put("accountName", account.name())
        .put("key", key.id().text())
        .put("fingerprint", key.fingerprint())
        .put("algorithm", key.publicKey().algorithm());
  }
}
