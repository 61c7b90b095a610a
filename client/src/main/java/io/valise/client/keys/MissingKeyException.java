package io.valise.client.keys;

import java.io.IOException;
import java.util.List;

/** Some recipients have published no key, so a file sent now could not be opened by them. */
public final class MissingKeyException extends IOException {
  private static final long serialVersionUID = 1L;

  private final List<String> accounts;

  public MissingKeyException(List<String> accounts) {
    super(
        "no published key for "
            + String.join(", ", accounts)
            + ": they must run 'valise key publish' before they can receive files");
    this.accounts = List.copyOf(accounts);
  }

  public List<String> accounts() {
    return accounts;
  }
}
