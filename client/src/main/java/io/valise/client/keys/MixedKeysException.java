package io.valise.client.keys;

import java.io.IOException;
import java.util.List;

/**
 * Some recipients have no key of the kind the file must have: age forbids mixing post-quantum and
 * classical recipients in one file, and these accounts published only keys of the other kind.
 */
public final class MixedKeysException extends IOException {
  private static final long serialVersionUID = 1L;

  private final KeyKind kind;
  private final List<String> accounts;

  public MixedKeysException(KeyKind kind, List<String> accounts) {
    super(
        "the file must be "
            + kind.words()
            + " (age forbids mixing post-quantum and classical recipients in one file), but "
            + String.join(", ", accounts)
            + (accounts.size() == 1 ? " has" : " have")
            + " no "
            + kind.words()
            + " key: "
            + (kind == KeyKind.CLASSICAL
                ? "send to them separately, or they publish a classical key too ('valise keygen',"
                    + " then 'valise key publish')"
                : "they publish a post-quantum key ('valise keygen --pq', then 'valise key"
                    + " publish')"));
    this.kind = kind;
    this.accounts = List.copyOf(accounts);
  }

  public KeyKind kind() {
    return kind;
  }

  public List<String> accounts() {
    return accounts;
  }
}
