package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.broadcaster.ws.ClientCommand.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCommandsTest {

  @Test
  void readsASubscribe() throws Exception {
    assertThat(
            ClientCommands.parse("{\"type\":\"subscribe\",\"streamIds\":[\"abc\",\"d-e:f.1_2\"]}"))
        .isEqualTo(new ClientCommand(Type.SUBSCRIBE, List.of("abc", "d-e:f.1_2")));
  }

  @Test
  void readsAnUnsubscribeAndIgnoresUnknownFields() throws Exception {
    assertThat(ClientCommands.parse("{\"streamIds\":[\"abc\"],\"type\":\"unsubscribe\",\"v\":2}"))
        .isEqualTo(new ClientCommand(Type.UNSUBSCRIBE, List.of("abc")));
  }

  @Test
  void readsALiveSetSubscribeAndUnsubscribeWithoutStreamIds() throws Exception {
    assertThat(ClientCommands.parse("{\"type\":\"subscribe_live\"}"))
        .isEqualTo(new ClientCommand(Type.SUBSCRIBE_LIVE, List.of()));
    assertThat(ClientCommands.parse("{\"type\":\"unsubscribe_live\",\"streamIds\":7}"))
        .isEqualTo(new ClientCommand(Type.UNSUBSCRIBE_LIVE, List.of()));
  }

  @Test
  void readsASubscribeThatAsksForHistory() throws Exception {
    assertThat(
            ClientCommands.parse(
                "{\"type\":\"subscribe\",\"streamIds\":[\"abc\"],\"history\":true}"))
        .isEqualTo(new ClientCommand(Type.SUBSCRIBE, List.of("abc"), true));
  }

  @Test
  void historyIsOnlyForSubscribe() throws Exception {
    assertThat(
            ClientCommands.parse(
                "{\"type\":\"unsubscribe\",\"streamIds\":[\"abc\"],\"history\":true}"))
        .isEqualTo(new ClientCommand(Type.UNSUBSCRIBE, List.of("abc"), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "\"yes\"", "[]"})
  void refusesAHistoryThatIsNotABoolean(String history) {
    assertRefused(
        "{\"type\":\"subscribe\",\"streamIds\":[\"abc\"],\"history\":" + history + "}",
        "\"history\" must be true or false");
  }

  @Test
  void anUnknownTypeIsAnsweredWithTheKnownOnes() {
    assertRefused(
        "{\"type\":\"publish\"}",
        "unknown type: expected \"subscribe\", \"unsubscribe\", \"subscribe_live\","
            + " \"unsubscribe_live\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "hello", "{\"type\":", "{\"type\":\"subscribe\"} {}", "{\"a\":1,\"a\":2}"})
  void refusesTextThatIsNotOneJsonValue(String frame) {
    assertRefused(frame, "not valid JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"subscribe\"", "42", "null"})
  void refusesJsonThatIsNotAnObject(String frame) {
    assertRefused(frame, "expected a JSON object");
  }

  @Test
  void refusesAMissingType() {
    assertRefused("{\"streamIds\":[\"abc\"]}", "missing \"type\"");
  }

  @Test
  void refusesAnUnknownType() {
    assertRefused("{\"type\":\"publish\",\"streamIds\":[\"abc\"]}", "unknown type");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"subscribe\"}",
        "{\"type\":\"subscribe\",\"streamIds\":[]}",
        "{\"type\":\"subscribe\",\"streamIds\":\"abc\"}"
      })
  void refusesMissingOrEmptyStreamIds(String frame) {
    assertRefused(frame, "\"streamIds\" must be a non-empty array");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"-abc\"", "\"a b\"", "\"a/b\"", "\"\"", "7", "null", "\"é\""})
  void refusesAnInvalidStreamId(String id) {
    assertRefused(
        "{\"type\":\"subscribe\",\"streamIds\":[\"ok\"," + id + "]}",
        "streamIds[1] is not a valid stream id");
  }

  @Test
  void refusesAStreamIdLongerThan128Characters() throws Exception {
    String longest = "a".repeat(128);
    assertThat(ClientCommands.parse(subscribe(longest)).streamIds()).containsExactly(longest);

    assertRefused(subscribe(longest + "a"), "streamIds[0] is not a valid stream id");
  }

  private static String subscribe(String id) {
    return "{\"type\":\"subscribe\",\"streamIds\":[\"" + id + "\"]}";
  }

  private static void assertRefused(String frame, String message) {
    assertThatThrownBy(() -> ClientCommands.parse(frame))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessageStartingWith(message);
  }
}
