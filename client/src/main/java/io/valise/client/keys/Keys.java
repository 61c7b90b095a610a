package io.valise.client.keys;

/** Showing recipient strings: post-quantum ones are about 2,000 characters long. */
public final class Keys {
  private static final int SHOWN = 24;

  private Keys() {}

  /** The key itself when short, else its start and end around an ellipsis. */
  public static String abbreviate(String recipient) {
    if (recipient.length() <= 80) {
      return recipient;
    }
    return recipient.substring(0, SHOWN) + "..." + recipient.substring(recipient.length() - 8);
  }
}
