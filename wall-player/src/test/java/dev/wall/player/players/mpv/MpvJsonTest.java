package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MpvJsonTest {
  @Test
  void aRequestIsOneLineOfJsonWithItsArgumentsTyped() {
    assertEquals(
        "{\"command\":[\"seek\",1.5,\"absolute+exact\"],\"request_id\":7}",
        MpvJson.request(7, "seek", 1.5, "absolute+exact"));
    assertEquals(
        "{\"command\":[\"observe_property\",2,\"time-pos\"],\"request_id\":1}",
        MpvJson.request(1, "observe_property", 2, "time-pos"));
    assertEquals(
        "{\"command\":[\"set_property\",\"pause\",false],\"request_id\":3}",
        MpvJson.request(3, "set_property", "pause", false));
    assertEquals(
        "{\"command\":[\"set_property\",\"title\",\"a \\\"b\\\"\\n\"],\"request_id\":4}",
        MpvJson.request(4, "set_property", "title", "a \"b\"\n"));
    assertThrows(IllegalArgumentException.class, () -> MpvJson.request(5, "x", new Object()));
  }

  @Test
  void aMessageParsesToTheTreeAnObjectMapperWouldRead() throws IOException {
    String[] lines = {
      "{\"data\":12.345000,\"request_id\":9,\"error\":\"success\"}",
      "{\"event\":\"property-change\",\"id\":2,\"name\":\"time-pos\",\"data\":null}",
      "{\"event\":\"property-change\",\"id\":1,\"name\":\"eof-reached\",\"data\":true}",
      "{\"data\":[{\"id\":1,\"type\":\"video\",\"selected\":false}],\"error\":\"success\"}",
      "{\"data\":18446744073709551615,\"error\":\"success\"}",
      "\"just a string\""
    };
    ObjectMapper mapper = new ObjectMapper();
    for (String line : lines) {
      assertEquals(mapper.readTree(line), MpvJson.parse(line), line);
    }
    JsonNode reply = MpvJson.parse(lines[0]);
    assertEquals(12.345, reply.path("data").asDouble(), 1e-9);
    assertEquals(9, reply.path("request_id").asLong());
  }

  @Test
  void aTornOrDoubledLineIsAnError() {
    for (String bad : new String[] {"{\"data\":1", "", "{} {}", "{\"a\":tru}"}) {
      IOException e = assertThrows(IOException.class, () -> MpvJson.parse(bad), bad);
      assertTrue(e.getMessage() != null, bad);
    }
  }
}
