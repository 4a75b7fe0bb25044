package io.viewercounts.broadcaster;

import static io.viewercounts.broadcaster.TestKafka.ended;
import static io.viewercounts.broadcaster.TestKafka.live;
import static io.viewercounts.broadcaster.fanout.Minutes.minuteAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.events.ViewerCount;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages and viewer-counts.js in a real browser: Debian's headless Chromium, driven by
 * Playwright, on a node fed by an in-process Kafka holding a thousand live streams. The test can
 * make the page's WebSocket fail while HTTP keeps working, as when a proxy or a network path drops
 * WebSockets. The screenshots of the README come from here ({@code target/screenshots}).
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
        // A page opened with ?no-socket never reaches the server's socket.
        window.__blockSocket = new URLSearchParams(location.search).has('no-socket');
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

  private static final LocatorAssertions.ContainsTextOptions SLOW_CONTAINS =
      new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

  private static final LocatorAssertions.HasCountOptions SLOW_COUNT =
      new LocatorAssertions.HasCountOptions().setTimeout(60_000);

  private static final int LISTED_STREAMS = 1_000;
  private static final String[] SHOWS = {
    "Morning coffee live", "Speedrun marathon", "Lo-fi beats to code to", "City council meeting",
    "Indie game showcase", "Chess blitz arena", "Sunset beach cam", "Cooking with Ana"
  };

  private static final AtomicLong version = new AtomicLong(1_000);
  private static TestKafka kafka;
  private static int port;
  private static int closedPort;
  private static TestNode node;
  private static Playwright playwright;
  private static Browser browser;

  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
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
    for (int i = 0; i < LISTED_STREAMS; i++) {
      kafka.send(live(streamId(i), name(i), viewers(i), 1));
    }
    kafka.flush();
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
    consoleErrors.clear();
    page.onConsoleMessage(
        message -> {
          if (message.type().equals("error")) {
            consoleErrors.add(message.text());
          }
        });
    page.onPageError(error -> consoleErrors.add(error));
  }

  @AfterEach
  void closeThePage() {
    context.close();
  }

  @Test
  void theStreamPageShowsTheCountLiveAndPollsWhileTheSocketIsDown() throws IOException {
    produceAndAwait(live("in-browser", "Morning show", 1234, 1));
    page.navigate(node.api("/stream/in-browser").toString());
    Locator count = page.locator("#count");
    Locator status = page.locator("#status");

    PlaywrightAssertions.assertThat(page.locator("#name")).hasText("Morning show");
    PlaywrightAssertions.assertThat(count).hasText("1,234", SLOW_TEXT);
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    PlaywrightAssertions.assertThat(status).hasText("Connected");
    PlaywrightAssertions.assertThat(page.locator("#state")).hasText("Live");
    screenshot("stream.png");
    kafka.produce(live("in-browser", "Morning show", 2345, 2));
    PlaywrightAssertions.assertThat(count).hasText("2,345", SLOW_TEXT);

    page.evaluate("window.__blockSocket = true; window.__dropSockets();");
    PlaywrightAssertions.assertThat(status)
        .hasAttribute("data-status", "reconnecting", SLOW_ATTRIBUTE);
    PlaywrightAssertions.assertThat(page.locator("#age")).containsText("Last updated");
    kafka.produce(live("in-browser", "Morning show", 3456, 3));
    PlaywrightAssertions.assertThat(count).hasText("3,456", SLOW_TEXT); // by polling the API

    page.evaluate("window.__blockSocket = false");
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    kafka.produce(live("in-browser", "Evening show", 4567, 4));
    PlaywrightAssertions.assertThat(count).hasText("4,567", SLOW_TEXT);
    PlaywrightAssertions.assertThat(page.locator("#name")).hasText("Evening show"); // a rename
    kafka.produce(ended("in-browser", "Evening show", Instant.parse("2026-11-25T18:00:00Z"), 5));
    PlaywrightAssertions.assertThat(page.locator("#state")).containsText("Ended", SLOW_CONTAINS);
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live");
    assertThat(consoleErrors)
        .as("none but the failures of the sockets the test cut")
        .allMatch(error -> error.contains("ws://127.0.0.1:" + closedPort + "/ws"));
  }

  @Test
  void theStreamPageDrawsTheLast30MinutesWithTheirPeakAndRedrawsAsMinutesClose()
      throws IOException, InterruptedException {
    Instant thisMinute = aMinuteWithTimeToSpare();
    for (int ago = 20; ago >= 2; ago--) {
      int peak = ago == 8 ? 1_800 : 1_000 + (20 - ago) * 20;
      kafka.send(minuteAt("trend", thisMinute.minusSeconds(60L * ago), peak, peak - 50));
    }
    kafka.flush();
    produceAndAwait(live("trend", "Trending show", 1_200, 1));
    Hub hub = node.context().getBean(Hub.class);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                hub.currentHistory("trend") != null
                    && hub.currentHistory("trend").minutes() == 19);

    page.navigate(node.api("/stream/trend").toString());
    Locator sparkline = page.locator("#sparkline");
    PlaywrightAssertions.assertThat(sparkline).hasAttribute("data-points", "20", SLOW_ATTRIBUTE); // and now
    PlaywrightAssertions.assertThat(page.locator("#peak")).hasText("1,800");
    assertThat(page.locator("#sparkline polyline").count()).isEqualTo(1);
    PlaywrightAssertions.assertThat(page.locator("#status"))
        .hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    screenshot("stream-history.png");

    kafka.produce(minuteAt("trend", thisMinute.minusSeconds(60), 2_500, 2_000));
    PlaywrightAssertions.assertThat(page.locator("#peak")).hasText("2,500", SLOW_TEXT);
    PlaywrightAssertions.assertThat(sparkline).hasAttribute("data-points", "21", SLOW_ATTRIBUTE);
    kafka.produce(live("trend", "Trending show", 3_000, 2));
    PlaywrightAssertions.assertThat(page.locator("#peak")).hasText("3,000", SLOW_TEXT);
    assertThat(consoleErrors).isEmpty();
    produceAndAwait(ended("trend", "Trending show", Instant.now(), 3)); // off the list page
  }

  @Test
  void theStreamPageRejoinsARestartedNodeOnItsOwn() {
    produceAndAwait(live("restarting", "Restarting show", 10, 1));
    page.navigate(node.api("/stream/restarting").toString());
    Locator status = page.locator("#status");
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);

    node.close();
    PlaywrightAssertions.assertThat(status)
        .hasAttribute("data-status", "reconnecting", SLOW_ATTRIBUTE);
    node = TestNode.start(kafka.bootstrapServers(), port);

    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    kafka.produce(live("restarting", "Restarting show", 20, 2));
    PlaywrightAssertions.assertThat(page.locator("#count")).hasText("20", SLOW_TEXT);
  }

  @Test
  void theStreamPagesFirstPaintCarriesTheCountBeforeAnySocketMessage() {
    produceAndAwait(live("first-paint", "Quiz night", 4321, 7));

    // Without scripts, the page shows what the server rendered.
    try (BrowserContext noScripts =
        browser.newContext(
            new Browser.NewContextOptions().setLocale("en-US").setJavaScriptEnabled(false))) {
      Page bare = noScripts.newPage();
      bare.navigate(node.api("/stream/first-paint").toString());
      assertThat(bare.locator("#count").textContent()).isEqualTo("4,321");
      assertThat(bare.locator("#name").textContent()).isEqualTo("Quiz night");
    }
    // With scripts and no socket: the value stays, never "-", with its age and the connection.
    page.navigate(node.api("/stream/first-paint?no-socket").toString());
    assertThat(page.locator("#count").textContent()).isEqualTo("4,321");
    PlaywrightAssertions.assertThat(page.locator("#status"))
        .hasAttribute("data-status", "reconnecting", SLOW_ATTRIBUTE);
    PlaywrightAssertions.assertThat(page.locator("#age")).containsText("ago");
    assertThat(page.locator("#count").textContent()).isEqualTo("4,321");
  }

  @Test
  void anUnknownStreamGetsANotFoundPage() throws IOException {
    Response response = page.navigate(node.api("/stream/no-such-stream").toString());

    assertThat(response.status()).isEqualTo(404);
    PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Stream not found");
    PlaywrightAssertions.assertThat(page.locator("#message")).containsText("no-such-stream");
    screenshot("not-found.png");
  }

  @Test
  void theListPageShowsAThousandLiveStreamsAndUpdatesWhatIsOnScreen() throws IOException {
    page.navigate(node.api("/").toString());
    Locator status = page.locator("#status");
    PlaywrightAssertions.assertThat(page.locator(".card").first()).containsText(name(0), SLOW_CONTAINS);
    PlaywrightAssertions.assertThat(page.locator("#total")).hasText(number(LISTED_STREAMS), SLOW_TEXT);
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live", SLOW_ATTRIBUTE);
    screenshot("index.png");

    List<String> onScreen = cardsOnScreen();
    assertThat(onScreen).isNotEmpty().contains(streamId(0));
    changeAndExpectUpdates(onScreen);

    for (int i = 0; i < 3; i++) { // three screens down: more pages load as the visitor scrolls
      page.mouse().wheel(0, 2_000);
      page.waitForFunction("document.querySelectorAll('.card').length > " + (48 * (i + 1)));
    }
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
    page.waitForFunction("document.querySelectorAll('.card').length > 48 * 4");
    List<String> further = cardsOnScreen();
    assertThat(further).isNotEmpty().doesNotContain(streamId(0));
    changeAndExpectUpdates(further);

    kafka.produce(live("brand-new", "Brand new show", 50_000_000, version.incrementAndGet()));
    Locator newCard = page.locator(".card[data-stream-id='brand-new']");
    PlaywrightAssertions.assertThat(newCard).hasCount(1, SLOW_COUNT);
    assertThat(page.locator(".card").first().getAttribute("data-stream-id")).isEqualTo("brand-new");
    PlaywrightAssertions.assertThat(page.locator("#total")).hasText(number(LISTED_STREAMS + 1));

    // The first card is off screen now, so not subscribed: it leaves through the live set.
    kafka.produce(ended(streamId(0), name(0), Instant.now(), version.incrementAndGet()));
    kafka.produce(ended("brand-new", "Brand new show", Instant.now(), version.incrementAndGet()));
    PlaywrightAssertions.assertThat(page.locator(".card[data-stream-id='" + streamId(0) + "']"))
        .hasCount(0, SLOW_COUNT);
    PlaywrightAssertions.assertThat(newCard).hasCount(0, SLOW_COUNT);
    PlaywrightAssertions.assertThat(page.locator("#total")).hasText(number(LISTED_STREAMS - 1));
    PlaywrightAssertions.assertThat(status).hasAttribute("data-status", "live");
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void theListPageSaysWhenTheConnectionsLimitPausesCardsOnScreen() {
    try (TestNode small =
        TestNode.start(
            kafka.bootstrapServers(), 0, "--broadcaster.max-subscriptions-per-connection=6")) {
      page.navigate(small.api("/").toString());

      PlaywrightAssertions.assertThat(page.locator("#status"))
          .hasAttribute("data-status", "partial", SLOW_ATTRIBUTE);
      assertThat(page.locator(".card.paused").count()).isPositive();
      PlaywrightAssertions.assertThat(page.locator("#status")).containsText("paused");
    }
  }

  /** The ids of the cards the visitor sees now. */
  private List<String> cardsOnScreen() {
    page.waitForTimeout(500); // subscriptions follow the screen within 150 ms
    @SuppressWarnings("unchecked")
    List<String> ids =
        (List<String>)
            page.evaluate(
                """
                [...document.querySelectorAll('.card')]
                  .filter((card) => {
                    const box = card.getBoundingClientRect();
                    return box.bottom > 0 && box.top < innerHeight;
                  })
                  .map((card) => card.dataset.streamId)
                """);
    return ids;
  }

  /** Gives every one of these streams a new count and expects each card to show it. */
  private void changeAndExpectUpdates(List<String> ids) {
    Map<String, Integer> changed = new LinkedHashMap<>();
    for (String id : ids) {
      int index = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
      int viewers = viewers(index) + 7;
      changed.put(id, viewers);
      kafka.send(live(id, name(index), viewers, version.incrementAndGet()));
    }
    kafka.flush();
    changed.forEach(
        (id, viewers) ->
            PlaywrightAssertions.assertThat(
                    page.locator(".card[data-stream-id='" + id + "'] .count"))
                .hasText(number(viewers), SLOW_TEXT));
  }

  private static void produceAndAwait(ViewerCount count) {
    kafka.produce(count);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                TestNode.get(node.api("/api/streams/" + count.streamId())).body()
                    .contains("\"version\":" + count.version()));
  }

  /**
   * The minute now, once at least 20 s of it are left: the history is laid out from it, and a page
   * drawn in the next minute would find the last closed minute missing and break its line there.
   */
  private static Instant aMinuteWithTimeToSpare() throws InterruptedException {
    Instant now = Instant.now();
    Duration left = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60));
    if (left.compareTo(Duration.ofSeconds(20)) < 0) {
      Thread.sleep(left.toMillis() + 100);
    }
    return Instant.now().truncatedTo(ChronoUnit.MINUTES);
  }

  /** A number as the page shows it in the en-US locale. */
  private static String number(int value) {
    return String.format(Locale.US, "%,d", value);
  }

  private static String streamId(int index) {
    return "listed-" + index;
  }

  private static String name(int index) {
    return SHOWS[index % SHOWS.length] + " #" + (index + 1);
  }

  /** Distinct and falling with the index, so the list's order is the index order. */
  private static int viewers(int index) {
    return 100_000 - index * 10;
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
