package io.valise.cli;

import io.valise.client.api.Member;
import io.valise.client.api.ValiseApi;
import io.valise.client.audit.LogVerifier;
import io.valise.client.keys.KeyResolver;
import io.valise.client.keys.Pins;
import io.valise.client.state.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The keys an upload is encrypted to, found and checked the same way for every sending command. */
final class RecipientKeys {
  private RecipientKeys() {}

  /**
   * Looks up every name (accounts, or groups standing for their members), checks that every key is
   * in the audit log and against the pins, and pins new accounts. With {@code withOwn}, the
   * sender's own published keys are added (a note on stderr when there are none), so the sender can
   * open and share it later.
   */
  static KeyResolver.Resolved resolve(
      CliEnv env,
      Remote remote,
      ValiseApi api,
      Session s,
      List<String> names,
      LogVerifier log,
      boolean withOwn)
      throws IOException {
    List<Member> all =
        remote.logged(
            () -> {
              Map<String, Member> members = new LinkedHashMap<>();
              for (String n : names) {
                for (Member m : api.directory(n).members()) {
                  members.putIfAbsent(m.account(), m);
                }
              }
              List<Member> fetched = new ArrayList<>(members.values());
              if (withOwn) {
                fetched.add(new Member(s.account(), api.myKeys()));
              }
              return fetched;
            });
    List<Member> required = new ArrayList<>(withOwn ? all.subList(0, all.size() - 1) : all);
    List<Member> own = new ArrayList<>();
    if (withOwn) {
      Member me = all.get(all.size() - 1);
      if (me.keys().isEmpty()) {
        env.stderr()
            .println(
                "valise: note: you have no published key, so you cannot open or share what you"
                    + " send; run 'valise key publish'");
      } else {
        own.add(me);
      }
    }
    Remote.checkKeys(all, log);
    Pins pins = remote.pins();
    KeyResolver.Resolved r =
        KeyResolver.resolve(required, own, pins, s.server(), env.clock().instant());
    pins.save(remote.home());
    if (!own.isEmpty() && !r.ownIncluded()) {
      env.stderr()
          .println(
              "valise: note: this file is "
                  + r.kind().words()
                  + " (age does not mix kinds) and you have no "
                  + r.kind().words()
                  + " key, so you cannot open or share it later");
    }
    return r;
  }
}
