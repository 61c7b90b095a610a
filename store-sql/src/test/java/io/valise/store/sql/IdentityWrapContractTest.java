package io.valise.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.id.AccountId;
import io.valise.core.id.IdentityWrapId;
import io.valise.core.id.PasskeyId;
import io.valise.core.identitywrap.IdentityWrap;
import io.valise.core.identitywrap.IdentityWrapKind;
import io.valise.core.identitywrap.IdentityWrapRepository;
import io.valise.core.passkey.Passkey;
import io.valise.core.tx.ConflictException;
import io.valise.core.tx.UnknownReferenceException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class IdentityWrapContractTest extends StoreTest {
  static final String RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

  private OpaqueBytes bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return OpaqueBytes.of(b);
  }

  private Passkey passkey(AccountId owner) {
    Passkey p =
        new Passkey(
            PasskeyId.random(random),
            owner,
            bytes(16),
            "key",
            bytes(100),
            0,
            false,
            false,
            List.of(),
            true,
            clock.instant(),
            null);
    store().passkeys().add(p);
    return p;
  }

  private IdentityWrap wrap(AccountId owner, @Nullable PasskeyId passkey) {
    return new IdentityWrap(
        IdentityWrapId.random(random),
        owner,
        passkey == null ? IdentityWrapKind.PASSPHRASE : IdentityWrapKind.PASSKEY,
        passkey,
        RECIPIENT,
        bytes(IdentityWrap.MAX_BYTES),
        clock.instant());
  }

  @Test
  void wrapsAreListedOldestFirstAndRemovedByTheirOwner() {
    IdentityWrapRepository wraps = store().identityWraps();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    Passkey key = passkey(alice);
    IdentityWrap byPassphrase = wrap(alice, null);
    wraps.add(byPassphrase);
    clock.advance(Duration.ofSeconds(1));
    IdentityWrap byPasskey = wrap(alice, key.id());
    wraps.add(byPasskey);

    assertEquals(List.of(byPassphrase, byPasskey), wraps.of(alice));
    assertEquals(List.of(byPasskey), wraps.ofPasskey(key.id()));
    assertEquals(List.of(), wraps.of(bob));
    assertFalse(wraps.remove(bob, byPassphrase.id()), "only the owner removes");
    assertTrue(wraps.remove(alice, byPassphrase.id()));
    assertFalse(wraps.remove(alice, byPassphrase.id()));
    assertEquals(List.of(byPasskey), wraps.of(alice));
    assertThrows(ConflictException.class, () -> wraps.add(byPasskey));
  }

  @Test
  void aPasskeyWrapGoesWithItsPasskey() {
    IdentityWrapRepository wraps = store().identityWraps();
    AccountId alice = account("alice").id();
    Passkey key = passkey(alice);
    Passkey other = passkey(alice);
    IdentityWrap gone = wrap(alice, key.id());
    wraps.add(gone);
    clock.advance(Duration.ofSeconds(1));
    IdentityWrap kept = wrap(alice, other.id());
    wraps.add(kept);
    clock.advance(Duration.ofSeconds(1));
    IdentityWrap passphrase = wrap(alice, null);
    wraps.add(passphrase);

    assertTrue(store().passkeys().remove(alice, key.id()));
    assertEquals(List.of(kept, passphrase), wraps.of(alice));
    assertEquals(List.of(), wraps.ofPasskey(key.id()));
  }

  @Test
  void aWrapNamesAPasskeyOfItsOwnAccount() {
    IdentityWrapRepository wraps = store().identityWraps();
    AccountId alice = account("alice").id();
    AccountId bob = account("bob").id();
    Passkey bobs = passkey(bob);
    assertThrows(UnknownReferenceException.class, () -> wraps.add(wrap(alice, bobs.id())));
    assertThrows(
        UnknownReferenceException.class, () -> wraps.add(wrap(alice, PasskeyId.random(random))));
    assertThrows(
        UnknownReferenceException.class, () -> wraps.add(wrap(AccountId.random(random), null)));
    assertEquals(List.of(), wraps.of(alice));
  }

  @Test
  void theBytesComeBackUnchanged() {
    AccountId alice = account("alice").id();
    IdentityWrap w = wrap(alice, null);
    store().identityWraps().add(w);
    IdentityWrap back = store().identityWraps().of(alice).getFirst();
    assertEquals(w.wrapped(), back.wrapped());
    assertEquals(RECIPIENT, back.recipient());
  }
}
