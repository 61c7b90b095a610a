package io.valise.core.blob;

import io.valise.core.id.BlobId;
import java.io.IOException;

/** There is no committed blob with the id asked for. */
public final class BlobNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  /** For the missing {@code id}. */
  public BlobNotFoundException(BlobId id) {
    super("No blob [%s]".formatted(id));
  }
}
