package io.valise.age;

import java.util.List;
import java.util.Optional;

/** Something that can unwrap the file key from the stanzas addressed to it. */
public interface Identity {
  /**
   * Looks through {@code stanzas} for one addressed to this identity and unwraps the file key.
   *
   * @return the file key, or empty when no stanza is for this identity
   * @throws HeaderException if a stanza of this identity's type is malformed, or the stanza set
   *     breaks a rule of this type (an scrypt stanza that is not alone)
   */
  Optional<FileKey> unwrap(List<Stanza> stanzas) throws HeaderException;
}
