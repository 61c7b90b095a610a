package io.valise.client.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.x25519.X25519Identity;
import io.valise.client.api.Member;
import io.valise.client.api.PublishedKey;
import io.valise.client.state.ClientHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinsTest {
  private static final String SERVER = "https://valise.example.org";
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-26T09:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path tmp;

  private static String key() {
    try (X25519Identity id = X25519Identity.generate(RANDOM)) {
      return id.recipient().encode();
    }
  }

  private static Member member(String account, String... keys) {
    return new Member(
        account,
        java.util.Arrays.stream(keys)
            .map(k -> new PublishedKey("id-" + k.substring(4, 12), k, "x25519", T0))
            .toList());
  }

  @Test
  void firstUsePinsThenAChangedKeyIsRefused() throws Exception {
    String first = key();
    String second = key();
    Pins pins = Pins.empty();
    var r = KeyResolver.resolve(List.of(member("bob", first)), List.of(), pins, SERVER, T0);
    assertEquals(List.of("bob"), r.accounts());
    assertEquals(List.of(new Pin(first, T0)), pins.pinned(SERVER, "bob"));

    ChangedKeyException e =
        assertThrows(
            ChangedKeyException.class,
            () -> KeyResolver.resolve(List.of(member("bob", second)), List.of(), pins, SERVER, T1));
    assertEquals("bob", e.account());
    assertEquals(List.of(second), e.keys());
    assertTrue(String.valueOf(e.getMessage()).contains(second), e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("valise key trust bob"), e.getMessage());
    // a key added next to the pinned one is refused too: it could be the server's
    assertThrows(
        ChangedKeyException.class,
        () ->
            KeyResolver.resolve(
                List.of(member("bob", first, second)), List.of(), pins, SERVER, T1));
    assertEquals(List.of(new Pin(first, T0)), pins.pinned(SERVER, "bob"), "refusal pins nothing");

    pins.trust(SERVER, "bob", List.of(second), T1);
    assertEquals(List.of(new Pin(second, T1)), pins.pinned(SERVER, "bob"));
    var ok = KeyResolver.resolve(List.of(member("bob", second)), List.of(), pins, SERVER, T1);
    assertEquals(1, ok.recipients().size());
  }

  @Test
  void pinsArePerServer() throws Exception {
    Pins pins = Pins.empty();
    pins.pin(SERVER, "bob", List.of(key()), T0);
    assertEquals(List.of(), pins.changed("https://other.example.org", "bob", List.of(key())));
  }

  @Test
  void aRevokedPinnedKeyIsNoChange() {
    String a = key();
    String b = key();
    Pins pins = Pins.empty();
    pins.pin(SERVER, "bob", List.of(a, b), T0);
    assertEquals(List.of(), pins.changed(SERVER, "bob", List.of(b)));
  }

  @Test
  void membersWithoutKeysAreAllNamed() {
    Pins pins = Pins.empty();
    MissingKeyException e =
        assertThrows(
            MissingKeyException.class,
            () ->
                KeyResolver.resolve(
                    List.of(member("bob", key()), member("carol"), member("dave")),
                    List.of(),
                    pins,
                    SERVER,
                    T0));
    assertEquals(List.of("carol", "dave"), e.accounts());
    assertEquals(List.of(), pins.pinned(SERVER, "bob"), "nothing pinned on refusal");
  }

  @Test
  void theSendersOwnKeysAreCheckedAndAdded() throws Exception {
    String mine = key();
    String theirs = key();
    Pins pins = Pins.empty();
    var r =
        KeyResolver.resolve(
            List.of(member("bob", theirs)), List.of(member("alice", mine)), pins, SERVER, T0);
    assertEquals(List.of("bob"), r.accounts());
    assertEquals(2, r.recipients().size());
    assertThrows(
        ChangedKeyException.class,
        () ->
            KeyResolver.resolve(
                List.of(member("bob", theirs)), List.of(member("alice", key())), pins, SERVER, T1));
  }

  @Test
  void fileRoundTripIs0600() throws Exception {
    ClientHome home = new ClientHome(tmp.resolve("h"));
    Pins pins = Pins.empty();
    String a = key();
    pins.pin(SERVER, "bob", List.of(a), T0);
    pins.save(home);
    Pins again = Pins.load(home);
    assertEquals(List.of(new Pin(a, T0)), again.pinned(SERVER, "bob"));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(home.file(Pins.NAME))));
    String json = java.nio.file.Files.readString(home.file(Pins.NAME));
    assertTrue(json.contains("\"servers\"") && json.contains("\"firstSeen\""), json);
  }

  @Test
  void aDamagedPinFileIsAnErrorNotAnEmptyTrustStore() throws Exception {
    ClientHome home = new ClientHome(tmp.resolve("d"));
    home.write(Pins.NAME, "{\"nope\":1}".getBytes(StandardCharsets.UTF_8));
    var e = assertThrows(java.io.IOException.class, () -> Pins.load(home));
    assertTrue(String.valueOf(e.getMessage()).contains(Pins.NAME), e.getMessage());
  }
}
