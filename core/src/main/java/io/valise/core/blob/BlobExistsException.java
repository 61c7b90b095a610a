package io.valise.core.blob;

import io.valise.core.id.BlobId;
import java.io.IOException;

/** A blob with this id is already committed; blobs are never overwritten. */
public final class BlobExistsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** For the id already taken. */
  public BlobExistsException(BlobId id) {
    super("Blob [%s] already exists".formatted(id));
  }
}
