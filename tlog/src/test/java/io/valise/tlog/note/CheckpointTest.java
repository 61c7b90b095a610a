package io.valise.tlog.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  /**
   * The example checkpoint body of the C2SP tlog-checkpoint specification
   * (c2sp.org/tlog-checkpoint).
   */
  private static final String SPEC_EXAMPLE =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  private static final String HASH = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  @Test
  void parsesTheSpecExample() throws Exception {
    Checkpoint c = Checkpoint.parse(SPEC_EXAMPLE);
    assertEquals("example.com/behind-the-sofa", c.origin());
    assertEquals(20852163L, c.size());
    assertEquals(HASH, c.rootHash().base64());
    assertEquals(List.of(), c.extensions());
    assertEquals(SPEC_EXAMPLE, c.text());
  }

  @Test
  void keepsExtensionLines() throws Exception {
    String text = SPEC_EXAMPLE + "ext one\next two\n";
    Checkpoint c = Checkpoint.parse(text);
    assertEquals(List.of("ext one", "ext two"), c.extensions());
    assertEquals(text, c.text());
  }

  @Test
  void sizeBounds() throws Exception {
    assertEquals(0L, Checkpoint.parse("o\n0\n" + HASH + "\n").size());
    assertEquals(Long.MAX_VALUE, Checkpoint.parse("o\n9223372036854775807\n" + HASH + "\n").size());
  }

  @Test
  void refusesMalformedBodies() {
    String[][] cases = {
      {"o\n01\n" + HASH + "\n", "leading zero"},
      {"o\n00\n" + HASH + "\n", "leading zero"},
      {"o\n-1\n" + HASH + "\n", "decimal digits"},
      {"o\n+1\n" + HASH + "\n", "decimal digits"},
      {"o\n 1\n" + HASH + "\n", "decimal digits"},
      {"o\n\u0661\n" + HASH + "\n", "decimal digits"},
      {"o\n9223372036854775808\n" + HASH + "\n", "63 bits"},
      {"o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", "31 bytes"},
      {"o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", "base64"},
      {"o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", "base64"},
      {"o\n1\n" + HASH, "newline"},
      {"o\n1\n", "has 2"},
      {"\n1\n" + HASH + "\n", "empty line 1"},
      {"o\n1\n" + HASH + "\n\next\n", "empty line 4"},
      {"o\r\n1\n" + HASH + "\n", "control character"},
    };
    for (String[] c : cases) {
      NoteException e = assertThrows(NoteException.class, () -> Checkpoint.parse(c[0]), c[0]);
      assertTrue(String.valueOf(e.getMessage()).contains(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void constructorRefusesWhatCannotBeWritten() {
    RootHash hash = RootHash.of(new byte[32]);
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("", 1, hash));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("a\nb", 1, hash));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", -1, hash));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", 1, hash, List.of("")));
    assertThrows(IllegalArgumentException.class, () -> RootHash.of(new byte[31]));
  }

  @Test
  void signedCheckpointRoundTrip() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] root = new byte[32];
    random.nextBytes(root);
    Checkpoint checkpoint = new Checkpoint("example.com/log", 42, RootHash.of(root));
    try (NoteSigner log = NoteSigner.generate("example.com/log", random);
        NoteSigner other = NoteSigner.generate("example.com/log", random)) {
      byte[] note = checkpoint.sign(log).getBytes(StandardCharsets.UTF_8);
      assertEquals(checkpoint, Checkpoint.open(note, "example.com/log", log.verifier()));

      NoteException origin =
          assertThrows(
              NoteException.class,
              () -> Checkpoint.open(note, "example.com/other", log.verifier()));
      assertTrue(String.valueOf(origin.getMessage()).contains("origin"));
      NoteException key =
          assertThrows(
              NoteException.class,
              () -> Checkpoint.open(note, "example.com/log", other.verifier()));
      assertTrue(String.valueOf(key.getMessage()).contains("no signature from a known key"));
    }
  }
}
