package io.valise.tlog.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CosignatureTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1679315147L), ZoneOffset.UTC);

  @Test
  void specExampleCosignatureHasKeyIdTimestampAndSignature() throws Exception {
    // The example cosignature line of c2sp.org/tlog-cosignature (its public key is not published,
    // so only its structure is checked): key id, then the timestamp of the spec's
    // "time 1679315147" example, then 64 signature bytes.
    String b64 =
        "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";
    byte[] blob = Base64.getDecoder().decode(b64);
    assertEquals(4 + 8 + 64, blob.length);
    assertEquals(1679315147L, ByteBuffer.wrap(blob, 4, 8).getLong());
  }

  @Test
  void cosignAndVerify() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] root = new byte[32];
    random.nextBytes(root);
    Checkpoint checkpoint = new Checkpoint("example.com/log", 7, RootHash.of(root));
    try (NoteSigner log = NoteSigner.generate("example.com/log", random);
        NoteSigner witnessKey = NoteSigner.generate("witness.example/w1", random)) {
      Cosigner witness = Cosigner.of(witnessKey);
      CosignatureVerifier verifier = CosignatureVerifier.parse(witness.verifier().encode());
      assertEquals(witness.verifier(), verifier);
      assertNotEquals(witnessKey.keyId(), verifier.keyId(), "type 0x04 gives another key id");

      String note = checkpoint.sign(log) + witness.cosign(checkpoint, CLOCK).line();
      SignedNote opened = SignedNote.open(note, Verifiers.of(log.verifier()));
      assertEquals(OptionalLong.of(1679315147L), verifier.find(opened));

      // Another checkpoint's cosignature does not verify.
      Checkpoint other = new Checkpoint("example.com/log", 8, RootHash.of(root));
      NoteSignature cosig = witness.cosign(checkpoint, CLOCK);
      NoteException e = assertThrows(NoteException.class, () -> verifier.verify(other, cosig));
      assertTrue(String.valueOf(e.getMessage()).contains("invalid cosignature"));

      // A plain note signature by the same key is not a cosignature.
      try (NoteSigner again = NoteSigner.parse(witnessKey.encode())) {
        String plain = checkpoint.sign(log, again);
        assertEquals(
            OptionalLong.empty(),
            verifier.find(SignedNote.open(plain, Verifiers.of(log.verifier()))));
      }
      assertEquals(
          OptionalLong.empty(),
          verifier.find(SignedNote.open(checkpoint.sign(log), Verifiers.of(log.verifier()))));
    }
  }

  @Test
  void refusesNoteKeysAsCosignatureKeys() {
    assertThrows(NoteException.class, () -> CosignatureVerifier.parse(GoVectors.PETER_VKEY));
  }
}
