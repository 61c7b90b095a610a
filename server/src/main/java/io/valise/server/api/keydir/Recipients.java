package io.valise.server.api.keydir;

import io.valise.age.keys.AgeKeys;
import io.valise.age.pq.MlKem768X25519Recipient;
import io.valise.age.x25519.X25519Recipient;
import io.valise.server.http.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what a client sent into the canonical recipient string the key directory stores. */
final class Recipients {
  /** Bracketed parts of parser messages, which may quote pieces of the input. */
  private static final Pattern QUOTED = Pattern.compile("\\[([^\\]]*)\\]");

  private static final int PREVIEW = 12;

  private Recipients() {}

  /**
   * The canonical form of {@code text}, re-encoded by its parser, so that two spellings of one key
   * (case, spaces) cannot be published as two keys.
   *
   * @throws ApiException.BadRequest {@code bad_recipient} naming the problem
   */
  static String canonical(String text) {
    try {
      return switch (AgeKeys.parseRecipient(text)) {
        case X25519Recipient r -> r.encode();
        case MlKem768X25519Recipient r -> r.encode();
        default -> throw new IllegalArgumentException("Only age1... and age1pq1... are published");
      };
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest(
          "bad_recipient", "Not a valid age recipient: " + shortened(e.getMessage() + ""));
    }
  }

  /**
   * Cuts every bracketed quote in a parser message to a prefix: a mistyped key is still key
   * material and must not come back whole in a response or a proxy's log.
   */
  static String shortened(String message) {
    Matcher m = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String q = m.group(1);
      String cut = q.length() > PREVIEW ? q.substring(0, PREVIEW) + "..." : q;
      m.appendReplacement(out, Matcher.quoteReplacement("[" + cut + "]"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
