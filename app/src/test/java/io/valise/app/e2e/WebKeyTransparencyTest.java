package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.valise.core.id.KeyId;
import io.valise.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The page checks recipient keys as the CLI does: a key the server hands out without its
 * key.publish entry in the audit log (here written straight into the database, as a compromised
 * server would) is refused and nothing is sent; recipients whose keys share no kind (post-quantum
 * and classical) are refused by name.
 */
class WebKeyTransparencyTest extends WebE2e {
  private void send(Page p, Path file, String to) {
    open(p, "/app/send");
    p.locator("#files").setInputFiles(file);
    p.getByLabel("To (accounts or groups").fill(to);
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Encrypt and send")).click();
  }

  @Test
  void aKeyTheLogNeverPublishedIsRefused() throws Exception {
    Person alice = ready("alice");
    ready("bob");
    Path f = files(alice).resolve("résultats.csv");
    Files.writeString(f, "for bob only");
    Page p = page();
    signIn(p, alice);
    send(p, f, "bob");
    assertThat(p.locator("ul.sent a")).hasCount(1);

    Path mallory = files(alice).resolve("mallory.key");
    alice.ok("keygen", "-o", mallory.toString());
    String recipient = alice.ok("keygen", "-y", mallory.toString()).out().strip();
    ServerConfig c = Objects.requireNonNull(config);
    try (Connection db = DriverManager.getConnection(c.database())) {
      String bobId;
      try (PreparedStatement q = db.prepareStatement("SELECT id FROM account WHERE name = ?")) {
        q.setString(1, "bob");
        try (ResultSet r = q.executeQuery()) {
          r.next();
          bobId = r.getString(1);
        }
      }
      try (PreparedStatement u =
          db.prepareStatement(
              "INSERT INTO published_key (id, account_id, recipient, kind, published_at)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        u.setString(1, KeyId.random(random).text());
        u.setString(2, bobId);
        u.setString(3, recipient);
        u.setString(4, "X25519");
        u.setLong(5, System.currentTimeMillis());
        assertEquals(1, u.executeUpdate());
      }
    }

    send(p, f, "bob");
    assertThat(p.locator("p.status"))
        .hasText(
            "Refused: the key "
                + recipient.substring(0, 16)
                + "… of bob is not proved to be in the audit log; the server may be substituting"
                + " keys.");
    assertThat(p.locator("ul.sent a")).hasCount(0);
  }

  @Test
  void recipientsWithNoKeyKindInCommonAreRefusedByName() throws Exception {
    Person alice = ready("alice");
    ready("bob"); // a classical key only
    Person carol = person("carol");
    login(carol);
    carol.ok("key", "publish", "--pq"); // a post-quantum key only
    Path f = files(alice).resolve("note.txt");
    Files.writeString(f, "bonjour");
    Page p = page();
    signIn(p, alice);
    send(p, f, "bob, carol");
    assertThat(p.locator("p.status")).containsText("carol has no key of the kind the others share");
    assertThat(p.locator("ul.sent a")).hasCount(0);

    send(p, f, "carol"); // alone she gets a post-quantum file; alice's only key is classical
    assertThat(p.locator("ul.sent a")).hasCount(1);
    assertThat(p.locator("ul.sent li.muted"))
        .containsText("you will not be able to open these files yourself");
    assertEquals(
        "bonjour",
        carol.ok("get", p.locator("ul.sent a").getAttribute("data-envelope"), "-o", "-").out());
  }
}
