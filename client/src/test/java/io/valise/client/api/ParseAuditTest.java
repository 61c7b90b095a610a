package io.valise.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The audit parts of the server's answers are untrusted: malformed ones name the field. */
class ParseAuditTest {
  private static final String HASH = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String ENTRY =
      Base64.getEncoder()
          .encodeToString("{\"type\":\"key.publish\",\"v\":1}".getBytes(StandardCharsets.UTF_8));

  private static JsonNode json(String s) throws IOException {
    return Http.JSON.readTree(s.replace('\'', '"'));
  }

  private static String refused(String receipt) {
    IOException e = assertThrows(IOException.class, () -> Parse.receipt(json(receipt)));
    return String.valueOf(e.getMessage());
  }

  @Test
  void aGoodReceiptParses() throws Exception {
    Receipt r =
        Parse.receipt(
            json(
                "{'index':41,'entry':'"
                    + ENTRY
                    + "','checkpoint':'log\\n1\\n','proof':['"
                    + HASH
                    + "']}"));
    assertEquals(41, java.util.Objects.requireNonNull(r).index());
    assertEquals("key.publish", r.entry().get("type"));
    assertEquals("1", r.entry().get("v"));
    assertEquals(1, r.proof().size());
    assertNull(Parse.receipt(json("null")));
  }

  @Test
  void malformedFieldsAreNamed() {
    String ok = "'entry':'" + ENTRY + "','checkpoint':'c','proof':[]";
    assertTrue(refused("{'index':-1," + ok + "}").contains("\"index\""));
    assertTrue(refused("{'index':'4'," + ok + "}").contains("\"index\""));
    assertTrue(
        refused("{'index':1,'entry':'%%%','checkpoint':'c','proof':[]}").contains("\"entry\""));
    assertTrue(
        refused("{'index':1,'entry':'" + ENTRY + "','proof':[]}").contains("\"checkpoint\""));
    assertTrue(
        refused("{'index':1,'entry':'" + ENTRY + "','checkpoint':'c','proof':['AAAA']}")
            .contains("\"proof[0]\" is 3 bytes"));
    assertTrue(
        refused("{'index':1,'entry':'" + ENTRY + "','checkpoint':'c','proof':'x'}")
            .contains("\"proof\""));
    assertTrue(refused("[1]").contains("\"receipt\""));
  }

  @Test
  void aKeyWithoutLogHasNullAndABadLogIsRefused() throws Exception {
    String key =
        "{'id':'k1','recipient':'age1x','kind':'x25519','publishedAt':'2026-11-25T13:00:00Z'";
    assertNull(Parse.key(json(key + ",'log':null}")).log());
    assertNull(Parse.key(json(key + "}")).log());
    PublishedKey k = Parse.key(json(key + ",'log':{'index':7,'entry':'" + ENTRY + "'}}"));
    assertEquals(7, java.util.Objects.requireNonNull(k.log()).index());
    IOException e =
        assertThrows(IOException.class, () -> Parse.key(json(key + ",'log':{'index':7}}")));
    assertTrue(String.valueOf(e.getMessage()).contains("\"entry\""), e.getMessage());
  }

  @Test
  void entriesMustBeFlatJsonObjects() throws Exception {
    assertEquals("x", LogEntry.of("{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8)).get("a"));
    for (String bad :
        new String[] {"[1]", "{\"a\":{}}", "{\"a\":1.5}", "{\"a\":1,\"a\":2}", "{} {}", "{", ""}) {
      LogEntry e = LogEntry.of(bad.getBytes(StandardCharsets.UTF_8));
      assertThrows(IOException.class, e::fields, bad);
    }
  }
}
