package io.valise.server.sftp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.valise.age.AgeException;
import io.valise.age.FileKey;
import io.valise.age.Header;
import io.valise.age.Recipient;
import io.valise.age.aead.AeadBackends;
import io.valise.age.keys.AgeKeys;
import io.valise.age.stream.Payload;
import io.valise.age.stream.Progress;
import io.valise.core.blob.BlobStore;
import io.valise.core.bytes.OpaqueBytes;
import io.valise.core.envelope.Envelope;
import io.valise.core.envelope.EnvelopeRepository;
import io.valise.core.group.Group;
import io.valise.core.group.GroupRepository;
import io.valise.core.id.AccountId;
import io.valise.core.id.EnvelopeId;
import io.valise.core.keydir.KeyDirectory;
import io.valise.core.keydir.PublishedKey;
import io.valise.core.tx.Transactions;
import io.valise.server.api.directory.NameResolver;
import io.valise.server.audit.Audit;
import io.valise.server.envelope.Intake;
import io.valise.server.http.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the gateway does with the stores, whatever the session: resolves outbox folders to
 * recipients, turns an upload into an envelope (stored as is when it is an age file; encrypted on
 * arrival, in memory, for accounts allowed to send clear files), lists the inbox, and reserves a
 * download with its audit entry.
 */
final class Gateway {
  /** The first line of every age file. */
  static final byte[] AGE_MAGIC = "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stores and services the gateway uses. */
  record Stores(
      Intake intake,
      NameResolver names,
      EnvelopeRepository envelopes,
      GroupRepository groups,
      KeyDirectory keys,
      BlobStore blobs,
      Transactions transactions,
      Audit audit) {}

  private final Stores stores;
  private final Set<String> clearIngress;
  private final Clock clock;
  private final SecureRandom random;
  private final RecentUploads recent = new RecentUploads();

  /**
   * @param clearIngress the accounts (by name) whose clear uploads are encrypted on arrival; any
   *     other account's clear upload is refused
   */
  Gateway(Stores stores, Set<String> clearIngress, Clock clock, SecureRandom random) {
    this.stores = stores;
    this.clearIngress = Set.copyOf(clearIngress);
    this.clock = clock;
    this.random = random;
  }

  BlobStore blobs() {
    return stores.blobs();
  }

  Clock clock() {
    return clock;
  }

  /** What each account uploaded lately through this node, by name, in memory only. */
  RecentUploads recent() {
    return recent;
  }

  /**
   * The recipients of an outbox folder: an active account or a group's active members.
   *
   * @throws SftpException naming the folder if it names neither
   */
  List<AccountId> recipients(String folder) throws SftpException {
    try {
      if (folder.contains(",")) {
        throw SftpException.noSuchFile("One recipient per folder: no commas in folder names");
      }
      return stores.names().resolve(folder);
    } catch (ApiException e) {
      throw SftpException.noSuchFile(
          "No folder /outbox/" + Node.printable(folder) + ": " + e.getMessage());
    }
  }

  /** The names shown in {@code /outbox}: every group, sorted. */
  List<String> folders() {
    return stores.groups().list().stream().map(Group::name).sorted().toList();
  }

  /** The envelopes addressed to the caller that can still be downloaded. */
  List<Envelope> inbox(Caller caller) {
    return stores.envelopes().inbox(caller.principal().account(), clock.instant());
  }

  /** An envelope addressed to the caller, for stat and listing. */
  Envelope received(Caller caller, Node.InboxFile file) throws SftpException {
    EnvelopeId id = file.envelope();
    if (id != null) {
      var found = stores.envelopes().findVisibleTo(id, caller.principal().account());
      if (found.isPresent()
          && found.get().recipients().contains(caller.principal().account())
          && found.get().availableAt(clock.instant())) {
        return found.get();
      }
    }
    throw SftpException.noSuchFile(
        "No envelope " + Node.printable(file.name()) + " in your inbox (expired or used up?)");
  }

  /**
   * Opens an envelope of the inbox for reading: the download is counted, atomically, with its
   * {@code envelope.download} entry, before any byte is sent.
   */
  Envelope download(Caller caller, Node.InboxFile file) throws SftpException {
    Envelope e = received(caller, file);
    boolean reserved =
        stores
            .transactions()
            .inTransaction(
                () -> {
                  if (!stores.envelopes().reserveDownload(e.id(), clock.instant())) {
                    return false;
                  }
                  var unused =
                      stores
                          .audit()
                          .append(
                              caller
                                  .event(stores.audit(), "envelope.download")
                                  .put("envelope", e.id().text())
                                  .put("range", "all"));
                  return true;
                });
    if (!reserved) {
      throw SftpException.noSuchFile("The envelope has expired or has no downloads left");
    }
    return e;
  }

