package io.valise.client.keys;

import io.valise.age.Recipient;
import io.valise.age.keys.AgeKeys;
import io.valise.client.api.Member;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the keys a sender is about to encrypt to against the pins: every required member must have
 * a key, and no key may have changed since it was pinned. Only when all pass are the new accounts
 * pinned (first use). The sender's own keys go through the same check, so a server cannot add a key
 * to the sender's account to read what it sends.
 */
public final class KeyResolver {
  private KeyResolver() {}

  /** The accounts that receive the file and the recipients it is encrypted to. */
  public record Resolved(List<String> accounts, List<Recipient> recipients) {
    public Resolved {
      accounts = List.copyOf(accounts);
      recipients = List.copyOf(recipients);
    }
  }

  /**
   * Resolves {@code required} (who the file is for; each must have a key) and {@code own} (the
   * sender, whose keys are added when present).
   *
   * @throws MissingKeyException naming every required account without a key
   * @throws ChangedKeyException naming the first account whose key is not pinned
   */
  public static Resolved resolve(
      List<Member> required, List<Member> own, Pins pins, String server, Instant now)
      throws IOException {
    List<String> missing =
        required.stream().filter(m -> m.keys().isEmpty()).map(Member::account).distinct().toList();
    if (!missing.isEmpty()) {
      throw new MissingKeyException(missing);
    }
    List<Member> all = new ArrayList<>(required);
    all.addAll(own);
    for (Member m : all) {
      List<String> changed = pins.changed(server, m.account(), m.recipients());
      if (!changed.isEmpty()) {
        throw new ChangedKeyException(m.account(), changed);
      }
    }
    Set<String> accounts = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Member m : required) {
      accounts.add(m.account());
    }
    for (Member m : all) {
      pins.pin(server, m.account(), m.recipients(), now);
      keys.addAll(m.recipients());
    }
    List<Recipient> recipients = new ArrayList<>();
    for (String k : keys) {
      recipients.add(AgeKeys.parseRecipient(k));
    }
    return new Resolved(new ArrayList<>(accounts), recipients);
  }
}
