package io.valise.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's SSH key lists are untrusted: a malformed one names the field. */
class ParseSshKeyTest {
  private static final String KEY =
      "{'id':'abc','algorithm':'ssh-ed25519','fingerprint':'SHA256:x','comment':'lab',"
          + "'addedAt':'2026-03-01T09:00:00Z'}";

  private static JsonNode json(String s) throws IOException {
    return Http.JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void aListParses() throws Exception {
    assertEquals(
        List.of(
            new SshKeyInfo(
                "abc", "ssh-ed25519", "SHA256:x", "lab", Instant.parse("2026-03-01T09:00:00Z"))),
        Parse.sshKeys(json("{'account':'lab','keys':[" + KEY + "]}")));
    assertEquals(List.of(), Parse.sshKeys(json("{'keys':[]}")));
  }

  @Test
  void aMalformedAnswerNamesTheField() {
    IOException noKeys = assertThrows(IOException.class, () -> Parse.sshKeys(json("{}")));
    assertTrue(String.valueOf(noKeys.getMessage()).contains("\"keys\""));
    IOException noFingerprint =
        assertThrows(
            IOException.class,
            () -> Parse.sshKey(json(KEY.replace("'fingerprint':'SHA256:x',", ""))));
    assertTrue(String.valueOf(noFingerprint.getMessage()).contains("\"fingerprint\""));
    IOException badTime =
        assertThrows(
            IOException.class, () -> Parse.sshKey(json(KEY.replace("2026-03-01T09:00:00Z", "x"))));
    assertTrue(String.valueOf(badTime.getMessage()).contains("\"addedAt\""));
  }
}
