package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.account.Account;
import io.valise.core.account.AccountKind;
import io.valise.core.account.AccountRepository;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.group.Group;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.AccountId;
import io.valise.core.id.GroupId;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountGroupContractTest extends StoreTest {
  @Test
  void accountsRoundTripAndNamesAreUnique() {
    AccountRepository accounts = store().accounts();
    Account alice = account("alice");
    Account lab =
        new Account(
            AccountId.random(random),
            "lab.biogroup-01",
            AccountKind.SYSTEM,
            true,
            null,
            OpaqueBytes.of(new byte[] {1, 2, 3}),
            clock.instant(),
            null);
    accounts.create(lab);

    assertEquals(Optional.of(alice), accounts.find(alice.id()));
    assertEquals(Optional.of(lab), accounts.findByName("lab.biogroup-01"));
    assertEquals(List.of(alice, lab), accounts.list());
    assertEquals(Optional.empty(), accounts.findByName("bob"));
    assertThrows(ConflictException.class, () -> account("alice"));
  }

  @Test
  void accountUpdatesChangeOneFieldAndReportMissingAccounts() {
    AccountRepository accounts = store().accounts();
    Account a = account("carol");
    assertTrue(accounts.updatePasswordHash(a.id(), "$argon2id$new"));
    assertTrue(accounts.updateTotpSecret(a.id(), OpaqueBytes.of(new byte[] {9})));
    assertTrue(accounts.setAdmin(a.id(), true));
    assertTrue(accounts.disable(a.id(), clock.instant()));
    assertFalse(accounts.disable(a.id(), clock.instant()), "already disabled");

    Account after = accounts.find(a.id()).orElseThrow();
    assertEquals("$argon2id$new", after.passwordHash());
    assertEquals(OpaqueBytes.of(new byte[] {9}), after.totpSecret());
    assertTrue(after.admin());
    assertFalse(after.active());

    AccountId nobody = AccountId.random(random);
    assertFalse(accounts.updatePasswordHash(nobody, null));
    assertFalse(accounts.setAdmin(nobody, true));
  }

  @Test
  void groupsHoldMembersAndDeleteCleanly() {
    GroupRepository groups = store().groups();
    Account a = account("agent-1");
    Account b = account("agent-2");
    Group cpam = new Group(GroupId.random(random), "cpam-75", clock.instant());
    groups.create(cpam);

    assertTrue(groups.addMember(cpam.id(), a.id()));
    assertTrue(groups.addMember(cpam.id(), b.id()));
    assertFalse(groups.addMember(cpam.id(), a.id()), "already a member");
    assertEquals(2, groups.members(cpam.id()).size());
    assertEquals(List.of(cpam.id()), groups.groupsOf(a.id()));
    assertEquals(Optional.of(cpam), groups.findByName("cpam-75"));

    assertTrue(groups.removeMember(cpam.id(), a.id()));
    assertEquals(List.of(b.id()), groups.members(cpam.id()));
    assertThrows(
        ConflictException.class,
        () -> groups.create(new Group(GroupId.random(random), "cpam-75", clock.instant())));
    assertThrows(
        UnknownReferenceException.class,
        () -> groups.addMember(cpam.id(), AccountId.random(random)));

    assertTrue(groups.delete(cpam.id()));
    assertEquals(List.of(), groups.groupsOf(b.id()));
    assertEquals(List.of(), groups.list());
    assertTrue(store().accounts().find(b.id()).isPresent(), "members outlive their group");
  }

  @Test
  void accountsAndGroupsShareOneNamespace() {
    GroupRepository groups = store().groups();
    account("bob");
    Group clash = new Group(GroupId.random(random), "bob", clock.instant());
    assertThrows(ConflictException.class, () -> groups.create(clash));
    assertEquals(Optional.empty(), groups.findByName("bob"));

    Group cpam = new Group(GroupId.random(random), "cpam-75", clock.instant());
    groups.create(cpam);
    assertThrows(ConflictException.class, () -> account("cpam-75"));
    assertEquals(Optional.empty(), store().accounts().findByName("cpam-75"));

    assertTrue(groups.delete(cpam.id()));
    account("cpam-75"); // a deleted group gives its name back
    assertTrue(store().accounts().findByName("cpam-75").isPresent());
  }
}
