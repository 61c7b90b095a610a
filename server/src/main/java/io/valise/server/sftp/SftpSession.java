package io.valise.server.sftp;

import io.valise.core.envelope.Envelope;
import io.valise.core.id.AccountId;
import io.valise.server.envelope.Intake;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One SFTP version 3 conversation over the virtual tree (see {@link Node}). Requests arrive whole
 * from {@link Inbound} and are handled one at a time, in order; every refusal is a status with a
 * message the client prints, and changes nothing. Files the account uploaded lately are remembered
 * by name, in memory only (see {@link RecentUploads}), so that clients that check what they wrote
 * see it; the store never holds the name.
 */
final class SftpSession {
  private static final int MAX_HANDLES = 64;
  private static final int MAX_READ = 256 * 1024;

  /** Replies held back at most while requests wait: a quarter of OpenSSH's 64 in flight. */
  private static final int HOLD_REPLIES = 16;

  private static final DateTimeFormatter LS_TIME =
      DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Gateway gateway;
  private final Caller caller;
  private final PrintStream log;
  private final Map<String, Handle> handles = new java.util.concurrent.ConcurrentHashMap<>();
  private int nextHandle;
  private OutputStream out = OutputStream.nullOutputStream();
  private OutputStream err = OutputStream.nullOutputStream();

  SftpSession(Gateway gateway, Caller caller, PrintStream log) {
    this.gateway = gateway;
    this.caller = caller;
    this.log = log;
  }

  /**
   * Serves requests from {@code in} until it ends; then aborts uploads left open. Refusals also go
   * to {@code errors}, the channel's stderr: OpenSSH's {@code sftp} prints only a status code's
   * generic text, but shows what the server writes there.
   */
  void serve(Inbound in, OutputStream rawOut, OutputStream errors)
      throws IOException, InterruptedException {
    this.err = errors;
    this.out = new BufferedOutputStream(rawOut, 64 * 1024);
    try {
      int held = 0;
      for (ByteBuffer packet; (packet = in.next()) != null; ) {
        int length = packet.remaining();
        dispatch(packet);
        in.handled(length);
        // Replies to writes and reads are held back while more requests wait, so a burst of them
        // leaves in a few SSH packets rather than one packet each; but never long, or a client
        // that keeps a fixed number of requests in flight would wait for its replies.
        if (++held >= HOLD_REPLIES || in.idle()) {
          out.flush();
          held = 0;
        }
      }
    } finally {
      abortAll("The SFTP session ended before the upload was closed; nothing was stored");
    }
  }

  /** Breaks the pipes of open uploads, from another thread (the channel closed). */
  void abortUploads(String why) {
    for (Handle h : handles.values()) {
      if (h instanceof Handle.Upload u) {
        u.pipe().abort(why);
      }
    }
  }

