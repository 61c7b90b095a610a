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
import org.jspecify.annotations.Nullable;

/**
 * Checks the keys a sender is about to encrypt to against the pins: every required member must have
 * a key, and no key may have changed since it was pinned. Only when all pass are the new accounts
 * pinned (first use). The sender's own keys go through the same check, so a server cannot add a key
 * to the sender's account to read what it sends.
 *
 * <p>A file is of one {@link KeyKind}: post-quantum when every required member has a post-quantum
 * key, else classical when every one has a classical key; an account with keys of both kinds
 * receives through the keys of the file's kind. When the members have no kind in common (one has
 * only post-quantum keys, another only classical ones), nothing can be sent to them together.
 */
public final class KeyResolver {
  private KeyResolver() {}

  /**
   * The accounts that receive the file, the recipients it is encrypted to, their kind, and whether
   * the sender's own keys are among them (not when the sender has none of that kind).
   */
  public record Resolved(
      List<String> accounts, List<Recipient> recipients, KeyKind kind, boolean ownIncluded) {
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
   * @throws MixedKeysException when the required members have no key kind in common
   */
  public static Resolved resolve(
      List<Member> required, List<Member> own, Pins pins, String server, Instant now)
      throws IOException {
    return resolve(required, own, pins, server, now, null);
  }

  /**
   * As {@link #resolve(List, List, Pins, String, Instant)}, for a file whose kind is already set
   * ({@code kind}, for recipients added to an existing header), or chosen as described above when
   * null.
   *
   * @throws MixedKeysException when a required member has no key of that kind
   */
  public static Resolved resolve(
      List<Member> required,
      List<Member> own,
      Pins pins,
      String server,
      Instant now,
      @Nullable KeyKind kind)
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
    KeyKind chosen = kind != null ? kind : choose(required);
    List<String> lacking =
        required.stream()
            .filter(m -> m.recipients().stream().noneMatch(k -> KeyKind.of(k) == chosen))
            .map(Member::account)
            .distinct()
            .toList();
    if (!lacking.isEmpty()) {
      throw new MixedKeysException(chosen, lacking);
    }
    Set<String> accounts = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Member m : required) {
      accounts.add(m.account());
    }
    boolean ownIncluded = false;
    for (Member m : all) {
      pins.pin(server, m.account(), m.recipients(), now);
      for (String k : m.recipients()) {
        if (KeyKind.of(k) == chosen && keys.add(k) && own.contains(m)) {
          ownIncluded = true;
        }
      }
    }
    List<Recipient> recipients = new ArrayList<>();
    for (String k : keys) {
      recipients.add(AgeKeys.parseRecipient(k));
    }
    return new Resolved(new ArrayList<>(accounts), recipients, chosen, ownIncluded);
  }

  /** Post-quantum if every required member can receive it, else classical. */
  private static KeyKind choose(List<Member> required) {
    boolean allPostQuantum =
        required.stream()
            .allMatch(
                m -> m.recipients().stream().anyMatch(k -> KeyKind.of(k) == KeyKind.POST_QUANTUM));
    return allPostQuantum ? KeyKind.POST_QUANTUM : KeyKind.CLASSICAL;
  }
}
