package io.valise.lab.manifest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a manifest says about one transmission, apart from the people (read those one at a time with
 * {@link ManifestReader}).
 *
 * @param profile the profile sent
 * @param createdAt when the send started
 * @param input the input file's name (without its directory)
 * @param envelopes one entry per recipient group
 * @param records records read from the input
 * @param rejected records not sent because they were invalid
 */
public record Manifest(
    String profile,
    Instant createdAt,
    String input,
    List<Envelope> envelopes,
    long records,
    long rejected) {
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  public Manifest {
    envelopes = List.copyOf(envelopes);
  }

  /**
   * One data envelope.
   *
   * @param group the recipient group
   * @param output the profile output it came from
   * @param id the envelope id, or null when its upload failed (its people were not sent)
   * @param records how many records (people lines) it holds
   * @param categories the data categories of its fields ({@code identity}, {@code nir}, {@code
   *     contact}, {@code health_result}, {@code professional})
   * @param expiresAt when the server purges it, or null when not sent
   */
  public record Envelope(
      String group,
      String output,
      @Nullable String id,
      long records,
      List<String> categories,
      @Nullable Instant expiresAt) {
    public Envelope {
      categories = List.copyOf(categories);
    }
  }

  /** A person line: the group whose envelope holds the person's record, and the keyed hashes. */
  public record Person(String group, PersonHashes hashes) {}
}
