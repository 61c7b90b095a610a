package io.valise.client.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.Recipient;
import io.valise.age.pq.MlKem768X25519Identity;
import io.valise.age.x25519.X25519Identity;
import io.valise.client.api.Member;
import io.valise.client.api.PublishedKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One kind per file: which one the resolver picks, and whom it refuses. */
class KeyKindTest {
  private static final String SERVER = "https://valise.example.org";
  private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static String classical() {
    try (X25519Identity id = X25519Identity.generate(RANDOM)) {
      return id.recipient().encode();
    }
  }

  private static String postQuantum() {
    try (MlKem768X25519Identity id = MlKem768X25519Identity.generate(RANDOM)) {
      return id.recipient().encode();
    }
  }

  private static Member member(String account, String... keys) {
    return new Member(
        account,
        Arrays.stream(keys)
            .map(k -> new PublishedKey("id-" + k.substring(5, 12), k, "x", T0))
            .toList());
  }

  private static List<String> encoded(KeyResolver.Resolved r) {
    return r.recipients().stream().map(KeyKindTest::text).toList();
  }

  private static String text(Recipient r) {
    return switch (r) {
      case io.valise.age.x25519.X25519Recipient x -> x.encode();
      case io.valise.age.pq.MlKem768X25519Recipient q -> q.encode();
      default -> throw new AssertionError(r);
    };
  }

  @Test
  void everyoneWithAPostQuantumKeyGetsAPostQuantumFileOnly() throws Exception {
    String aliceOld = classical();
    String alicePq = postQuantum();
    String bobPq = postQuantum();
    var r =
        KeyResolver.resolve(
            List.of(member("alice", aliceOld, alicePq), member("bob", bobPq)),
            List.of(),
            Pins.empty(),
            SERVER,
            T0);
    assertEquals(KeyKind.POST_QUANTUM, r.kind());
    assertEquals(List.of(alicePq, bobPq), encoded(r));
  }

  @Test
  void oneClassicalOnlyRecipientMakesTheFileClassical() throws Exception {
    String aliceOld = classical();
    String alicePq = postQuantum();
    String bob = classical();
    String mePq = postQuantum();
    var r =
        KeyResolver.resolve(
            List.of(member("alice", aliceOld, alicePq), member("bob", bob)),
            List.of(member("me", mePq)),
            Pins.empty(),
            SERVER,
            T0);
    assertEquals(KeyKind.CLASSICAL, r.kind());
    assertEquals(List.of(aliceOld, bob), encoded(r));
    assertFalse(r.ownIncluded(), "my only key is post-quantum");
  }

  @Test
  void noKindInCommonIsRefusedNamingWhoLacksIt() {
    String alicePq = postQuantum();
    String bob = classical();
    MixedKeysException e =
        assertThrows(
            MixedKeysException.class,
            () ->
                KeyResolver.resolve(
                    List.of(member("alice", alicePq), member("bob", bob)),
                    List.of(),
                    Pins.empty(),
                    SERVER,
                    T0));
    assertEquals(List.of("alice"), e.accounts());
    assertEquals(KeyKind.CLASSICAL, e.kind());
    assertTrue(
        String.valueOf(e.getMessage()).contains("alice has no classical key"), e.getMessage());
  }

  @Test
  void anExistingFileKeepsItsKind() throws Exception {
    String carolOld = classical();
    String carolPq = postQuantum();
    Pins pins = Pins.empty();
    var r =
        KeyResolver.resolve(
            List.of(member("carol", carolOld, carolPq)),
            List.of(),
            pins,
            SERVER,
            T0,
            KeyKind.CLASSICAL);
    assertEquals(List.of(carolOld), encoded(r));
    assertThrows(
        MixedKeysException.class,
        () ->
            KeyResolver.resolve(
                List.of(member("dave", classical())),
                List.of(),
                pins,
                SERVER,
                T0,
                KeyKind.POST_QUANTUM));
  }

  @Test
  void theSendersOwnKeyOfTheFilesKindIsIncluded() throws Exception {
    String bobPq = postQuantum();
    String meOld = classical();
    String mePq = postQuantum();
    var r =
        KeyResolver.resolve(
            List.of(member("bob", bobPq)),
            List.of(member("me", meOld, mePq)),
            Pins.empty(),
            SERVER,
            T0);
    assertTrue(r.ownIncluded());
    assertEquals(List.of(bobPq, mePq), encoded(r));
  }
}
