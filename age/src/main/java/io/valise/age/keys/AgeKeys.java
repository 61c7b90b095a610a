package io.valise.age.keys;

import io.valise.age.Identity;
import io.valise.age.Recipient;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.pq.MlKem768X25519Recipient;
import io.valise.age.x25519.X25519Identity;
import io.valise.age.x25519.X25519Recipient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the text forms of keys into {@link Recipient}s and {@link Identity}s, choosing the type
 * from the Bech32 prefix, and reads the line-based files the age tool uses.
 */
public final class AgeKeys {
  private AgeKeys() {}

  /**
   * Parses a recipient: {@code age1pq1...} (post-quantum) or {@code age1...} (X25519).
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Recipient parseRecipient(String text) {
    String t = text.strip();
    if (t.startsWith("age1pq1")) {
      return MlKem768X25519Recipient.parse(t);
    }
    if (t.startsWith("age1")) {
      return X25519Recipient.parse(t);
    }
    if (t.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-")) {
      throw new IllegalArgumentException(
          "This is a secret key, not a recipient: give its public key (valise keygen -y FILE)");
    }
    if (t.startsWith("ssh-")) {
      throw new IllegalArgumentException("SSH keys are not supported as recipients");
    }
    throw new IllegalArgumentException(
        "Unknown recipient type: expected age1... or age1pq1..., got [%s]".formatted(preview(t)));
  }

  /**
   * Parses an identity: {@code AGE-SECRET-KEY-PQ-1...} or {@code AGE-SECRET-KEY-1...}.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing key material)
   */
  public static Identity parseIdentity(String text) {
    String t = text.strip();
    String upper = t.toUpperCase(Locale.ROOT);
    if (upper.startsWith("AGE-SECRET-KEY-PQ-1")) {
      return MlKem768X25519Identity.parse(t);
    }
    if (upper.startsWith("AGE-SECRET-KEY-1")) {
      return X25519Identity.parse(t);
    }
    throw new IllegalArgumentException("Unknown identity type: expected AGE-SECRET-KEY-...");
  }

  /**
   * Reads an identity file: one identity a line, blank lines and {@code #} comments ignored.
   *
   * @param source a name for messages, such as the file path
   * @throws IllegalArgumentException naming the source and line of the first bad entry, or if there
   *     is no identity at all
   */
  public static List<Identity> parseIdentityFile(List<String> lines, String source) {
    List<Identity> ids = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        ids.add(parseIdentity(l));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "%s, line %d: %s".formatted(source, i + 1, e.getMessage()), e);
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(source + ": no identities found");
    }
    return ids;
  }

  /**
   * Reads a recipients file: one recipient a line, blank lines and {@code #} comments ignored.
   *
   * @throws IllegalArgumentException naming the source and line of the first bad entry, or if there
   *     is no recipient at all
   */
  public static List<Recipient> parseRecipientsFile(List<String> lines, String source) {
    List<Recipient> rs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        rs.add(parseRecipient(l));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "%s, line %d: %s".formatted(source, i + 1, e.getMessage()), e);
      }
    }
    if (rs.isEmpty()) {
      throw new IllegalArgumentException(source + ": no recipients found");
    }
    return rs;
  }

  /** At most the first 12 characters: enough to recognise a mistake, never a whole key. */
  private static String preview(String t) {
    return t.length() > 12 ? t.substring(0, 12) + "..." : t;
  }
}
