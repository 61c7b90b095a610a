package io.valise.client.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.age.FileKey;
import io.valise.age.aead.AeadBackends;
import io.valise.age.stream.Payload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/**
 * An envelope's metadata, {@code {"name","type","size"}}, sealed as an age payload (its own random
 * nonce, STREAM chunks) under the envelope's file key: whoever can open the header, a share link's
 * included, can read it; the server cannot.
 *
 * @param name the file name as the sender had it (untrusted on the receiving side: see {@link
 *     FileNames#safe})
 * @param type a media type, {@code application/octet-stream} when unknown
 * @param size the plaintext size in bytes
 */
public record Metadata(String name, String type, long size) {
  /** The server refuses metadata over 8 KiB; the JSON is kept well under it. */
  public static final int MAX_JSON = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seals the JSON under {@code fileKey}. */
  public byte[] seal(FileKey fileKey, SecureRandom random) throws IOException {
    byte[] json =
        JSON.writeValueAsBytes(
            JSON.createObjectNode().put("name", name).put("type", type).put("size", size));
    if (json.length > MAX_JSON) {
      throw new IOException(
          "the file name is too long to be sent (" + name.length() + " characters)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 64);
    try (OutputStream enc = Payload.encryptingStream(out, fileKey, random, AeadBackends.best())) {
      enc.write(json);
    }
    return out.toByteArray();
  }

  /**
   * Opens sealed metadata.
   *
   * @throws io.valise.age.PayloadException if it was not sealed under {@code fileKey} or was
   *     altered
   * @throws IOException if the JSON inside is not metadata
   */
  public static Metadata open(byte[] sealed, FileKey fileKey) throws IOException {
    byte[] json;
    try (InputStream in =
        Payload.decryptingStream(new ByteArrayInputStream(sealed), fileKey, AeadBackends.best())) {
      json = in.readNBytes(MAX_JSON + 1);
      if (json.length > MAX_JSON) {
        throw new IOException("the envelope's metadata is too large");
      }
      if (in.read() != -1) {
        throw new IOException("the envelope's metadata is too large");
      }
    }
    JsonNode n = JSON.readTree(json);
    if (n == null || !n.path("name").isTextual()) {
      throw new IOException("the envelope's metadata holds no file name");
    }
    return new Metadata(
        n.get("name").asText(),
        n.path("type").asText("application/octet-stream"),
        n.path("size").asLong(-1));
  }
}
