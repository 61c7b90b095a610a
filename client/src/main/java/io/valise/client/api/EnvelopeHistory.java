package io.valise.client.api;

import java.util.List;

/**
 * Every sequenced audit entry about one envelope, in log order, and the tree size {@code size} they
 * all lie below (unverified: the client proves each entry's inclusion).
 */
public record EnvelopeHistory(String envelope, long size, List<LoggedEntry> entries) {
  public EnvelopeHistory {
    entries = List.copyOf(entries);
  }
}
