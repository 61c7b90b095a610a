package io.valise.server.sftp;

import io.valise.core.id.EnvelopeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A place in the gateway's virtual tree. Client paths are parsed into nodes here and nowhere else;
 * no client path ever reaches the file system.
 *
 * <pre>
 * /                       Root
 * /inbox                  Inbox: envelopes addressed to the account
 * /inbox/ID.age           InboxFile
 * /outbox                 Outbox
 * /outbox/NAME            Folder: a recipient account or group
 * /outbox/NAME/FILE       OutboxFile: an upload that becomes an envelope to NAME
 * </pre>
 */
sealed interface Node {
  /** The longest path accepted, in characters. */
  int MAX_PATH = 1024;

  /** The longest file or folder name accepted, in characters (as most file systems). */
  int MAX_NAME = 255;

  /** Attributes shown for a node. */
  record Attrs(long size, int mode, Instant mtime) {
    static final int DIR = 0040000;
    static final int FILE = 0100000;

    static Attrs dir(int perms, Instant mtime) {
      return new Attrs(0, DIR | perms, mtime);
    }

    static Attrs file(long size, int perms, Instant mtime) {
      return new Attrs(size, FILE | perms, mtime);
    }

    boolean directory() {
      return (mode & DIR) != 0;
    }
  }

  /** The canonical path of this node. */
  String path();

  record Root() implements Node {
    @Override
    public String path() {
      return "/";
    }
  }

  record Inbox() implements Node {
    @Override
    public String path() {
      return "/inbox";
    }
  }

  record InboxFile(String name) implements Node {
    @Override
    public String path() {
      return "/inbox/" + name;
    }

    /** The envelope this file name stands for, or null if it names none. */
    @org.jspecify.annotations.Nullable
    EnvelopeId envelope() {
      if (!name.endsWith(".age")) {
        return null;
      }
      try {
        return EnvelopeId.parse(name.substring(0, name.length() - 4));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  record Outbox() implements Node {
    @Override
    public String path() {
      return "/outbox";
    }
  }

  record Folder(String name) implements Node {
    @Override
    public String path() {
      return "/outbox/" + name;
    }
  }

  record OutboxFile(String folder, String name) implements Node {
    @Override
    public String path() {
      return "/outbox/" + folder + "/" + name;
    }
  }

  /**
   * The node at {@code path}, relative paths taken from the root.
   *
   * @param dots whether {@code ..} segments are resolved (only REALPATH, which clients use to
   *     change folder); every other request with {@code ..} is refused
   * @throws SftpException naming the trick: {@code ..} where refused, a backslash, an encoded
   *     separator, a control character, a name or path that is too long, or a path below a file
   */
  static Node parse(String path, boolean dots) throws SftpException {
    if (path.length() > MAX_PATH) {
      throw SftpException.failure("Path longer than " + MAX_PATH + " characters");
    }
    List<String> parts = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!dots) {
          throw SftpException.denied("'..' is not allowed in paths; use absolute paths");
        }
        if (parts.isEmpty()) {
          throw SftpException.denied("'..' above the root");
        }
        parts.removeLast();
        continue;
      }
      check(segment);
      parts.add(segment);
    }
    return switch (parts.size()) {
      case 0 -> new Root();
      case 1 -> top(parts.get(0));
      case 2 ->
          switch (parts.get(0)) {
            case "inbox" -> new InboxFile(parts.get(1));
            case "outbox" -> new Folder(parts.get(1));
            default -> throw missing(path);
          };
      case 3 -> {
        if (parts.get(0).equals("outbox")) {
          yield new OutboxFile(parts.get(1), parts.get(2));
        }
        throw missing(path);
      }
      default ->
          throw parts.get(0).equals("outbox")
              ? SftpException.denied(
                  "No sub-folders in /outbox/NAME: put files directly in the recipient's folder")
              : missing(path);
    };
  }

  private static Node top(String name) throws SftpException {
    return switch (name) {
      case "inbox" -> new Inbox();
      case "outbox" -> new Outbox();
      default -> throw missing("/" + name);
    };
  }

  private static SftpException missing(String path) {
    return SftpException.noSuchFile(
        "No such file or folder: " + printable(path) + " (there are /inbox and /outbox/NAME)");
  }

  private static void check(String segment) throws SftpException {
    if (segment.length() > MAX_NAME) {
      throw SftpException.failure("Name longer than " + MAX_NAME + " characters");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw SftpException.failure("Control characters are not allowed in names");
      }
      if (c == '\\') {
        throw SftpException.failure("Backslashes are not allowed in names");
      }
    }
    String lower = segment.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e%2e")) {
      throw SftpException.failure("Encoded separators are not allowed in names");
    }
  }

  /** At most 100 printable ASCII characters of {@code s}, for messages. */
  static String printable(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
