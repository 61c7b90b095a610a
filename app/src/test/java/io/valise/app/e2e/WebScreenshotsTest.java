package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Screenshots of the main pages at desktop and phone widths, in app/target/screenshots, for people
 * to look at; the test checks each one was written and that no page scrolls sideways.
 *
 * <p>SQLite only: a page's layout does not depend on the database.
 */
class WebScreenshotsTest extends WebE2e {
  static final Path DIR = Path.of("target", "screenshots");

  private record Viewport(String name, int width, int height) {}

  private static final List<Viewport> VIEWPORTS =
      List.of(new Viewport("desktop", 1280, 800), new Viewport("phone", 390, 844));

  @Override
  boolean runsOn(Database db) {
    return db == Database.SQLITE;
  }

  @Override
  String why() {
    return "a page's layout does not depend on the database";
  }

  @Test
  void theMainPagesAtDesktopAndPhoneWidths() throws Exception {
    Files.createDirectories(DIR);
    Person alice = ready("alice");
    Person bob = ready("bob");
    Path f = files(alice).resolve("résultats-laboratoire-2026-11-25-CPAM-75-envoi-quotidien.csv");
    Files.writeString(f, "nir,nom,résultat\n");
    String id = alice.ok("send", f.toString(), "--to", "bob", "--max-downloads", "3").out().strip();
    Path g = files(alice).resolve("scan.pdf");
    Files.write(g, new byte[300_000]);
    alice.ok("send", g.toString(), "--to", "bob");
    String link = alice.ok("share", id, "--link", "--max-downloads", "2").out().strip();

    for (Viewport v : VIEWPORTS) {
      Page anonymous = newContext(v.width(), v.height()).newPage();
      open(anonymous, "/app/login");
      shoot(anonymous, "login", v);
      anonymous.navigate(link);
      assertThat(anonymous.locator("dd.name")).not().isEmpty();
      shoot(anonymous, "share-link", v);

      Page p = newContext(v.width(), v.height()).newPage();
      signIn(p, bob);
      unlock(p, bob);
      shoot(p, "key", v);
      open(p, "/app/inbox");
      assertThat(p.locator("td .name").first()).not().hasText("…");
      assertThat(p.locator("td .name").last()).not().hasText("…");
      shoot(p, "inbox", v);
      open(p, "/app/envelopes/" + id);
      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create a share link"))
          .click();
      assertThat(p.locator("#new-link")).isVisible();
      shoot(p, "envelope", v);
      open(p, "/app/send");
      p.locator("#files").setInputFiles(f);
      p.getByLabel("To (accounts or groups").fill("alice, cpam-75");
      shoot(p, "send", v);

      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lire en français")).click();
      open(p, "/app/inbox");
      assertThat(p.getByRole(AriaRole.HEADING)).hasText("Reçus");
      assertThat(p.locator("td .name").first()).not().hasText("…");
      shoot(p, "inbox-fr", v);
      open(anonymous, "/app/login");
      anonymous
          .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lire en français"))
          .click();
      assertThat(anonymous.getByRole(AriaRole.HEADING)).hasText("Connexion");
      shoot(anonymous, "login-fr", v);
      anonymous.navigate(link);
      assertThat(anonymous.getByRole(AriaRole.HEADING)).hasText("Un fichier vous a été transmis");
      assertThat(anonymous.locator("dd.name")).not().isEmpty();
      shoot(anonymous, "share-link-fr", v);
    }
  }

  /** Saves the whole page as NAME-VIEWPORT.png and checks it is there and fits the width. */
  private static void shoot(Page p, String name, Viewport v) throws Exception {
    Path png = DIR.resolve(name + "-" + v.name() + ".png");
    p.screenshot(new Page.ScreenshotOptions().setPath(png).setFullPage(true));
    assertTrue(Files.size(png) > 10_000, png + " is nearly empty");
    int overflow =
        ((Number) p.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
            .intValue();
    assertTrue(overflow <= 0, png + ": the page is " + overflow + " px wider than the screen");
  }
}
