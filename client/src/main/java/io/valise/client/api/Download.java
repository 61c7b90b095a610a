package io.valise.client.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** A streamed age file (header then payload); close it to release the connection. */
public record Download(InputStream body, OptionalLong length) implements Closeable {
  @Override
  public void close() throws IOException {
    body.close();
  }
}
