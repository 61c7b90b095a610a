package io.valise.app.e2e;

import com.microsoft.playwright.Browser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Chromium for the whole test run, launched by the first browser test class and closed when the
 * run ends (JUnit closes what its root store holds). Tests isolate themselves with a fresh browser
 * context each: its own cookies, storage and service workers.
 */
final class SharedChromium implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedChromium.class);

  private @Nullable Chromium chromium;

  @Override
  public void beforeAll(ExtensionContext context) {
    chromium =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Chromium.class, k -> Chromium.launch(), Chromium.class);
  }

  Browser browser() {
    Chromium c = chromium;
    if (c == null) {
      throw new IllegalStateException("Chromium was not launched");
    }
    return c.browser();
  }
}
