package io.valise.core.keydir;

import io.valise.age.Recipient;
import io.valise.age.keys.AgeKeys;
import io.valise.age.pq.MlKem768X25519Recipient;
import io.valise.age.x25519.X25519Recipient;

/** The types of age recipient an account may publish. */
public enum KeyKind {
  /** {@code age1...}: classical X25519. */
  X25519,
  /** {@code age1pq1...}: the post-quantum hybrid ML-KEM-768 + X25519. */
  MLKEM768X25519;

  /**
   * Parses a recipient string with the age module and says which kind it is.
   *
   * @throws IllegalArgumentException if it is not a well-formed X25519 or ML-KEM-768 + X25519
   *     recipient
   */
  public static KeyKind of(String recipient) {
    return of(AgeKeys.parseRecipient(recipient));
  }

  /** The canonical text form of a recipient string, as its parser re-encodes it. */
  static String canonical(String recipient) {
    return switch (AgeKeys.parseRecipient(recipient)) {
      case X25519Recipient r -> r.encode();
      case MlKem768X25519Recipient r -> r.encode();
      case Recipient r -> r.toString();
    };
  }

  private static KeyKind of(Recipient parsed) {
    return switch (parsed) {
      case X25519Recipient r -> X25519;
      case MlKem768X25519Recipient r -> MLKEM768X25519;
      default ->
          throw new IllegalArgumentException(
              "Recipient type [%s] cannot be published"
                  .formatted(parsed.getClass().getSimpleName()));
    };
  }
}
