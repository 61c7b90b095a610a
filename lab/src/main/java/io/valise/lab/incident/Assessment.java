package io.valise.lab.incident;

import java.util.List;

/**
 * The envelope-level result of an assessment.
 *
 * @param window the incident window
 * @param compromise what was compromised
 * @param envelopes the exposed envelopes, most serious first, then by id
 * @param notes limits and warnings the reader of the report must see (an account never seen in the
 *     log, a node whose entries do not say which uploads it received...)
 * @param entries how many entries were read
 * @param stored envelopes on the server at some time in the window (exposed or not)
 */
public record Assessment(
    Window window,
    Compromise compromise,
    List<ExposedEnvelope> envelopes,
    List<String> notes,
    long entries,
    long stored) {
  /** Copies the lists. */
  public Assessment {
    envelopes = List.copyOf(envelopes);
    notes = List.copyOf(notes);
  }

  /** How many envelopes have exactly this exposure. */
  public long count(Exposure e) {
    return envelopes.stream().filter(x -> x.exposure() == e).count();
  }
}