  /** Ends every open handle: uploads are abandoned, their staged blobs deleted. */
  void abortAll(String why) {
    for (Handle h : handles.values()) {
      switch (h) {
        case Handle.Upload u -> {
          u.pipe().abort(why);
          try {
            var unused = u.stored().get();
          } catch (ExecutionException e) {
            // expected: the store saw the broken pipe and removed the staged blob
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        case Handle.Download d -> {
          try {
            d.close();
          } catch (IOException e) {
            // nothing left to do for it
          }
        }
        case Handle.Listing l -> {}
      }
    }
    handles.clear();
  }

  private void dispatch(ByteBuffer p) throws IOException {
    int type = p.get() & 0xff;
    if (type != Wire.WRITE && type != Wire.READ) {
      out.flush(); // what may take a while (a close that stores an envelope) goes after the replies
    }
    if (type == Wire.INIT) {
      send(new Wire.Out(Wire.VERSION, 16).put32(3));
      return;
    }
    if (p.remaining() < 4) {
      throw new IOException("SFTP request without an id");
    }
    int id = p.getInt();
    try {
      switch (type) {
        case Wire.REALPATH -> realpath(id, p);
        case Wire.STAT, Wire.LSTAT -> stat(id, Node.parse(Wire.text(p), false));
        case Wire.FSTAT -> fstat(id, handle(p));
        case Wire.OPENDIR -> opendir(id, Node.parse(Wire.text(p), false));
        case Wire.READDIR -> readdir(id, handle(p));
        case Wire.OPEN -> open(id, p);
        case Wire.WRITE -> write(id, p);
        case Wire.READ -> read(id, p);
        case Wire.CLOSE -> close(id, p);
        case Wire.SETSTAT -> setstat(id, Node.parse(Wire.text(p), false));
        case Wire.FSETSTAT -> fsetstat(id, handle(p));
        case Wire.MKDIR -> mkdir(id, Node.parse(Wire.text(p), false));
        case Wire.RENAME -> rename(id, p);
        case Wire.REMOVE, Wire.RMDIR -> remove(Node.parse(Wire.text(p), false));
        case Wire.READLINK, Wire.SYMLINK ->
            throw SftpException.unsupported("Links are not supported here");
        case Wire.EXTENDED ->
            throw SftpException.unsupported(
                "Extension " + Node.printable(Wire.text(p)) + " is not supported here");
        default -> throw SftpException.unsupported("Request type " + type + " is not supported");
      }
    } catch (SftpException e) {
      status(id, e.status(), e.getMessage() + "");
      try {
        err.write(("valise: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException ignored) {
        // the status went out; stderr is a courtesy
      }
    }
  }

  private void realpath(int id, ByteBuffer p) throws IOException, SftpException {
    String path = Wire.text(p);
    Node n = Node.parse(path.isEmpty() ? "/" : path, true);
    Node.Attrs a = attrsOrDir(n);
    send(name(id, List.of(new Handle.Entry(n.path(), a)), false));
  }

  /** REALPATH answers for paths that do not exist yet too (a file about to be uploaded). */
  private Node.Attrs attrsOrDir(Node n) {
    try {
      return attrs(n);
    } catch (SftpException e) {
      return Node.Attrs.dir(0, Instant.EPOCH);
    }
  }

  private void stat(int id, Node n) throws IOException, SftpException {
    send(new Wire.Out(Wire.ATTRS, 64).put32(id).putAttrs(attrs(n)));
  }

  private void fstat(int id, Handle h) throws IOException {
    Node.Attrs a =
        switch (h) {
          case Handle.Upload u ->
              Node.Attrs.file(u.pipe().written(), 0200, gateway.clock().instant());
          case Handle.Download d -> Node.Attrs.file(d.size(), 0440, d.envelope.createdAt());
          case Handle.Listing l -> Node.Attrs.dir(0550, Instant.EPOCH);
        };
    send(new Wire.Out(Wire.ATTRS, 64).put32(id).putAttrs(a));
  }

  private Node.Attrs attrs(Node n) throws SftpException {
    Instant now = gateway.clock().instant();
    return switch (n) {
      case Node.Root r -> Node.Attrs.dir(0555, now);
      case Node.Inbox i -> Node.Attrs.dir(0555, now);
      case Node.Outbox o -> Node.Attrs.dir(0555, now);
      case Node.Folder f -> {
        var unused = gateway.recipients(f.name());
        yield Node.Attrs.dir(0755, now);
      }
      case Node.InboxFile f -> {
        Envelope e = gateway.received(caller, f);
        yield Node.Attrs.file(e.header().length() + e.payloadLength(), 0440, e.createdAt());
      }
      case Node.OutboxFile f -> {
        RecentUploads.Uploaded u = gateway.recent().get(me(), f.path(), now);
        if (u == null) {
          throw SftpException.noSuchFile(
              "No file " + Node.printable(f.path()) + " (uploads are sealed and not listed later)");
        }
        yield Node.Attrs.file(u.size(), 0200, u.at());
      }
    };
  }

  private void opendir(int id, Node n) throws IOException, SftpException {
    List<Handle.Entry> entries = new ArrayList<>();
    Instant now = gateway.clock().instant();
    switch (n) {
      case Node.Root r -> {
        entries.add(new Handle.Entry("inbox", Node.Attrs.dir(0555, now)));
        entries.add(new Handle.Entry("outbox", Node.Attrs.dir(0555, now)));
      }
      case Node.Inbox i -> {
        for (Envelope e : gateway.inbox(caller)) {
          entries.add(
              new Handle.Entry(
                  e.id().text() + ".age",
                  Node.Attrs.file(e.header().length() + e.payloadLength(), 0440, e.createdAt())));
        }
      }
      case Node.Outbox o -> {
        for (String g : gateway.folders()) {
          entries.add(new Handle.Entry(g, Node.Attrs.dir(0755, now)));
        }
      }
      case Node.Folder f -> {
        var unused = gateway.recipients(f.name());
        String prefix = f.path() + "/";
        for (Map.Entry<String, RecentUploads.Uploaded> u : gateway.recent().in(me(), prefix, now)) {
          entries.add(
              new Handle.Entry(
                  u.getKey(), Node.Attrs.file(u.getValue().size(), 0200, u.getValue().at())));
        }
      }
      case Node.InboxFile f -> throw SftpException.failure(f.path() + " is a file");
      case Node.OutboxFile f -> throw SftpException.noSuchFile(f.path() + " is not a folder");
    }
    sendHandle(id, new Handle.Listing(entries));
  }

  private void readdir(int id, Handle h) throws IOException, SftpException {
    if (!(h instanceof Handle.Listing l)) {
      throw SftpException.failure("Not a folder handle");
    }
    if (l.sent || l.entries.isEmpty()) {
      status(id, Wire.EOF, "End of folder");
      return;
    }
    l.sent = true;
    send(name(id, l.entries, true));
  }

  private void open(int id, ByteBuffer p) throws IOException, SftpException {
    String path = Wire.text(p);
    int flags = Wire.int32(p);
    Wire.skipAttrs(p);
    Node n = Node.parse(path, false);
    boolean writing = (flags & Wire.OPEN_WRITE) != 0;
    switch (n) {
      case Node.InboxFile f -> {
        if (writing) {
          throw SftpException.denied("The inbox is read-only");
        }
        reserveHandles();
        sendHandle(id, new Handle.Download(gateway.download(caller, f)));
      }
      case Node.OutboxFile f -> {
        if (!writing) {
          throw SftpException.denied(
              "Uploads cannot be read back: the envelope is sealed for its recipients");
        }
        if ((flags & Wire.OPEN_APPEND) != 0) {
          throw SftpException.unsupported("Appending is not supported: upload whole files");
        }
        reserveHandles();
        sendHandle(id, upload(f, gateway.recipients(f.folder())));
      }
      case Node.Inbox i -> throw SftpException.failure("/inbox is a folder");
      case Node.Outbox o -> throw SftpException.failure("/outbox is a folder");
      case Node.Root r -> throw SftpException.failure("/ is a folder");
      case Node.Folder f ->
          throw SftpException.failure(
              f.path() + " is a folder: upload files into it, as " + f.path() + "/FILE");
    }
  }

  /** Starts the thread that stores what the pipe carries. */
  private Handle.Upload upload(Node.OutboxFile f, List<AccountId> recipients) {
    UploadPipe pipe = new UploadPipe();
    CompletableFuture<Intake.Stored> stored = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("valise-sftp-upload")
        .start(
            () -> {
              try {
                stored.complete(gateway.deliver(caller, recipients, f.name(), pipe.reader()));
              } catch (SftpException e) {
                pipe.abort(e.getMessage() + "");
                stored.completeExceptionally(e);
              } catch (IOException | RuntimeException e) {
                pipe.abort("The upload failed: " + e.getMessage());
                stored.completeExceptionally(e);
              }
            });
    return new Handle.Upload(f, pipe, stored);
  }

  private void write(int id, ByteBuffer p) throws IOException, SftpException {
    String key = new String(Wire.bytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
    long offset = Wire.int64(p);
    ByteBuffer data = Wire.slice(p);
    if (!(handles.get(key) instanceof Handle.Upload u)) {
      throw SftpException.failure("Not a handle open for writing");
    }
    try {
      u.pipe().write(offset, data);
    } catch (SftpException e) {
      // The upload is lost: say why (the store's own refusal if it gave one).
      throw refusal(u.stored(), e);
    }
    status(id, Wire.OK, "");
  }

  private void read(int id, ByteBuffer p) throws IOException, SftpException {
    Handle h = handle(p);
    long offset = Wire.int64(p);
    int len = Math.min(Wire.int32(p), MAX_READ);
    if (!(h instanceof Handle.Download d)) {
      throw SftpException.failure("Not a handle open for reading");
    }
    byte[] bytes = d.read(gateway, offset, len);
    if (bytes.length == 0) {
      status(id, Wire.EOF, "End of file");
      return;
    }
    Wire.Out o = new Wire.Out(Wire.DATA, 16).put32(id).put32(bytes.length);
    byte[] head = o.raw();
    int total = o.length() - 4 + bytes.length;
    head[0] = (byte) (total >>> 24);
    head[1] = (byte) (total >>> 16);
    head[2] = (byte) (total >>> 8);
    head[3] = (byte) total;
    out.write(head, 0, o.length());
    out.write(bytes);
  }

  private void close(int id, ByteBuffer p) throws IOException, SftpException {
    String key = new String(Wire.bytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
    Handle h = handles.remove(key);
    if (h == null) {
      throw SftpException.failure("No such handle");
    }
    switch (h) {
      case Handle.Upload u -> {
        try {
          u.pipe().finish();
          Intake.Stored s = u.stored().get();
          gateway
              .recent()
              .put(
                  me(),
                  u.target().path(),
                  new RecentUploads.Uploaded(u.pipe().written(), gateway.clock().instant()));
          log.println(
              "valise: sftp: %s sent envelope %s (%d bytes)"
                  .formatted(
                      caller.principal().name(), s.envelope().id(), s.envelope().payloadLength()));
        } catch (SftpException e) {
          throw refusal(u.stored(), e);
        } catch (ExecutionException e) {
          throw refusal(u.stored(), SftpException.failure("The upload failed"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          u.pipe().abort("Interrupted");
          throw SftpException.failure("Interrupted");
        }
      }
      case Handle.Download d -> d.close();
      case Handle.Listing l -> {}
    }
    status(id, Wire.OK, "");
  }

  /** The store's own refusal of an upload, if it gave one, else {@code fallback}. */
  private static SftpException refusal(Future<Intake.Stored> stored, SftpException fallback) {
    try {
      var unused = stored.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SftpException s) {
        return s;
      }
      if (e.getCause() != null) {
        return SftpException.failure("Upload refused: " + e.getCause().getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fallback;
  }

  private void setstat(int id, Node n) throws IOException, SftpException {
    if (n instanceof Node.OutboxFile || n instanceof Node.Folder) {
      var unused = attrs(n);
      status(id, Wire.OK, ""); // times and modes mean nothing in a sealed envelope: accepted, kept
      return;
    }
    throw SftpException.denied("Attributes cannot be changed here");
  }

  private void fsetstat(int id, Handle h) throws IOException, SftpException {
    if (h instanceof Handle.Upload) {
      status(id, Wire.OK, "");
      return;
    }
    throw SftpException.denied("Attributes cannot be changed here");
  }

  private void mkdir(int id, Node n) throws IOException, SftpException {
    if (n instanceof Node.Folder f) {
      var unused = gateway.recipients(f.name());
      status(id, Wire.OK, ""); // every recipient's folder exists already
      return;
    }
    throw SftpException.denied(
        "Folders cannot be made here: /outbox/NAME exists for every account and group");
  }

  private void rename(int id, ByteBuffer p) throws IOException, SftpException {
    Node from = Node.parse(Wire.text(p), false);
    Node to = Node.parse(Wire.text(p), false);
    if (from instanceof Node.OutboxFile a
        && to instanceof Node.OutboxFile b
        && a.folder().equals(b.folder())
        && gateway.recent().rename(me(), a.path(), b.path(), gateway.clock().instant())) {
      status(id, Wire.OK, ""); // the name lives in memory only; the envelope is unchanged
      return;
    }
    throw SftpException.denied(
        "Renaming is only possible for a file you just uploaded, within its folder");
  }

  private void remove(Node n) throws SftpException {
    throw switch (n) {
      case Node.InboxFile f ->
          SftpException.denied("Envelopes expire on their own; they cannot be deleted here");
      case Node.OutboxFile f ->
          SftpException.denied(
              "A sent envelope cannot be deleted over SFTP: withdraw it with 'valise revoke'");
      default -> SftpException.denied("Folders cannot be removed");
    };
  }

  private AccountId me() {
    return caller.principal().account();
  }

  private Handle handle(ByteBuffer p) throws SftpException {
    String key = new String(Wire.bytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
    Handle h = handles.get(key);
    if (h == null) {
      throw SftpException.failure("No such handle");
    }
    return h;
  }

  private void reserveHandles() throws SftpException {
    if (handles.size() >= MAX_HANDLES) {
      throw SftpException.failure("Too many open files in this session (" + MAX_HANDLES + ")");
    }
  }

  private void sendHandle(int id, Handle h) throws IOException {
    String key = Integer.toString(nextHandle++);
    handles.put(key, h);
    send(new Wire.Out(Wire.HANDLE, 32).put32(id).putText(key));
  }

  private Wire.Out name(int id, List<Handle.Entry> entries, boolean longNames) {
    Wire.Out o = new Wire.Out(Wire.NAME, 256).put32(id).put32(entries.size());
    for (Handle.Entry e : entries) {
      o.putText(e.name());
      o.putText(longNames ? longName(e) : e.name());
      o.putAttrs(e.attrs());
    }
    return o;
  }

  /** A line as {@code ls -l} prints it, which SFTP version 3 clients show as is. */
  private String longName(Handle.Entry e) {
    Node.Attrs a = e.attrs();
    StringBuilder perms = new StringBuilder(a.directory() ? "d" : "-");
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      perms.append((a.mode() & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    String owner = caller.principal().name();
    return "%s 1 %-8s %-8s %12d %s %s"
        .formatted(perms, owner, owner, a.size(), LS_TIME.format(a.mtime()), e.name());
  }

  private void status(int id, int code, String message) throws IOException {
    send(
        new Wire.Out(Wire.STATUS, 32 + message.length())
            .put32(id)
            .put32(code)
            .putText(message)
            .putText("en"));
  }

  /** Queues a reply; {@link #serve} flushes when no request is waiting. */
  private void send(Wire.Out o) throws IOException {
    out.write(o.raw(), 0, o.length());
  }
}
