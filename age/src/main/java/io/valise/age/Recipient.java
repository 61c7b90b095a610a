package io.valise.age;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * Something a file key can be wrapped to: one or more stanzas that only the matching {@link
 * Identity} can open.
 */
public interface Recipient {
  /**
   * Wraps {@code fileKey} into stanzas, drawing any ephemeral material from {@code random}.
   *
   * @throws AgeException if wrapping fails (for example a recipient key the platform rejects)
   */
  List<Stanza> wrap(FileKey fileKey, SecureRandom random) throws AgeException;

  /**
   * Labels that constrain which recipients may share a header: every recipient of one file must
   * have the same set. A post-quantum recipient has {@code {"postquantum"}}, so a file is never
   * encrypted to both post-quantum and classical recipients (age.md recommends against it); a
   * passphrase recipient has a label of its own, so it is always alone (age.md requires it).
   */
  default Set<String> labels() {
    return Set.of();
  }
}
