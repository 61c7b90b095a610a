import { h, field } from "../../dom.js";
import { t } from "../../i18n.js";
import { call, getJson, postJson } from "../../api.js";
import { card } from "../../layout.js";

/** Groups: who is in each, adding and removing members, creating and deleting groups. */
export async function groupsCard(ctx) {
  const { groups } = await getJson("/api/groups");
  const items = groups.map((g) => {
    const member = h("input", { name: `add-${g.name}`, autocapitalize: "none", spellcheck: "false", "aria-label": t("admin.addMemberTo", { name: g.name }) });
    return h("li", { "data-group": g.name, class: "group" },
      h("strong", {}, g.name), " ",
      h("ul", { class: "members" }, g.members.length ? g.members.map((m) => h("li", {}, m, " ",
        h("button", { type: "button", class: "link", "aria-label": t("admin.removeMember", { member: m, name: g.name }), onclick: async () => {
          try {
            await call("DELETE", `/api/groups/${encodeURIComponent(g.name)}/members/${encodeURIComponent(m)}`);
            ctx.reload();
          } catch (e) {
            ctx.fail(e);
          }
        } }, "×"))) : h("li", { class: "muted" }, t("admin.noMembers"))),
      h("form", { class: "row", onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await call("PUT", `/api/groups/${encodeURIComponent(g.name)}/members/${encodeURIComponent(member.value.trim())}`);
          ctx.reload();
        } catch (e) {
          ctx.fail(e);
        }
      } }, member, h("button", { type: "submit", class: "secondary small" }, t("admin.addMember")),
      h("button", { type: "button", class: "secondary small", onclick: async () => {
        if (!confirm(t("admin.confirmDeleteGroup", { name: g.name }))) return;
        try {
          await call("DELETE", `/api/groups/${encodeURIComponent(g.name)}`);
          ctx.reload();
        } catch (e) {
          ctx.fail(e);
        }
      } }, t("admin.deleteGroup"))));
  });
  const name = h("input", { name: "newGroup", required: true, autocapitalize: "none", spellcheck: "false" });
  const form = h("form", { class: "row", onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await postJson("/api/groups", { name: name.value.trim() });
      ctx.reload(t("admin.created", { name: name.value.trim() }));
    } catch (e) {
      ctx.fail(e);
    }
  } }, field(t("admin.newGroup"), name), h("div", { class: "field-button" }, h("button", { type: "submit" }, t("admin.create"))));
  return card(t("admin.groups"), h("ul", { class: "groups" }, items.length ? items : h("li", { class: "muted" }, t("admin.noGroups"))), form);
}
