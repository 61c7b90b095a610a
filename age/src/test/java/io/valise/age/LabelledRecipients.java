package io.valise.age;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/** Recipients that exist only to exercise the label rules of {@link Header#seal}. */
final class LabelledRecipients {
  private LabelledRecipients() {}

  /**
   * Labelled post-quantum like an {@code mlkem768x25519} recipient; its stanza is a placeholder
   * that no identity opens.
   */
  static Recipient postQuantum() {
    return new Recipient() {
      @Override
      public List<Stanza> wrap(FileKey fileKey, SecureRandom random) {
        return List.of(new Stanza(List.of("test-postquantum"), new byte[32]));
      }

      @Override
      public Set<String> labels() {
        return Set.of("postquantum");
      }
    };
  }
}
