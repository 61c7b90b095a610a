package io.valise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.valise.age.AgeException;
import io.valise.age.ArmorException;
import io.valise.age.HeaderException;
import io.valise.age.HeaderMacException;
import io.valise.age.NoIdentityMatchException;
import io.valise.age.PayloadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  @Test
  void everyAgeFailureIsAnExitOneWithItsOwnMessage() {
    List<AgeException> all =
        List.of(
            new HeaderException("bad stanza"),
            new NoIdentityMatchException("none"),
            new HeaderMacException("mac"),
            new PayloadException("chunk 3 failed"),
            new ArmorException("bad line"));
    List<String> messages =
        all.stream().map(ErrorMapper::map).map(ErrorMapper.Failure::message).toList();
    assertEquals(all.size(), messages.stream().distinct().count(), messages::toString);
    for (AgeException e : all) {
      assertEquals(1, ErrorMapper.map(e).exitCode());
    }
    assertTrue(messages.get(3).contains("chunk 3 failed"));
  }

  @Test
  void unwrapsWrappers() {
    IOException inner = new NoSuchFileException("/x");
    assertEquals(
        "/x: no such file or directory",
        ErrorMapper.map(new UncheckedIOException(inner)).message());
    assertEquals(
        "/x: no such file or directory",
        ErrorMapper.map(new CompletionException(new UncheckedIOException(inner))).message());
  }

  @Test
  void fileSystemAndUsage() {
    assertEquals(
        "/y: permission denied", ErrorMapper.map(new AccessDeniedException("/y")).message());
    assertEquals(2, ErrorMapper.map(new UsageException("nope")).exitCode());
    assertEquals(1, ErrorMapper.map(new CliException("bad")).exitCode());
    ErrorMapper.Failure audit =
        ErrorMapper.map(new io.valise.client.audit.AuditException("the log forked\nsecond line"));
    assertEquals(3, audit.exitCode());
    assertEquals("the log forked?second line", audit.message());
  }

  @Test
  void untrustedTextCannotBreakTheLine() {
    String m = ErrorMapper.map(new HeaderException("evil\n\u001b[2Jstanza")).message();
    assertTrue(!m.contains("\n") && !m.contains("\u001b"), m);
  }

  @Test
  void unexpectedFailuresSayHowToSeeMore() {
    ErrorMapper.Failure f = ErrorMapper.map(new IllegalStateException("boom"));
    assertEquals(1, f.exitCode());
    assertTrue(f.message().contains("VALISE_DEBUG=1"), f.message());
  }
}
