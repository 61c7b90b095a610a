package io.valise.client.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that dies between a request and its answer (here: a socket that reads each request's
 * head and closes the connection) gives a message that says so, instead of the JDK's "header parser
 * received no bytes".
 */
class LostConnectionTest {
  @Test
  void aConnectionThatEndsBeforeTheAnswerIsNamedAsSuch() throws Exception {
    AtomicInteger dropped = new AtomicInteger();
    ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    // Every connection is dropped: the JDK's client tries a GET a second time on a new one.
    Thread peer =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (true) {
                    try (Socket s = listener.accept()) {
                      if (readHead(s.getInputStream())) {
                        dropped.incrementAndGet();
                      }
                    } catch (IOException closed) {
                      return;
                    }
                  }
                });
    try {
      String base = "http://127.0.0.1:" + listener.getLocalPort();
      ValiseApi api = ValiseApi.anonymous(HttpClient.newHttpClient(), base);

      String message = String.valueOf(assertThrows(IOException.class, api::me).getMessage());

      assertTrue(dropped.get() >= 1, "the peer did not see the request");
      assertTrue(message.startsWith("lost the connection to " + base), message);
      assertTrue(message.contains("run the command again"), message);
    } finally {
      listener.close();
      peer.join();
    }
  }

  /** Reads up to the blank line that ends a request's head; true if it came. */
  private static boolean readHead(InputStream in) throws IOException {
    int state = 0;
    for (int b; (b = in.read()) >= 0; ) {
      state = (b == '\r' || b == '\n') ? state + 1 : 0;
      if (state == 4) {
        return true;
      }
    }
    return false;
  }
}
