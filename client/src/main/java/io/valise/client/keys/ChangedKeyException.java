package io.valise.client.keys;

import java.io.IOException;
import java.util.List;

/**
 * The server offers a key for an account that is not the one pinned: it may be a new device of that
 * person, or a server substituting a key. Nothing is encrypted to it until the user runs {@code
 * valise key trust NAME}.
 */
public final class ChangedKeyException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String account;
  private final List<String> keys;

  public ChangedKeyException(String account, List<String> keys) {
    super(
        "the key of account %s changed: %s is not the key pinned earlier; if %s really has a new key, check it with them and run 'valise key trust %s'"
            .formatted(
                account,
                String.join(", ", keys.stream().map(Keys::abbreviate).toList()),
                account,
                account));
    this.account = account;
    this.keys = List.copyOf(keys);
  }

  public String account() {
    return account;
  }

  public List<String> keys() {
    return keys;
  }
}
