package io.valise.lab.manifest;

import java.io.IOException;

/** A manifest that does not read: not JSON lines as documented, or inconsistent. */
public final class ManifestException extends IOException {
  private static final long serialVersionUID = 1L;

  public ManifestException(long line, String message) {
    super("manifest line " + line + ": " + message);
  }
}
