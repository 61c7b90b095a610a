package io.valise.client.keys;

import io.valise.age.Header;
import io.valise.age.Recipient;
import io.valise.age.Stanza;
import io.valise.age.keys.AgeKeys;

/**
 * Post-quantum ({@code age1pq1...}, mlkem768x25519) or classical ({@code age1...}, X25519). age
 * forbids mixing them in one file, since the file would be only as strong as its weakest stanza, so
 * every envelope is of one kind.
 */
public enum KeyKind {
  POST_QUANTUM("post-quantum"),
  CLASSICAL("classical");

  private static final String POST_QUANTUM_STANZA = "mlkem768x25519";

  private final String words;

  KeyKind(String words) {
    this.words = words;
  }

  /** The kind of a recipient string. */
  public static KeyKind of(String recipient) {
    return of(AgeKeys.parseRecipient(recipient));
  }

  /** The kind of a parsed recipient. */
  public static KeyKind of(Recipient recipient) {
    return recipient.labels().contains("postquantum") ? POST_QUANTUM : CLASSICAL;
  }

  /** The kind of an existing file: post-quantum when any stanza is. */
  public static KeyKind of(Header header) {
    for (Stanza s : header.stanzas()) {
      if (s.type().equals(POST_QUANTUM_STANZA)) {
        return POST_QUANTUM;
      }
    }
    return CLASSICAL;
  }

  /** "post-quantum" or "classical", for messages. */
  public String words() {
    return words;
  }
}
