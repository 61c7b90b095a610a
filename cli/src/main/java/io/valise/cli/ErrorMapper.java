package io.valise.cli;

import io.valise.age.AgeException;
import io.valise.age.ArmorException;
import io.valise.age.HeaderException;
import io.valise.age.HeaderMacException;
import io.valise.age.NoIdentityMatchException;
import io.valise.age.PayloadException;
import io.valise.client.api.ApiProblem;
import io.valise.client.audit.AuditException;
import io.valise.client.keys.ChangedKeyException;
import io.valise.client.keys.MissingKeyException;
import io.valise.client.web.WebMismatchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * The one place where a failure becomes what the user sees: a single line for stderr and an exit
 * code. Exit codes: {@value #FAILED} for bad input or a failed operation, {@value #USAGE} for a
 * command line that cannot work, {@value #AUDIT} when the server's audit log does not verify;
 * {@value #REJECTED} (not a failure) when {@code lab send} sent the valid records and rejected
 * some. Messages never contain secrets; library messages are used only where they describe public
 * data (header fields, chunk numbers, file names).
 */
final class ErrorMapper {
  /** The operation failed: bad key, corrupt file, unreadable file... */
  static final int FAILED = 1;

  /** The command line is wrong; the user should read {@code --help}. */
  static final int USAGE = 2;

  /**
   * The server's audit log did not verify (a fork, a rollback, a bad proof or receipt, a key not in
   * the log, a changed log key), or the web app it serves is not the release it published: a reason
   * to suspect the server, not a usage or network problem.
   */
  static final int AUDIT = 3;

  /**
   * {@code lab send} sent every valid record but rejected invalid ones (listed in its reject
   * report): the transmission is done, the rejected records need attention.
   */
  static final int REJECTED = 4;

  /** What to show and how to exit. */
  record Failure(String message, int exitCode) {}

  private ErrorMapper() {}

  static Failure map(Throwable t) {
    return switch (t) {
      case UsageException u -> new Failure(oneLine(u.getMessage() + ""), USAGE);
      case ParameterException p -> new Failure(oneLine(p.getMessage() + ""), USAGE);
      case CliException c -> failed(c.getMessage());
      case ApiProblem p -> failed(problem(p));
      case AuditException a -> new Failure(oneLine(a.getMessage()), AUDIT);
      case WebMismatchException w ->
          new Failure(
              oneLine("the served web app is not its published release: " + w.getMessage()), AUDIT);
      case ChangedKeyException c -> failed(c.getMessage());
      case MissingKeyException m -> failed(m.getMessage());
      case AgeException a -> failed(age(a));
      case UncheckedIOException u -> unwrap(u);
      case CompletionException c -> unwrap(c);
      case ExecutionException e -> unwrap(e);
      case FileSystemException f -> failed(fileSystem(f));
      case IOException io -> failed("I/O error: " + io.getMessage());
      case IllegalArgumentException i -> failed(i.getMessage() + "");
      case OutOfMemoryError o ->
          failed(
              "out of memory (a passphrase-encrypted file with a high scrypt work factor needs"
                  + " several GiB; raise the heap with VALISE_JAVA_OPTS=-Xmx...)");
      default -> internal(t);
    };
  }

  /** A refusal by the server, with a hint where the user can act on it. */
  private static String problem(ApiProblem p) {
    String hint =
        switch (p.code()) {
          case "unauthenticated", "session_expired", "bad_token" ->
              " (run 'valise login URL --user NAME' again)";
          case "not_found" ->
              " (check the name or id; 'valise inbox' and 'valise outbox' list ids)";
          default -> "";
        };
    return "server: " + p.detail() + " [" + p.code() + "]" + hint;
  }

  /** Wrappers from streams and thread pools: what matters is inside. */
  private static Failure unwrap(Throwable wrapper) {
    Throwable cause = wrapper.getCause();
    return cause == null ? internal(wrapper) : map(cause);
  }

  private static Failure internal(Throwable t) {
    return failed("internal error: " + t + " (run with VALISE_DEBUG=1 for details)");
  }

  /** Exhaustive over the age library's failures: a new subclass breaks this switch's build. */
  static String age(AgeException e) {
    return switch (e) {
      case HeaderException h -> "not a valid age file (bad header): " + h.getMessage();
      case NoIdentityMatchException n ->
          "no identity matched any of the file's recipients: is it the right key?";
      case HeaderMacException m ->
          "the file's header was modified (header MAC does not verify), or the key is wrong";
      case PayloadException p -> "the file is corrupt or truncated: " + p.getMessage();
      case ArmorException a -> "the ASCII armor is malformed: " + a.getMessage();
      case AgeException other -> "age format error: " + other.getMessage();
    };
  }

  private static String fileSystem(FileSystemException f) {
    String file = f.getFile() == null ? "file" : f.getFile();
    return switch (f) {
      case NoSuchFileException n -> file + ": no such file or directory";
      case AccessDeniedException a -> file + ": permission denied";
      case FileAlreadyExistsException a -> file + ": already exists";
      case NotDirectoryException n -> file + ": not a directory";
      case DirectoryNotEmptyException d -> file + ": directory not empty";
      default -> file + ": " + (f.getReason() == null ? "file system error" : f.getReason());
    };
  }

  private static Failure failed(@Nullable String message) {
    return new Failure(oneLine(message == null ? "unknown error" : message), FAILED);
  }

  /** Untrusted text (a header field in a message) must not start new lines on the terminal. */
  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
