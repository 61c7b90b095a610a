package io.valise.client.audit;

import io.valise.client.api.AuditApi;
import io.valise.client.api.EntryPage;
import io.valise.tlog.merkle.Hash;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a verifier asks the server for; {@link #of} answers over HTTP. */
public interface LogSource {
  /** The latest signed checkpoint note; with {@code witness}, the latest that witness cosigned. */
  byte[] checkpoint(@Nullable String witness) throws IOException;

  List<Hash> consistencyProof(long from, long to) throws IOException;

  List<Hash> inclusionProof(long index, long size) throws IOException;

  /** Entries from {@code start} up to {@code end - 1}, at most a page. */
  EntryPage entries(long start, long end) throws IOException;

  /** The routes of {@code api}. */
  static LogSource of(AuditApi api) {
    return new LogSource() {
      @Override
      public byte[] checkpoint(@Nullable String witness) throws IOException {
        return api.checkpoint(witness);
      }

      @Override
      public List<Hash> consistencyProof(long from, long to) throws IOException {
        return api.consistencyProof(from, to);
      }

      @Override
      public List<Hash> inclusionProof(long index, long size) throws IOException {
        return api.inclusionProof(index, size);
      }

      @Override
      public EntryPage entries(long start, long end) throws IOException {
        return api.entries(start, end);
      }
    };
  }
}
