package io.valise.store.sql;

import io.valise.core.group.Group;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.AccountId;
import io.valise.core.id.GroupId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class SqlGroups implements GroupRepository {
  private static final String INSERT =
      "INSERT INTO account_group (id, name, created_at) VALUES (?, ?, ?)";
  private static final String BY_ID = "SELECT id, name, created_at FROM account_group WHERE id = ?";
  private static final String BY_NAME =
      "SELECT id, name, created_at FROM account_group WHERE name = ?";
  private static final String ALL = "SELECT id, name, created_at FROM account_group ORDER BY name";
  private static final String DELETE = "DELETE FROM account_group WHERE id = ?";
  // ON CONFLICT DO NOTHING is the same in SQLite (3.24+) and PostgreSQL (9.5+).
  private static final String ADD =
      "INSERT INTO group_member (group_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final String REMOVE =
      "DELETE FROM group_member WHERE group_id = ? AND account_id = ?";
  private static final String MEMBERS =
      "SELECT account_id FROM group_member WHERE group_id = ? ORDER BY account_id";
  private static final String GROUPS_OF =
      "SELECT group_id FROM group_member WHERE account_id = ? ORDER BY group_id";

  private final Db db;

  SqlGroups(Db db) {
    this.db = db;
  }

  @Override
  public void create(Group g) {
    db.write(
        "create group " + g.name(),
        c -> {
          Names.claim(c, g.name());
          return Sql.update(
              c,
              INSERT,
              s -> {
                Sql.id(s, 1, g.id());
                s.setString(2, g.name());
                Sql.time(s, 3, g.createdAt());
              });
        });
  }

  @Override
  public Optional<Group> find(GroupId id) {
    return db.read(
        "find group " + id, c -> Sql.one(c, BY_ID, s -> Sql.id(s, 1, id), SqlGroups::read));
  }

  @Override
  public Optional<Group> findByName(String name) {
    return db.read(
        "find group by name", c -> Sql.one(c, BY_NAME, s -> s.setString(1, name), SqlGroups::read));
  }

  @Override
  public List<Group> list() {
    return db.read("list groups", c -> Sql.list(c, ALL, s -> {}, SqlGroups::read));
  }

  @Override
  public boolean delete(GroupId id) {
    return db.write(
        "delete group " + id,
        c -> {
          Optional<Group> g = Sql.one(c, BY_ID, s -> Sql.id(s, 1, id), SqlGroups::read);
          if (g.isEmpty()) {
            return false;
          }
          Sql.update(c, DELETE, s -> Sql.id(s, 1, id));
          Names.release(c, g.get().name());
          return true;
        });
  }

  @Override
  public boolean addMember(GroupId group, AccountId account) {
    return db.write(
            "add " + account + " to group " + group,
            c ->
                Sql.update(
                    c,
                    ADD,
                    s -> {
                      Sql.id(s, 1, group);
                      Sql.id(s, 2, account);
                    }))
        == 1;
  }

  @Override
  public boolean removeMember(GroupId group, AccountId account) {
    return db.write(
            "remove " + account + " from group " + group,
            c ->
                Sql.update(
                    c,
                    REMOVE,
                    s -> {
                      Sql.id(s, 1, group);
                      Sql.id(s, 2, account);
                    }))
        == 1;
  }

  @Override
  public List<AccountId> members(GroupId group) {
    return db.read(
        "list members of " + group,
        c ->
            Sql.list(
                c,
                MEMBERS,
                s -> Sql.id(s, 1, group),
                r -> AccountId.parse(Sql.string(r, "account_id"))));
  }

  @Override
  public List<GroupId> groupsOf(AccountId account) {
    return db.read(
        "list groups of " + account,
        c ->
            Sql.list(
                c,
                GROUPS_OF,
                s -> Sql.id(s, 1, account),
                r -> GroupId.parse(Sql.string(r, "group_id"))));
  }

  private static Group read(ResultSet r) throws SQLException {
    return new Group(
        GroupId.parse(Sql.string(r, "id")), Sql.string(r, "name"), Sql.time(r, "created_at"));
  }
}
