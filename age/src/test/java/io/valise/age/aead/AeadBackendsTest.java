package io.valise.age.aead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AeadBackendsTest {
  private static final AeadBackend FAST = TestBackends.ignoringTags();
  private static final Probe PASSED = new Probe.Passed(FAST);
  private static final Probe FAILED =
      new Probe.Failed(new IllegalStateException("Library [libcrypto.so.3] not found"));

  @Test
  void automaticChoicePrefersTheProbedBackendAndFallsBackToTheJdk() {
    assertSame(FAST, AeadBackends.choose(null, PASSED));
    assertSame(AeadBackends.jdk(), AeadBackends.choose(null, FAILED));
    assertSame(AeadBackends.jdk(), AeadBackends.choose("  ", FAILED));
  }

  @Test
  void propertyForcesABackend() {
    assertSame(AeadBackends.jdk(), AeadBackends.choose("jdk", PASSED));
    assertSame(FAST, AeadBackends.choose(" OpenSSL ", PASSED));
  }

  @Test
  void forcingAnUnavailableOrUnknownBackendSaysWhy() {
    IllegalStateException unavailable =
        assertThrows(IllegalStateException.class, () -> AeadBackends.choose("openssl", FAILED));
    assertTrue(String.valueOf(unavailable.getMessage()).contains("libcrypto.so.3"));
    IllegalStateException unknown =
        assertThrows(IllegalStateException.class, () -> AeadBackends.choose("bogus", PASSED));
    assertTrue(String.valueOf(unknown.getMessage()).contains("[bogus]"));
  }

  @Test
  void probeRejectsBackendsThatFailToLoadOrFailTheSelfTest() {
    Probe missing =
        Probe.of(
            () -> {
              throw new IllegalStateException("Library [libnothing.so] not found");
            });
    assertInstanceOf(Probe.Failed.class, missing);
    assertInstanceOf(Probe.Failed.class, Probe.of(TestBackends::ignoringTags));
    assertInstanceOf(Probe.Passed.class, Probe.of(AeadBackends::jdk));
  }

  @Test
  void bestIsOpenSslWhereverItWorks() {
    String expected = AeadBackends.openssl().isPresent() ? "openssl" : "jdk";
    if (TestBackends.REQUIRE_INTEROP) {
      expected = "openssl";
    }
    assertEquals(expected, AeadBackends.best().name());
  }
}
