package dev.wall.core.layout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a layout file into the model, refusing anything that breaks the contract. */
public final class LayoutReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public Layout read(Path file) throws InvalidLayoutException {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw refuse(name, "", "cannot read the file (" + e.getMessage() + ")", "check the path");
    }
    try {
      Layout layout = MAPPER.readValue(bytes, Layout.class);
      if (layout.version() != 1) {
        throw refuse(name, "version", "must be 1, got " + layout.version(), "set \"version\": 1");
      }
      if (layout.screens().isEmpty()) {
        throw refuse(name, "screens", "must list at least one screen", "add a screen");
      }
      return layout;
    } catch (JsonMappingException e) {
      throw refuse(name, jsonPath(e), firstLine(e.getOriginalMessage()), "see docs/layout.md");
    } catch (JsonProcessingException e) {
      throw refuse(name, "", firstLine(e.getOriginalMessage()), "fix the JSON syntax");
    } catch (IOException e) {
      throw refuse(name, "", "cannot read the file (" + e.getMessage() + ")", "check the path");
    }
  }

  private static String jsonPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static String firstLine(String message) {
    return message == null ? "invalid" : message.lines().findFirst().orElse("invalid");
  }

  private static InvalidLayoutException refuse(String file, String path, String what, String fix) {
    return new InvalidLayoutException(List.of(new Problem(file, path, what, fix)));
  }
}
