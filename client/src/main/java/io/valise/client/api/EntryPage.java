package io.valise.client.api;

import java.util.List;

/**
 * Consecutive log entries as served: {@code entries.get(i)} claims to be entry {@code start + i}.
 */
public record EntryPage(long start, List<LogEntry> entries) {
  public EntryPage {
    entries = List.copyOf(entries);
  }
}
