package dev.wall.player.players.mpv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The JSON of mpv's IPC, one message per line, with Jackson's streaming parser and generator only.
 * An ObjectMapper costs a rank about a tenth of a second of CPU to build in a cold JVM, at the
 * moment four ranks and four players share two cores; mpv's messages need none of its binding.
 */
final class MpvJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MpvJson() {}

  /** {@code {"command":[args...],"request_id":id}}; arguments are strings, numbers or booleans. */
  static String request(long requestId, Object... args) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      out.writeStartObject();
      out.writeArrayFieldStart("command");
      for (Object arg : args) {
        writeScalar(out, arg);
      }
      out.writeEndArray();
      out.writeNumberField("request_id", requestId);
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string failed", e);
    }
    return text.toString();
  }

  private static void writeScalar(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Integer || value instanceof Long) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      out.writeNumber(n.doubleValue());
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else {
      throw new IllegalArgumentException(
          "an mpv command takes strings, numbers and booleans, not " + value.getClass());
    }
  }

  /** One message as a tree. @throws IOException if it is not one JSON value */
  static JsonNode parse(String line) throws IOException {
    try (JsonParser in = FACTORY.createParser(line)) {
      JsonToken first = in.nextToken();
      if (first == null) {
        throw new IOException("an empty message");
      }
      JsonNode value = value(in, first);
      if (in.nextToken() != null) {
        throw new IOException("more than one value in a message");
      }
      return value;
    }
  }

  private static JsonNode value(JsonParser in, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = NODES.objectNode();
          while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            object.set(name, value(in, in.nextToken()));
          }
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = NODES.arrayNode();
          for (JsonToken next = in.nextToken();
              next != JsonToken.END_ARRAY;
              next = in.nextToken()) {
            array.add(value(in, next));
          }
          return array;
        }
      case VALUE_STRING:
        return NODES.textNode(in.getText());
      case VALUE_NUMBER_INT:
        return switch (in.getNumberType()) {
          case INT -> NODES.numberNode(in.getIntValue());
          case LONG -> NODES.numberNode(in.getLongValue());
          default -> NODES.numberNode(in.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(in.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected " + token + " in an mpv message");
    }
  }
}
