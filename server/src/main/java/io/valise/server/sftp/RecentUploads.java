package io.valise.server.sftp;

import io.valise.core.id.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The names of files each account uploaded through this node in the last hour, in memory only: SFTP
 * clients check what they wrote (rclone and lftp stat the file, list the folder, or rename a
 * temporary name), often on another connection. The store never holds these names, and they are
 * gone at restart or after {@link #KEEP}.
 */
final class RecentUploads {
  static final Duration KEEP = Duration.ofHours(1);
  static final int PER_ACCOUNT = 1000;

  /** What a client checking its upload sees: size and time. */
  record Uploaded(long size, Instant at) {}

  private final Map<AccountId, LinkedHashMap<String, Uploaded>> byAccount = new HashMap<>();

  synchronized void put(AccountId account, String path, Uploaded u) {
    LinkedHashMap<String, Uploaded> m =
        byAccount.computeIfAbsent(account, k -> new LinkedHashMap<>());
    m.remove(path);
    m.put(path, u);
    while (m.size() > PER_ACCOUNT) {
      m.pollFirstEntry();
    }
  }

  synchronized @Nullable Uploaded get(AccountId account, String path, Instant now) {
    Map<String, Uploaded> m = fresh(account, now);
    return m == null ? null : m.get(path);
  }

  /** The files directly in {@code folder} (a path ending in '/'), by name. */
  synchronized List<Map.Entry<String, Uploaded>> in(AccountId account, String folder, Instant now) {
    List<Map.Entry<String, Uploaded>> out = new ArrayList<>();
    Map<String, Uploaded> m = fresh(account, now);
    if (m != null) {
      for (Map.Entry<String, Uploaded> e : m.entrySet()) {
        if (e.getKey().startsWith(folder)) {
          out.add(Map.entry(e.getKey().substring(folder.length()), e.getValue()));
        }
      }
    }
    return out;
  }

  /** Renames a remembered file; false if {@code from} is unknown or {@code to} is taken. */
  synchronized boolean rename(AccountId account, String from, String to, Instant now) {
    Map<String, Uploaded> m = fresh(account, now);
    if (m == null || !m.containsKey(from) || m.containsKey(to)) {
      return false;
    }
    m.put(to, m.remove(from));
    return true;
  }

  private @Nullable Map<String, Uploaded> fresh(AccountId account, Instant now) {
    Map<String, Uploaded> m = byAccount.get(account);
    if (m == null) {
      return null;
    }
    Instant cutoff = now.minus(KEEP);
    for (Iterator<Uploaded> i = m.values().iterator(); i.hasNext(); ) {
      if (i.next().at().isBefore(cutoff)) {
        i.remove();
      }
    }
    if (m.isEmpty()) {
      byAccount.remove(account);
      return null;
    }
    return m;
  }
}
