package io.valise.lab.incident;

import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What was compromised.
 *
 * @param accounts account names (or ids) whose credentials and keys the attacker held
 * @param links share-link ids whose full address (with the secret after {@code #}) leaked
 * @param node a server node, by the {@code node} of its {@code server.start} entries: its process
 *     was under the attacker's control while it ran in the window
 * @param serverStolen the whole server's storage and database were copied during the window
 */
public record Compromise(
    Set<String> accounts, Set<String> links, @Nullable String node, boolean serverStolen) {
  /** Copies the sets (sorted) and checks that something was compromised. */
  public Compromise {
    accounts = Set.copyOf(new TreeSet<>(accounts));
    links = Set.copyOf(new TreeSet<>(links));
    if (accounts.isEmpty() && links.isEmpty() && node == null && !serverStolen) {
      throw new IllegalArgumentException(
          "say what was compromised: an account, a share link, a node or the whole server");
    }
  }

  /** True when a running server process (a node) or the stored data was compromised. */
  public boolean serverSide() {
    return node != null || serverStolen;
  }
}
