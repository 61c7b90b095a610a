package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.id.AccountId;
import io.valise.core.id.SshKeyId;
import io.valise.core.sshkey.SshKey;
import io.valise.core.sshkey.SshKeyRepository;
import io.valise.core.sshkey.SshPublicKey;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshKeyContractTest extends StoreTest {
  // Made with ssh-keygen; the fingerprints are what ssh-keygen -lf printed.
  static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPEx/PKtVNMhQ4nGDlngxslaBHvojbgAiTQnFyYg/w6t lab";
  static final String ECDSA256 =
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBN/LpgDksfo1gT3aiZdgs0Xu3gpiNkK43oOjiVUE+tJf9mY6xr6PSRW160Uos3qvxvtMdUlFgiiPV6QRXiUCcOU=";
  static final String RSA3072 =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCRrkdckyPeZgE2jwkASPLO7VW7/zdLH0JzXN7Wz4kfLB294feyZgDXUSC8IU1IUHhUcqT4+RP0H3zp0MSASvqzbZayZM2oy+qbtfsHPuuZJ1pIE0zxh9AGZ6VqogITdgd2A3a0uy35Z9FSVGmgau58lYEiZf19Zz5lJF/nktAdCp3ZmmzD2CjymXKmo/IRnkWK1ckcV9uddbyxFyjDQQ3z5EPj71LmonNgCvgsIye3Ond1oTgRw6iO09qLD98NgAkyF8z55olrI75X5c3rz95mriBxzVpSXDNol37j/caZhTFANhR3jRW3Xz3FPGouop1fHDmXm1gbzA/agJnJUhJj/1spwMYzC1oHYNKw3rYOo66NKM+aIQTgkg9fYUAbzgUOhtf/TaMQGxaeANrU04FNg2lL3md3tSCkdkolWdq8kRv4sW5DDVRJvG3Y29STS2KQlFNP+Lb7Z5h3MR2JAE5DsKnTVEl+CxO774d8ESh+5+X3cqVMPWYiytMILF0lUWk=";

  private SshKey key(AccountId owner, String line, String comment) {
    return new SshKey(
        SshKeyId.random(random), owner, SshPublicKey.parse(line).key(), comment, clock.instant());
  }

  @Test
  void keysAreFoundByFingerprintListedOldestFirstAndRemovedByTheirOwner() {
    SshKeyRepository keys = store().sshKeys();
    AccountId lab = account("lab").id();
    AccountId bob = account("bob").id();
    SshKey rsa = key(lab, RSA3072, "night batch");
    keys.add(rsa);
    clock.advance(Duration.ofMinutes(1));
    SshKey ed = key(lab, ED25519, "");
    keys.add(ed);

    assertEquals(
        Optional.of(ed), keys.byFingerprint("SHA256:+3jXewIYA/EcOKP+3vOIwDzF3E/X0etlfULON8FX41k"));
    assertEquals(
        Optional.of(rsa), keys.byFingerprint("SHA256:udavu61b0Zt9Nu55fI+0iMCXnS9A2IzHITESvCB5V3o"));
    assertEquals(
        Optional.empty(), keys.byFingerprint(SshPublicKey.parse(ECDSA256).key().fingerprint()));
    assertEquals(List.of(rsa, ed), keys.of(lab));
    assertEquals(List.of(), keys.of(bob));

    assertFalse(keys.remove(bob, rsa.id()), "only the owner removes");
    assertFalse(keys.remove(lab, SshKeyId.random(random)));
    assertTrue(keys.remove(lab, rsa.id()));
    assertFalse(keys.remove(lab, rsa.id()));
    assertEquals(List.of(ed), keys.of(lab));
    assertEquals(Optional.empty(), keys.byFingerprint(rsa.fingerprint()));
  }

  @Test
  void aFingerprintBelongsToOneAccountAtMost() {
    SshKeyRepository keys = store().sshKeys();
    AccountId lab = account("lab").id();
    AccountId bob = account("bob").id();
    SshKey first = key(lab, ED25519, "lab");
    keys.add(first);

    assertThrows(ConflictException.class, () -> keys.add(key(bob, ED25519, "stolen")));
    assertThrows(ConflictException.class, () -> keys.add(key(lab, ED25519, "again")));
    SshKey sameId =
        new SshKey(first.id(), bob, SshPublicKey.parse(ECDSA256).key(), "", clock.instant());
    assertThrows(ConflictException.class, () -> keys.add(sameId));
    assertEquals(List.of(first), keys.of(lab));
    assertEquals(List.of(), keys.of(bob));

    keys.remove(lab, first.id());
    SshKey moved = key(bob, ED25519, "now bob's");
    keys.add(moved);
    assertEquals(Optional.of(moved), keys.byFingerprint(first.fingerprint()));
  }

  @Test
  void aKeyOfAMissingAccountIsRefused() {
    assertThrows(
        UnknownReferenceException.class,
        () -> store().sshKeys().add(key(AccountId.random(random), ED25519, "")));
    assertEquals(
        Optional.empty(),
        store().sshKeys().byFingerprint(SshPublicKey.parse(ED25519).key().fingerprint()));
  }

  @Test
  void anAddInAFailedTransactionLeavesNothing() {
    AccountId lab = account("lab").id();
    SshKey k = key(lab, ECDSA256, "lab");
    assertThrows(
        IOException.class,
        () ->
            store()
                .transactions()
                .inTransaction(
                    () -> {
                      store().sshKeys().add(k);
                      assertEquals(List.of(k), store().sshKeys().of(lab), "reads its own write");
                      throw new IOException("audit log unavailable");
                    }));
    assertEquals(List.of(), store().sshKeys().of(lab));
  }

  @Test
  void theCommentAndFullKeyComeBackUnchanged() {
    AccountId lab = account("lab").id();
    SshKey k = key(lab, RSA3072, "LIS - site Nord (printer room)");
    store().sshKeys().add(k);
    SshKey back = store().sshKeys().of(lab).getFirst();
    assertEquals(k.comment(), back.comment());
    assertEquals(RSA3072, back.publicKey().text());
    assertEquals(k.addedAt(), back.addedAt());
  }
}
