package io.valise.server.api.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.passkey.Passkey;
import io.valise.core.passkey.WebAuthnChallenge;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a browser's answers to WebAuthn ceremonies with webauthn4j (Level 3, sections 7.1 and
 * 7.2): the client data's type, challenge and origin (and not cross-origin), the relying party id
 * hash, the user present and user verified flags (both required: a passkey stands for both
 * factors), the algorithm (EdDSA, ES256, RS256), the attestation statement's own signature where it
 * has one (no attestation trust is asked for: we request {@code attestation: "none"}), and for a
 * sign-in the signature over authenticator data and the client data's hash, and the signature
 * counter.
 */
public final class Ceremonies {
  /** The algorithms offered, in order of preference: Ed25519, P-256, RSA. */
  public static final List<Long> ALGORITHMS = List.of(-8L, -7L, -257L);

  private final RelyingParty rp;
  private final ObjectConverter converter = new ObjectConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
  private final AttestedCredentialDataConverter attested =
      new AttestedCredentialDataConverter(converter);
  private final List<PublicKeyCredentialParameters> parameters =
      List.of(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

  public Ceremonies(RelyingParty rp) {
    this.rp = rp;
  }

  /** The relying party the ceremonies are for. */
  public RelyingParty relyingParty() {
    return rp;
  }

  /** What a registration yields, to be stored. */
  public record Registered(
      OpaqueBytes credentialId,
      OpaqueBytes attestedCredential,
      long signCount,
      boolean backupEligible,
      boolean backupState) {}

  /** What a sign-in yields, to be recorded. */
  public record Asserted(long signCount, boolean backupState) {}

  /**
   * Checks a registration answered to {@code challenge}.
   *
   * @throws PasskeyRefused naming the check that failed
   */
  public Registered register(CredentialJson.Registration r, WebAuthnChallenge challenge) {
    RegistrationData data;
    try {
      data =
          manager.parse(
              new RegistrationRequest(
                  r.attestationObject().toByteArray(),
                  r.clientDataJson().toByteArray(),
                  Set.copyOf(r.transports())));
      manager.verify(data, new RegistrationParameters(server(challenge), parameters, true, true));
    } catch (DataConversionException | IllegalArgumentException e) {
      throw new PasskeyRefused(
          "malformed", "The attestationObject or clientDataJSON cannot be read as WebAuthn data");
    } catch (VerificationException e) {
      throw refused(e);
    }
    var attestation = data.getAttestationObject();
    if (attestation == null) {
      throw new PasskeyRefused("malformed", "The registration holds no attestationObject");
    }
    AuthenticatorData<?> auth = attestation.getAuthenticatorData();
    AttestedCredentialData credential = auth.getAttestedCredentialData();
    if (credential == null) {
      throw new PasskeyRefused("malformed", "The authenticator data holds no credential");
    }
    if (!java.util.Arrays.equals(credential.getCredentialId(), r.rawId().toByteArray())) {
      throw new PasskeyRefused(
          "malformed", "credential.rawId is not the id of the credential the authenticator made");
    }
    byte[] encoded = attested.convert(credential);
    if (encoded.length > Passkey.MAX_ATTESTED_CREDENTIAL) {
      throw new PasskeyRefused("malformed", "The credential's public key is too large");
    }
    return new Registered(
        r.rawId(), OpaqueBytes.of(encoded), auth.getSignCount(), auth.isFlagBE(), auth.isFlagBS());
  }

  /**
   * Checks a sign-in with {@code passkey} answered to {@code challenge}.
   *
   * @throws PasskeyRefused naming the check that failed
   */
  public Asserted authenticate(
      CredentialJson.Assertion a, WebAuthnChallenge challenge, Passkey passkey) {
    AuthenticationData data;
    OpaqueBytes handle = a.userHandle();
    try {
      data =
          manager.parse(
              new AuthenticationRequest(
                  a.rawId().toByteArray(),
                  handle == null ? null : handle.toByteArray(),
                  a.authenticatorData().toByteArray(),
                  a.clientDataJson().toByteArray(),
                  a.signature().toByteArray()));
      CredentialRecord record =
          new CredentialRecordImpl(
              null,
              true,
              passkey.backupEligible(),
              passkey.backupState(),
              passkey.signCount(),
              attested.convert(passkey.attestedCredential().toByteArray()),
              null,
              null,
              null,
              passkey.transports().stream()
                  .map(com.webauthn4j.data.AuthenticatorTransport::create)
                  .collect(Collectors.toSet()));
      manager.verify(
          data, new AuthenticationParameters(server(challenge), record, null, true, true));
    } catch (DataConversionException | IllegalArgumentException e) {
      throw new PasskeyRefused(
          "malformed", "The authenticatorData or clientDataJSON cannot be read as WebAuthn data");
    } catch (VerificationException e) {
      throw refused(e);
    }
    AuthenticatorData<?> auth = data.getAuthenticatorData();
    if (auth == null) {
      throw new PasskeyRefused("malformed", "The answer holds no authenticator data");
    }
    return new Asserted(auth.getSignCount(), auth.isFlagBS());
  }

  private ServerProperty server(WebAuthnChallenge challenge) {
    Set<Origin> origins = rp.origins().stream().map(Origin::create).collect(Collectors.toSet());
    return ServerProperty.builder()
        .origins(origins)
        .rpId(rp.id())
        .challenge(new DefaultChallenge(challenge.challenge().toByteArray()))
        .build();
  }

  private PasskeyRefused refused(VerificationException e) {
    return switch (e) {
      case BadOriginException o ->
          new PasskeyRefused(
              "origin",
              "The ceremony ran on an origin this server does not serve (expected one of "
                  + rp.origins()
                  + ")");
      case CrossOriginException o ->
          new PasskeyRefused("cross_origin", "The ceremony ran in a cross-origin frame");
      case BadRpIdException o ->
          new PasskeyRefused(
              "rp_id", "The authenticator signed for another relying party than " + rp.id());
      case BadChallengeException o ->
          new PasskeyRefused(
              "challenge", "The client data's challenge is not the one of this challengeId");
      case InconsistentClientDataTypeException o ->
          new PasskeyRefused(
              "client_data_type", "The client data's type is not the one of this ceremony");
      case UserNotVerifiedException o ->
          new PasskeyRefused(
              "user_verification",
              "The authenticator did not verify the user (PIN or biometrics are required)");
      case UserNotPresentException o ->
          new PasskeyRefused("user_presence", "The authenticator did not test user presence");
      case BadSignatureException o ->
          new PasskeyRefused("signature", "The signature does not verify with this passkey");
      case MaliciousCounterValueException o ->
          new PasskeyRefused(
              "counter",
              "The authenticator's signature counter did not move forward: the passkey may have"
                  + " been cloned");
      case NotAllowedAlgorithmException o ->
          new PasskeyRefused(
              "algorithm", "The credential's algorithm is not one offered (EdDSA, ES256, RS256)");
      default ->
          new PasskeyRefused(
              "invalid", "The answer fails a WebAuthn check: " + e.getClass().getSimpleName());
    };
  }
}
