package io.valise.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BruteForceSubjectTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.7, source:ip4:192.0.2.7",
    "0.0.0.0, source:ip4:0.0.0.0",
    "255.255.255.255, source:ip4:255.255.255.255",
    "::ffff:198.51.100.1, source:ip4:198.51.100.1",
    "2001:db8::1, source:ip6:2001:db8:0:0::/64",
    "2001:db8:0:0:ffff:ffff:ffff:ffff, source:ip6:2001:db8:0:0::/64",
    "2001:0db8:00a0:0b00::1, source:ip6:2001:db8:a0:b00::/64",
    "::1, source:ip6:0:0:0:0::/64",
    "fe80::1%1, source:ip6:fe80:0:0:0::/64",
  })
  void bucketsAddresses(String address, String key) throws UnknownHostException {
    assertEquals(key, BruteForceSubject.Source.of(InetAddress.getByName(address)).key());
  }

  @Test
  void wholeSlash64IsOneBucketAndNeighboursAreNot() throws UnknownHostException {
    long seed = 6464L;
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      byte[] a = new byte[16];
      random.nextBytes(a);
      a[0] = 0x20; // global unicast, never IPv4-mapped
      byte[] b = a.clone();
      for (int j = 8; j < 16; j++) {
        b[j] = (byte) random.nextInt(256);
      }
      byte[] c = a.clone();
      c[7] ^= (byte) (1 << random.nextInt(8));
      String msg = "seed " + seed + " case " + i;
      BruteForceSubject.Source sa = BruteForceSubject.Source.of(InetAddress.getByAddress(a));
      assertEquals(sa, BruteForceSubject.Source.of(InetAddress.getByAddress(b)), msg);
      assertFalse(sa.equals(BruteForceSubject.Source.of(InetAddress.getByAddress(c))), msg);
      assertEquals(sa, new BruteForceSubject.Source(sa.bucket()), msg);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ip4:1.2.3",
        "ip4:01.2.3.4",
        "ip4:256.1.1.1",
        "ip6:2001:db8::/64",
        "ip6:2001:0db8:0:0::/64",
        "ip6:2001:DB8:0:0::/64",
        "ip6:2001:db8:0:0::/48",
        "ip4:1.2.3.4\n"
      })
  void refusesNonCanonicalBuckets(String bucket) {
    assertThrows(IllegalArgumentException.class, () -> new BruteForceSubject.Source(bucket));
  }

  @Test
  void keysSeparateKinds() {
    assertEquals("account:7", new BruteForceSubject.Account("7").key());
    assertEquals("link:7", new BruteForceSubject.ShareLink("7").key());
    assertThrows(IllegalArgumentException.class, () -> new BruteForceSubject.Account(""));
    assertThrows(
        IllegalArgumentException.class, () -> new BruteForceSubject.ShareLink("x".repeat(129)));
  }

  @Test
  void stricterKeepsTheLongerBan() {
    Instant t = Instant.ofEpochSecond(1000);
    BanDecision shortBan = new BanDecision.Banned(t, 1);
    BanDecision longBan = new BanDecision.Banned(t.plusSeconds(60), 2);
    assertEquals(longBan, shortBan.stricter(longBan));
    assertEquals(longBan, longBan.stricter(shortBan));
    assertEquals(shortBan, BanDecision.allowed().stricter(shortBan));
    assertEquals(shortBan, shortBan.stricter(BanDecision.allowed()));
    assertFalse(BanDecision.allowed().stricter(BanDecision.allowed()).banned());
    assertTrue(shortBan.banned());
    assertEquals(60, ((BanDecision.Banned) longBan).retryAfter(t).toSeconds());
    assertEquals(0, ((BanDecision.Banned) longBan).retryAfter(t.plusSeconds(99)).toSeconds());
  }
}
