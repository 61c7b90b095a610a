package io.valise.lab.incident;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * What the data protection officer's manifests say about each envelope: its group, its data
 * categories, and the keyed hashes of the people in it. The assessment asks only through this
 * interface, so it does not depend on how manifests are stored or opened (the manifest reader of
 * {@code valise lab send} implements it).
 */
public interface ManifestPeople {
  /** One envelope as a manifest describes it. */
  record Envelope(String id, String group, Set<String> categories, long records) {
    /** Copies the categories. */
    public Envelope {
      categories = Set.copyOf(categories);
    }
  }

  /** Receives the people of an envelope one at a time. */
  @FunctionalInterface
  interface PersonSink {
    /**
     * One person line of the envelope.
     *
     * @param nirHash the keyed hash of the normalised NIR, lower-case hex; empty if the record had
     *     none
     * @param nameHash the keyed hash of the normalised name and birth date, lower-case hex
     */
    void person(String nirHash, String nameHash) throws IOException;
  }

  /** The manifest's description of envelope {@code id}, empty if no manifest names it. */
  Optional<Envelope> envelope(String id) throws IOException;

  /** Hands every person line of envelope {@code id} to {@code sink}, in manifest order. */
  void people(String id, PersonSink sink) throws IOException;

  /** Receives the people of several envelopes, each with the id of its envelope. */
  @FunctionalInterface
  interface EnvelopePersonSink {
    /** One person line of envelope {@code id}; the hashes are as in {@link PersonSink}. */
    void person(String id, String nirHash, String nameHash) throws IOException;
  }

  /**
   * Hands every person line of the envelopes {@code ids} to {@code sink}, in manifest order within
   * each envelope; lines of different envelopes may come in any order. Implementations whose
   * envelopes share a file read it once for all of them: an incident over a day's transmission asks
   * for every envelope of one manifest. This default asks {@link #people(String, PersonSink)} for
   * each envelope in turn.
   */
  default void people(Set<String> ids, EnvelopePersonSink sink) throws IOException {
    for (String id : ids) {
      people(id, (nir, name) -> sink.person(id, nir, name));
    }
  }
}