  /**
   * Stores an upload to {@code recipients}: an age file as it is; any other file, if the caller may
   * send clear files, encrypted here to the recipients' current published keys, with its name
   * sealed in the envelope's metadata. The clear bytes exist only in this method's buffers.
   *
   * @throws SftpException with a message for the client if the upload is refused
   * @throws IOException if the upload was interrupted or the store failed
   */
  Intake.Stored deliver(
      Caller caller, List<AccountId> recipients, String name, UploadPipe.Reader in)
      throws SftpException, IOException {
    boolean age = Arrays.equals(in.peek(AGE_MAGIC.length), AGE_MAGIC);
    try {
      if (age) {
        return stores.intake().store(order(caller, recipients, "age", () -> empty()), in);
      }
      if (!clearIngress.contains(caller.principal().name())) {
        throw SftpException.denied(
            "Not an age file, and account "
                + caller.principal().name()
                + " may not send clear files: encrypt it with age to the recipients' keys first"
                + " (valise encrypt, or age -r), see docs/sftp.md");
      }
      return sealOnArrival(caller, recipients, name, in);
    } catch (AgeException e) {
      throw SftpException.failure("Refused: not a well-formed age file: " + e.getMessage());
    } catch (ApiException e) {
      throw SftpException.failure("Refused: " + e.getMessage());
    }
  }

  private Intake.Stored sealOnArrival(
      Caller caller, List<AccountId> recipients, String name, InputStream in)
      throws SftpException, IOException {
    List<Recipient> keys = keysOf(recipients);
    try (FileKey key = FileKey.generate(random)) {
      byte[] header;
      try {
        header = Header.seal(key, keys, random).encode();
      } catch (IllegalArgumentException e) {
        throw SftpException.failure(
            "Cannot encrypt to these recipients together (" + e.getMessage() + ")");
      }
      long[] plaintext = {0};
      Intake.Order order =
          order(caller, recipients, "clear", () -> metadata(key, name, plaintext[0]));
      return stores
          .intake()
          .store(
              order,
              header,
              out -> {
                plaintext[0] =
                    Payload.encrypt(
                        Channels.newChannel(in),
                        out,
                        key,
                        random,
                        AeadBackends.best(),
                        Progress.NONE);
                return Payload.payloadLength(plaintext[0]);
              });
    }
  }

  /** Every current published key of every recipient; a recipient without one is refused. */
  private List<Recipient> keysOf(List<AccountId> recipients) throws SftpException {
    List<Recipient> out = new ArrayList<>();
    for (AccountId a : recipients) {
      List<PublishedKey> current = stores.keys().current(a);
      if (current.isEmpty()) {
        throw SftpException.failure(
            "Recipient " + a.text() + " has no published key to encrypt to");
      }
      for (PublishedKey k : current) {
        out.add(AgeKeys.parseRecipient(k.recipient()));
      }
    }
    return out;
  }

  private Intake.Order order(
      Caller caller,
      List<AccountId> recipients,
      String ingress,
      java.util.function.Supplier<OpaqueBytes> metadata) {
    return new Intake.Order(
        caller.principal().account(),
        recipients,
        stores.intake().policy().defaultExpiry(),
        null,
        metadata,
        -1,
        caller.event(stores.audit(), "envelope.upload").put("ingress", ingress));
  }

  private static OpaqueBytes empty() {
    return OpaqueBytes.of(new byte[0]);
  }

  /**
   * The envelope's metadata as the CLI and web app read it, sealed under the file key, with {@code
   * "ingress": "sftp-clear"} so the recipient sees that the file passed the gateway in clear.
   */
  private OpaqueBytes metadata(FileKey key, String name, long size) {
    try {
      byte[] json =
          JSON.writeValueAsBytes(
              JSON.createObjectNode()
                  .put("name", name)
                  .put("type", "application/octet-stream")
                  .put("size", size)
                  .put("ingress", "sftp-clear"));
      ByteArrayOutputStream sealed = new ByteArrayOutputStream(json.length + 64);
      try (OutputStream enc = Payload.encryptingStream(sealed, key, random, AeadBackends.best())) {
        enc.write(json);
      }
      return OpaqueBytes.of(sealed.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("Sealing metadata in memory failed", e);
    }
  }
}
