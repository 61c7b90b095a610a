package io.valise.server.sftp;

import io.valise.core.account.Account;
import io.valise.core.account.AccountRepository;
import io.valise.core.auth.BruteForceSubject;
import io.valise.core.auth.Offence;
import io.valise.core.auth.TokenHash;
import io.valise.core.sshkey.SshKey;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.core.sshkey.SshPublicKey;
import io.valise.core.tx.Transactions;
import io.valise.server.api.account.BruteForceGuard;
import io.valise.server.audit.Audit;
import io.valise.server.http.Principal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * SSH public-key login, with the same brute-force defence and account checks as the HTTP login: a
 * banned source is refused before any key is looked at. A client offers its keys one after another
 * (an agent may hold several), so a refused key is only noted on the session; a connection that
 * ends without logging in is one failure of the source, logged as {@code sftp.login.failure}
 * ({@link #connectionFailed}). Success is logged once the signature is verified (see {@link
 * SftpServer}). Passwords are never accepted.
 */
final class KeyLogin implements PublickeyAuthenticator {
  /** The caller of an authenticated session. */
  static final AttributeKey<Caller> CALLER = new AttributeKey<>();

  /** The last refusal of a session that has not logged in. */
  static final AttributeKey<Refusal> REFUSED = new AttributeKey<>();

  /** Why a key was refused, and how many keys the connection offered. */
  record Refusal(String username, String fingerprint, String reason, int keys) {}

  private final SshKeyRepository keys;
  private final AccountRepository accounts;
  private final BruteForceGuard guard;
  private final Audit audit;
  private final Transactions transactions;

  KeyLogin(
      SshKeyRepository keys,
      AccountRepository accounts,
      BruteForceGuard guard,
      Audit audit,
      Transactions transactions) {
    this.keys = keys;
    this.accounts = accounts;
    this.guard = guard;
    this.audit = audit;
    this.transactions = transactions;
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    InetAddress from = address(session);
    List<BruteForceSubject> source = List.of(BruteForceSubject.Source.of(from));
    ByteArrayBuffer encoded = new ByteArrayBuffer();
    encoded.putRawPublicKey(key);
    byte[] blob = encoded.getCompactData();
    String fingerprint = SshPublicKey.fingerprint(blob);
    if (guard.banned(source).banned()) {
      refused(session, username, fingerprint, "banned");
      return false;
    }
    Optional<SshKey> found = keys.byFingerprint(fingerprint);
    Optional<Account> account = found.flatMap(k -> accounts.find(k.account()));
    if (account.isEmpty() || !account.get().name().equals(username)) {
      refused(session, username, fingerprint, "unknown_key");
      return false;
    }
    Account a = account.get();
    if (!a.active()) {
      refused(session, username, fingerprint, "account_disabled");
      return false;
    }
    Principal p = new Principal(a.id(), a.name(), a.admin(), TokenHash.of(sha256(blob)));
    session.setAttribute(CALLER, new Caller(p, from, fingerprint));
    return true;
  }

  private static void refused(
      ServerSession session, String username, String fingerprint, String reason) {
    Refusal before = session.getAttribute(REFUSED);
    session.setAttribute(
        REFUSED,
        new Refusal(username, fingerprint, reason, before == null ? 1 : before.keys() + 1));
  }

  /**
   * A connection closed without logging in after refused keys: one failure of its source (not one
   * per key), and one {@code sftp.login.failure} entry naming the last key refused. A banned
   * source's connection adds no failure.
   */
  void connectionFailed(ServerSession session) {
    Refusal r = session.getAttribute(REFUSED);
    if (r == null) {
      return;
    }
    InetAddress from = address(session);
    List<BruteForceSubject> source = List.of(BruteForceSubject.Source.of(from));
    var unused =
        transactions.inTransaction(
            () -> {
              if (!r.reason().equals("banned")) {
                var unusedDecision =
                    guard.record(
                        source,
                        Offence.FAILED_LOGIN,
                        type -> audit.event(type, Caller.VIA).put("from", from.getHostAddress()),
                        null);
              }
              return audit.append(
                  audit
                      .event("sftp.login.failure", Caller.VIA)
                      .put("from", from.getHostAddress())
                      .put("name", Node.printable(r.username()))
                      .put("sshKey", r.fingerprint())
                      .put("keysOffered", r.keys())
                      .put("reason", r.reason()));
            });
  }

  static InetAddress address(ServerSession session) {
    if (session.getClientAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
      return a.getAddress();
    }
    return InetAddress.getLoopbackAddress();
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
