package io.viewercounts.standalone.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.standalone.deployment.NginxConfig.Directive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The nginx in front of the broadcasters (deploy/nginx/nginx.conf): it reaches every broadcaster on
 * its public port, passes WebSocket upgrades with timeouts longer than the broadcaster's ping
 * interval, forwards the client's address, and never exposes actuator.
 */
class LoadBalancerTest {

  static final String FILE = "deploy/nginx/nginx.conf";

  private final NginxConfig nginx = NginxConfig.parse(Repository.read(FILE));
  private final ComposeFile compose = ComposeFile.load();
  private final AppConfiguration broadcaster = AppConfiguration.of("broadcaster");
  private final Map<String, String> broadcasterEnvironment =
      compose.service("broadcaster").environment(ComposeStackTest.requiredVariables());

  @Test
  void theUpstreamIsTheBroadcasterServiceOnItsServerPort() {
    String port = broadcaster.setting("server.port", broadcasterEnvironment).orElseThrow();
    Directive upstream = nginx.upstream("broadcaster").orElseThrow();
    assertThat(upstream.all("server"))
        .extracting(server -> server.args().get(0))
        .containsExactly("broadcaster:" + port);
    // Re-resolved, so that scaling the broadcasters reaches nginx without a reload.
    assertThat(upstream.all("server").get(0).args()).contains("resolve");
    assertThat(upstream.first("zone")).isPresent();
    assertThat(nginx.root().everywhere("resolver")).isNotEmpty();
  }

  @Test
  void everyPathOfTheBroadcasterGoesToTheUpstream() {
    for (String path :
        List.of("/", "/ws", "/api/streams/abc", "/stream/abc", "/viewer-counts.js")) {
      Directive location = nginx.locationFor(path).orElseThrow();
      assertThat(location.effectiveValue("proxy_pass")).as(path).contains("http://broadcaster");
      assertThat(location.effectiveValue("proxy_http_version")).as(path).contains("1.1");
      assertThat(location.proxyHeader("Host")).as(path).contains("$http_host");
      assertThat(location.proxyHeader("X-Forwarded-For"))
          .as(path)
          .contains("$proxy_add_x_forwarded_for");
      assertThat(location.proxyHeader("X-Forwarded-Proto")).as(path).contains("$scheme");
    }
  }

  @Test
  void theWebSocketHandshakeIsUpgraded() {
    Directive ws = nginx.locationFor("/ws").orElseThrow();
    assertThat(ws.proxyHeader("Upgrade")).contains("$http_upgrade");
    assertThat(ws.proxyHeader("Connection")).contains("$connection_upgrade");
    Directive map = nginx.root().everywhere("map").get(0);
    assertThat(map.args()).containsExactly("$http_upgrade", "$connection_upgrade");
    assertThat(map.all("default").get(0).args()).containsExactly("upgrade");
  }

  @Test
  void anOpenWebSocketOutlivesThePingInterval() {
    Duration ping =
        DurationStyle.detectAndParse(
            broadcaster.setting("broadcaster.ping-interval", broadcasterEnvironment).orElseThrow());
    Directive ws = nginx.locationFor("/ws").orElseThrow();
    for (String timeout : List.of("proxy_read_timeout", "proxy_send_timeout")) {
      Duration configured = nginxDuration(ws.effectiveValue(timeout).orElse("60s"));
      assertThat(configured).as(timeout).isGreaterThan(ping.multipliedBy(2));
    }
  }

  @Test
  void actuatorIsNotProxied() {
    for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus")) {
      Directive location = nginx.locationFor(path).orElseThrow();
      assertThat(location.effective("proxy_pass")).as(path).isEmpty();
      assertThat(location.effectiveValue("return")).as(path).contains("404");
    }
    String managementPort =
        broadcaster.setting("management.server.port", broadcasterEnvironment).orElseThrow();
    assertThat(nginx.root().everywhere("server"))
        .noneMatch(server -> server.args().toString().contains(":" + managementPort));
  }

  @Test
  void theLoadBalancerListensWhereComposePublishesIt() {
    String published = compose.service("loadbalancer").ports().get(0);
    String containerPort = published.substring(published.lastIndexOf(':') + 1);
    assertThat(nginx.root().everywhere("listen"))
        .extracting(listen -> listen.args().get(0))
        .containsExactly(containerPort);
    assertThat(compose.service("loadbalancer").healthcheck())
        .last()
        .asString()
        .isEqualTo("http://127.0.0.1/lb-health");
    assertThat(nginx.locationFor("/lb-health").orElseThrow().effectiveValue("return")).isPresent();
  }

  @Test
  void theParserFindsTheLocationNginxWouldPick() {
    NginxConfig config =
        NginxConfig.parse(
            "http { server { listen 80; # a comment\n"
                + "location / { proxy_pass http://a; }"
                + "location ^~ /static { return 200 \"a ; b\"; }"
                + "location ~ \\.js$ { return 404; }"
                + "location = /exact { return 204; } } }");
    assertThat(config.locationFor("/exact").orElseThrow().args()).containsExactly("=", "/exact");
    assertThat(config.locationFor("/static/app.js").orElseThrow().args())
        .containsExactly("^~", "/static");
    assertThat(config.locationFor("/app.js").orElseThrow().args()).containsExactly("~", "\\.js$");
    assertThat(config.locationFor("/other").orElseThrow().effectiveValue("proxy_pass"))
        .contains("http://a");
    assertThat(config.locationFor("/static").orElseThrow().effectiveValue("return"))
        .contains("200 a ; b");
    assertThatThrownBy(() -> NginxConfig.parse("http { server { listen 80; }"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** nginx time: a number with an optional unit (ms, s, m, h; seconds when none). */
  private static Duration nginxDuration(String value) {
    return value.matches("\\d+")
        ? Duration.ofSeconds(Long.parseLong(value))
        : DurationStyle.SIMPLE.parse(value);
  }
}
