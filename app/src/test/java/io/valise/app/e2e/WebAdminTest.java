package io.valise.app.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * The administration pages: an administrator creates an account and a group and puts the one in the
 * other, sees the policy in force; the new account signs in; someone who is not an administrator
 * sees no such pages.
 */
class WebAdminTest extends WebE2e {
  @Test
  void anAdministratorCreatesAnAccountAndAGroup() throws Exception {
    Person alice = person("alice", true);
    Page p = page();
    signIn(p, alice);
    assertThat(p.locator("li.admin-link")).isVisible();
    p.locator("li.admin-link a").click();
    p.waitForURL(serverUrl() + "/app/admin");

    p.locator("input[name=newAccount]").fill("carol");
    p.locator("input[name=newPassword]").fill("short");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create")).click();
    assertThat(p.locator("p.status")).hasText("The password is too short (8 characters at least).");
    p.locator("input[name=newPassword]").fill(PASSWORD);
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create")).click();
    assertThat(p.locator("p.status")).hasText("Created carol");
    assertThat(p.locator("tr[data-account=carol]")).containsText("person");

    open(p, "/app/admin/groups");
    p.locator("input[name=newGroup]").fill("cpam-75");
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create")).click();
    assertThat(p.locator("li[data-group=cpam-75]")).containsText("no members");
    p.getByLabel("Account to add to cpam-75").fill("carol");
    p.locator("li[data-group=cpam-75]")
        .getByRole(
            AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Add"))
        .click();
    assertThat(p.locator("li[data-group=cpam-75] .members")).containsText("carol");

    open(p, "/app/admin/retention");
    assertThat(p.locator("dl.facts")).containsText("7 days");

    Page other = newContext().newPage();
    open(other, "/app/login");
    fillSignIn(other, "carol", PASSWORD, null);
    other.waitForURL(serverUrl() + "/app/inbox");
    assertThat(other.locator("li.admin-link")).isHidden();
  }

  @Test
  void someoneWhoIsNotAnAdministratorIsRefused() throws Exception {
    Page p = page();
    signIn(p, person("bob"));
    open(p, "/app/admin");
    assertThat(p.locator("main p.error")).hasText("Only an administrator can do this.");
  }
}
