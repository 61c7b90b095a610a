package io.valise.age;

import java.util.Arrays;
import java.util.List;

/**
 * One recipient stanza of an age header (age.md, "Recipient stanza"): a non-empty list of
 * arguments, the first naming the recipient type, and a binary body.
 *
 * <p>Arguments are validated on construction (non-empty, visible ASCII only), so every {@code
 * Stanza} can be encoded into a header. Immutable: the body is copied in and out.
 */
public final class Stanza {
  private final List<String> args;
  private final byte[] body;

  /**
   * @param args the arguments; the first is the type, for example {@code X25519}
   * @param body the decoded body bytes (copied)
   * @throws IllegalArgumentException if there is no argument, or an argument is empty or holds a
   *     character outside VCHAR (0x21-0x7E)
   */
  public Stanza(List<String> args, byte[] body) {
    this.args = List.copyOf(args);
    this.body = body.clone();
    if (this.args.isEmpty()) {
      throw new IllegalArgumentException("Stanza has no arguments");
    }
    for (String a : this.args) {
      if (a.isEmpty()) {
        throw new IllegalArgumentException("Stanza argument is empty");
      }
      for (int i = 0; i < a.length(); i++) {
        char c = a.charAt(i);
        if (c < 0x21 || c > 0x7e) {
          throw new IllegalArgumentException(
              "Stanza argument character [0x%02x] outside VCHAR".formatted((int) c));
        }
      }
    }
  }

  /** The arguments, the type first. */
  public List<String> args() {
    return args;
  }

  /** The recipient type: the first argument. */
  public String type() {
    return args.get(0);
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** Body length, without copying. */
  public int bodyLength() {
    return body.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stanza s && args.equals(s.args) && Arrays.equals(body, s.body);
  }

  @Override
  public int hashCode() {
    return args.hashCode() * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "Stanza" + args + "[" + body.length + " bytes]";
  }
}
