package io.viewercounts.broadcaster;

import static io.viewercounts.broadcaster.TestKafka.count;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages and viewer-counts.js in a real browser: Debian's headless Chromium, driven by
 * Playwright, on a node fed by an in-process Kafka. The test can make the page's WebSocket fail
 * while HTTP keeps working, as when a proxy or a network path drops WebSockets.
 */
class BrowserTest {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  /** Room for the client's reconnect backoff (up to 30 s) plus a 5 s poll, under load. */
  private static final LocatorAssertions.HasTextOptions SLOW_TEXT =
      new LocatorAssertions.HasTextOptions().setTimeout(60_000);

  private static final LocatorAssertions.HasAttributeOptions SLOW_ATTRIBUTE =
      new LocatorAssertions.HasAttributeOptions().setTimeout(60_000);

  /**
   * Wraps the page's WebSocket so the test can cut it: while {@code __blockSocket} is set, every
   * new socket goes to a closed port of this machine and fails as an unreachable node does, and
   * {@code __dropSockets()} closes the open ones. HTTP (the polling) is left alone.
   */
  private static final String SOCKET_SWITCH =
      """
      (() => {
        const NativeWebSocket = window.WebSocket;
        const open = new Set();
        window.__blockSocket = false;
        window.__dropSockets = () => open.forEach((socket) => socket.close(4000, 'dropped by the test'));
        window.WebSocket = class extends NativeWebSocket {
          constructor(url, protocols) {
            super(window.__blockSocket ? 'ws://127.0.0.1:%d/ws' : url, protocols);
            open.add(this);
            this.addEventListener('close', () => open.delete(this));
          }
        };
      })();
      """;

  private static TestKafka kafka;
  private static int port;
  private static int closedPort;
  private static TestNode node;
  private static Playwright playwright;
  private static Browser browser;

  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void startKafkaANodeAndChromium() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "BrowserTest needs Debian's chromium at " + CHROMIUM + " (apt-get install chromium)");
    kafka = TestKafka.start();
    port = freePort(); // fixed for this class: the node restarts on the same port
    closedPort = freePort(); // nothing listens there
    node = TestNode.start(kafka.bootstrapServers(), port);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
  }

  @AfterAll
  static void stopAll() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (node != null) {
      node.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void openAPage() {
    context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"));
    context.setDefaultTimeout(60_000);
    context.addInitScript(SOCKET_SWITCH.formatted(closedPort));
    page = context.newPage();
  }

  @AfterEach
  void closeThePage() {
    context.close();
  }

  @Test
  void theStreamPageShowsTheCountLiveAndPollsWhileTheSocketIsDown() throws IOException {
    kafka.produce(count("in-browser", 1234, 1));
    page.navigate(node.api("/stream/in-browser").toString());
    Locator count = page.locator("#count");
    Locator status = page.locator("#status");

    PlaywrightAssertions.assertThat(count).hasText("1,234", SLOW_TEXT);
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    screenshot("stream.png");
    kafka.produce(count("in-browser", 2345, 2));
    PlaywrightAssertions.assertThat(count).hasText("2,345", SLOW_TEXT);

    page.evaluate("window.__blockSocket = true; window.__dropSockets();");
    PlaywrightAssertions.assertThat(status)
        .hasAttribute("data-status", "reconnecting", SLOW_ATTRIBUTE);
    kafka.produce(count("in-browser", 3456, 3));
    PlaywrightAssertions.assertThat(count).hasText("3,456", SLOW_TEXT); // by polling the API

    page.evaluate("window.__blockSocket = false");
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    kafka.produce(count("in-browser", 4567, 4));
    PlaywrightAssertions.assertThat(count).hasText("4,567", SLOW_TEXT);
  }

  @Test
  void theStreamPageRejoinsARestartedNodeOnItsOwn() {
    kafka.produce(count("restarting", 10, 1));
    page.navigate(node.api("/stream/restarting").toString());
    Locator status = page.locator("#status");
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);

    node.close();
    PlaywrightAssertions.assertThat(status)
        .hasAttribute("data-status", "reconnecting", SLOW_ATTRIBUTE);
    node = TestNode.start(kafka.bootstrapServers(), port);

    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    kafka.produce(count("restarting", 20, 2));
    PlaywrightAssertions.assertThat(page.locator("#count")).hasText("20", SLOW_TEXT);
  }

  @Test
  void theListPageShowsLiveStreamsAsCardsThatUpdateLive() throws IOException {
    kafka.produce(count("listed-big", 5000, 1));
    kafka.produce(count("listed-small", 12, 1));
    page.navigate(node.api("/").toString());
    Locator card = page.locator(".card", new Page.LocatorOptions().setHasText("listed-small"));

    PlaywrightAssertions.assertThat(card.locator(".count")).hasText("12", SLOW_TEXT);
    screenshot("index.png");
    kafka.produce(count("listed-small", 13, 2));
    PlaywrightAssertions.assertThat(card.locator(".count")).hasText("13", SLOW_TEXT);
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
