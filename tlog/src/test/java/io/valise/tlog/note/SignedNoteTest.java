package io.valise.tlog.note;

import static io.valise.tlog.note.GoVectors.ENOCH_SIG;
import static io.valise.tlog.note.GoVectors.ENOCH_VKEY;
import static io.valise.tlog.note.GoVectors.PETER_NOTE;
import static io.valise.tlog.note.GoVectors.PETER_SIG;
import static io.valise.tlog.note.GoVectors.PETER_SKEY;
import static io.valise.tlog.note.GoVectors.PETER_VKEY;
import static io.valise.tlog.note.GoVectors.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final NoteSignature PETER =
      new NoteSignature(
          "PeterNeumann",
          0xc74f20a3,
          "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=");
  private static final NoteSignature ENOCH =
      new NoteSignature(
          "EnochRoot",
          0xaf0cfe78,
          "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=");

  private static NoteVerifier peter() throws NoteException {
    return NoteVerifier.parse(PETER_VKEY);
  }

  private static NoteVerifier enoch() throws NoteException {
    return NoteVerifier.parse(ENOCH_VKEY);
  }

  private static String message(NoteException e) {
    String m = e.getMessage();
    return m == null ? "" : m;
  }

  @Test
  void signingReproducesTheGoNoteByteForByte() throws Exception {
    try (NoteSigner signer = NoteSigner.parse(PETER_SKEY.toCharArray())) {
      assertEquals(PETER_NOTE, SignedNote.sign(TEXT, signer));
    }
  }

  @Test
  void opensTheGoNote() throws Exception {
    SignedNote note =
        SignedNote.open(PETER_NOTE.getBytes(StandardCharsets.UTF_8), Verifiers.of(peter()));
    assertEquals(TEXT, note.text());
    assertEquals(List.of(PETER), note.verified());
    assertEquals(List.of(), note.unverified());
  }

  @Test
  void signaturesByUnknownKeysAreIgnored() throws Exception {
    SignedNote note = SignedNote.open(TEXT + "\n" + PETER_SIG + ENOCH_SIG, Verifiers.of(peter()));
    assertEquals(List.of(PETER), note.verified());
    assertEquals(List.of(ENOCH), note.unverified());

    SignedNote both =
        SignedNote.open(TEXT + "\n" + PETER_SIG + ENOCH_SIG, Verifiers.of(peter(), enoch()));
    assertEquals(List.of(PETER, ENOCH), both.verified());
    assertEquals(List.of(), both.unverified());
  }

  @Test
  void noKnownSignatureIsRefusedNamingTheKeys() throws Exception {
    NoteException e =
        assertThrows(
            NoteException.class,
            () -> SignedNote.open(TEXT + "\n" + ENOCH_SIG, Verifiers.of(peter())));
    assertTrue(message(e).contains("no signature from a known key"), message(e));
    assertTrue(message(e).contains("PeterNeumann+c74f20a3"), message(e));
    assertTrue(message(e).contains("EnochRoot+af0cfe78"), message(e));
    assertThrows(NoteException.class, () -> SignedNote.open(PETER_NOTE, Verifiers.of()));
  }

  @Test
  void ambiguousVerifiersAreRefused() throws Exception {
    NoteVerifier enoch = enoch();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Verifiers.of(enoch, peter(), enoch));
    assertTrue(String.valueOf(e.getMessage()).contains("ambiguous key EnochRoot+af0cfe78"));
  }

  @Test
  void tamperedTextIsRefused() throws Exception {
    String tampered = PETER_NOTE.replace("cryptography", "cryptographY");
    NoteException e =
        assertThrows(NoteException.class, () -> SignedNote.open(tampered, Verifiers.of(peter())));
    assertEquals("invalid signature for key PeterNeumann+c74f20a3", message(e));
  }

  @Test
  void tamperedSignatureIsRefused() throws Exception {
    // Go's TestOpen: "ABCD" inserted into the base64.
    String bad = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
    NoteException e =
        assertThrows(NoteException.class, () -> SignedNote.open(bad, Verifiers.of(peter())));
    assertEquals("invalid signature for key PeterNeumann+c74f20a3", message(e));

    byte[] blob = Base64.getDecoder().decode(PETER.base64());
    blob[10] ^= 1;
    String flipped =
        TEXT + "\n\u2014 PeterNeumann " + Base64.getEncoder().encodeToString(blob) + "\n";
    assertThrows(NoteException.class, () -> SignedNote.open(flipped, Verifiers.of(peter())));
  }

  @Test
  void refusesGoMalformedMessages() throws Exception {
    // Go's TestOpen "Invalid encoded message syntax", plus our own.
    List<String> bad =
        List.of(
            TEXT,
            TEXT + "\n",
            TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
            "\u0001" + TEXT + "\n" + PETER_SIG,
            TEXT
                + "\n"
                + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
            TEXT + "\n" + PETER_SIG.replace("\u2014", "-"),
            TEXT + "\n" + PETER_SIG.replace("=\n", "\n"),
            TEXT + "\n" + PETER_SIG.replace(" x08", "  x08"),
            TEXT + "\n\u2014 PeterNeumann AAAA\n",
            "tab\there\n\n" + PETER_SIG,
            TEXT + "\n" + PETER_SIG + "\n");
    for (String msg : bad) {
      assertThrows(NoteException.class, () -> SignedNote.open(msg, Verifiers.of(peter())), msg);
    }
    byte[] notUtf8 = ("x" + PETER_NOTE).getBytes(StandardCharsets.UTF_8);
    notUtf8[0] = (byte) 0xff;
    NoteException e =
        assertThrows(NoteException.class, () -> SignedNote.open(notUtf8, Verifiers.of(peter())));
    assertTrue(message(e).contains("UTF-8"), message(e));
  }

  @Test
  void duplicateSignatureLinesAreRefused() throws Exception {
    NoteException e =
        assertThrows(
            NoteException.class,
            () -> SignedNote.open(TEXT + "\n" + PETER_SIG + PETER_SIG, Verifiers.of(peter())));
    assertTrue(message(e).contains("duplicate"), message(e));
    assertThrows(
        NoteException.class,
        () ->
            SignedNote.open(
                TEXT + "\n" + ENOCH_SIG + PETER_SIG + ENOCH_SIG, Verifiers.of(peter())));
  }

  @Test
  void tooManySignaturesAreRefused() throws Exception {
    StringBuilder note = new StringBuilder(PETER_NOTE);
    for (int i = 0; i < SignedNote.MAX_SIGNATURES; i++) {
      note.append("\u2014 other").append(i).append(' ').append(ENOCH.base64()).append('\n');
    }
    NoteException e =
        assertThrows(
            NoteException.class, () -> SignedNote.open(note.toString(), Verifiers.of(peter())));
    assertTrue(message(e).contains("more than 100"), message(e));
    // Exactly 100 is fine.
    String hundred = note.substring(0, note.lastIndexOf("\u2014"));
    assertEquals(99, SignedNote.open(hundred, Verifiers.of(peter())).unverified().size());
  }

  @Test
  void roundTripWithSeveralSigners() throws Exception {
    SecureRandom random = new SecureRandom();
    try (NoteSigner log = NoteSigner.generate("example.com/log", random);
        NoteSigner witness = NoteSigner.generate("witness.example", random)) {
      String text = "héllo, wörld \u2014 ünïcode\n\nwith a blank line inside\n";
      String note = SignedNote.sign(text, log, witness);
      SignedNote opened = SignedNote.open(note, Verifiers.of(log.verifier()));
      assertEquals(text, opened.text());
      assertEquals(1, opened.verified().size());
      assertEquals("witness.example", opened.unverified().get(0).name());
      SignedNote both = SignedNote.open(note, Verifiers.of(log.verifier(), witness.verifier()));
      assertEquals(2, both.verified().size());
      assertThrows(IllegalArgumentException.class, () -> SignedNote.sign(text, log, log));
    }
  }

  @Test
  void signRefusesBadText() throws Exception {
    try (NoteSigner signer = NoteSigner.parse(PETER_SKEY.toCharArray())) {
      for (String bad : new String[] {"", "abc", "a\rb\n", "nul\u0000\n", "lone \ud800\n"}) {
        assertThrows(IllegalArgumentException.class, () -> SignedNote.sign(bad, signer), bad);
      }
    }
  }
}
