import { h, liveRegion } from "../dom.js";
import { t } from "../i18n.js";
import { page, explain } from "../layout.js";
import { accountsCard } from "./admin/accounts.js";
import { groupsCard } from "./admin/groups.js";
import { policyCard, retentionCard } from "./admin/policy.js";

/** The administrator's pages: accounts, groups, policy and retention, one section each. */
export async function adminPage(section = "accounts", notice = "") {
  const status = liveRegion();
  const ctx = {
    reload(message = "") {
      adminPage(section, message);
    },
    say(text, cls = "status") {
      status.className = cls;
      status.textContent = text;
    },
    fail(e) {
      ctx.say(explain(e), "status error");
    },
  };
  if (notice) ctx.say(notice, "status ok");
  const tabs = h("nav", { class: "tabs", "aria-label": t("admin.sections") }, h("ul", {},
    ["accounts", "groups", "retention"].map((s) => h("li", {}, h("a", { href: `/app/admin/${s}`, "aria-current": s === section ? "page" : undefined }, t(`admin.tab.${s}`))))));
  let body;
  try {
    body = section === "groups" ? [await groupsCard(ctx)] : section === "retention" ? [await policyCard(), await retentionCard()] : [await accountsCard(ctx)];
  } catch (e) {
    body = [h("p", { class: "error", role: "alert" }, explain(e))];
  }
  page(t("admin.title"), tabs, status, ...body);
}
