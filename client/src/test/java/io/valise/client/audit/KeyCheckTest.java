package io.valise.client.audit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.client.api.PublishedKey;
import io.valise.client.state.ClientHome;
import io.valise.tlog.note.NoteSigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCheckTest {
  static final String BOB_KEY = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq";
  static final String OTHER_KEY = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";
  static final Instant T = Instant.parse("2026-11-25T13:00:00Z");

  @TempDir Path tmp;

  final NoteSigner key = NoteSigner.generate("valise.example.org/log", LogVerifierTest.RANDOM);

  LogVerifier verifier(TestLog log) {
    return new LogVerifier(
        LogVerifierTest.SERVER,
        key.verifier(),
        new CheckpointStore(new ClientHome(tmp)),
        log,
        List.of());
  }

  static String publish(String keyId, String account, String recipient) {
    return "{\"account\":\"a-"
        + account
        + "\",\"accountName\":\""
        + account
        + "\",\"key\":\""
        + keyId
        + "\",\"kind\":\"x25519\",\"recipient\":\""
        + recipient
        + "\",\"time\":\"2026-11-25T13:00:00.000Z\",\"type\":\"key.publish\",\"v\":1}";
  }

  @Test
  void aLoggedKeyPasses() throws Exception {
    TestLog log = new TestLog(key).fill(5);
    long i = log.add(publish("k1", "bob", BOB_KEY));
    log.fill(2);
    KeyCheck.verify(
        "bob", new PublishedKey("k1", BOB_KEY, "x25519", T, log.logged(i)), verifier(log));
  }

  @Test
  void aKeyLoggedAfterTheCheckpointOfThisRunIsFoundByRefreshing() throws Exception {
    TestLog log = new TestLog(key).fill(5);
    LogVerifier v = verifier(log);
    v.current();
    long i = log.add(publish("k1", "bob", BOB_KEY));
    KeyCheck.verify("bob", new PublishedKey("k1", BOB_KEY, "x25519", T, log.logged(i)), v);
  }

  @Test
  void aKeyWithoutLogEntryIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(5);
    AuditException e =
        assertThrows(
            AuditException.class,
            () ->
                KeyCheck.verify(
                    "bob", new PublishedKey("k1", BOB_KEY, "x25519", T), verifier(log)));
    assertTrue(e.getMessage().contains("of bob"), e.getMessage());
    assertTrue(e.getMessage().contains(BOB_KEY), e.getMessage());
    assertTrue(
        e.getMessage().contains("not in the audit log: the server may be substituting keys"),
        e.getMessage());
  }

  @Test
  void anEntryForAnotherKeyAccountOrIdIsRefused() throws Exception {
    TestLog log = new TestLog(key);
    long other = log.add(publish("k1", "bob", OTHER_KEY));
    long mallory = log.add(publish("k1", "mallory", BOB_KEY));
    long id = log.add(publish("k9", "bob", BOB_KEY));
    long type = log.add(publish("k1", "bob", BOB_KEY).replace("key.publish", "key.revoke"));
    for (long i : new long[] {other, mallory, id, type}) {
      PublishedKey k = new PublishedKey("k1", BOB_KEY, "x25519", T, log.logged(i));
      AuditException e =
          assertThrows(AuditException.class, () -> KeyCheck.verify("bob", k, verifier(log)));
      assertTrue(e.getMessage().contains("substituting keys"), e.getMessage());
    }
  }

  @Test
  void anEntryNotProvedInTheLogIsRefused() throws Exception {
    TestLog log = new TestLog(key).fill(6);
    long i = log.add(publish("k1", "bob", BOB_KEY));
    PublishedKey k = new PublishedKey("k1", BOB_KEY, "x25519", T, log.logged(i));
    log.inclusionTamper = TestLog::flip;
    AuditException e =
        assertThrows(AuditException.class, () -> KeyCheck.verify("bob", k, verifier(log)));
    assertTrue(e.getMessage().contains("bob"), e.getMessage());
    assertTrue(e.getMessage().contains("substituting keys"), e.getMessage());

    // The entry claims an index where the log holds something else.
    log.inclusionTamper = p -> p;
    PublishedKey moved =
        new PublishedKey(
            "k1",
            BOB_KEY,
            "x25519",
            T,
            new io.valise.client.api.LoggedEntry(
                2, java.util.Objects.requireNonNull(k.log()).entry()));
    assertThrows(AuditException.class, () -> KeyCheck.verify("bob", moved, verifier(log)));
    PublishedKey beyond =
        new PublishedKey(
            "k1",
            BOB_KEY,
            "x25519",
            T,
            new io.valise.client.api.LoggedEntry(
                99, java.util.Objects.requireNonNull(k.log()).entry()));
    assertThrows(AuditException.class, () -> KeyCheck.verify("bob", beyond, verifier(log)));
  }
}
