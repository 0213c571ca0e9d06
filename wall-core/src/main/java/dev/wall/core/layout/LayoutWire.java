package dev.wall.core.layout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;

/**
 * A validated layout as one command-line word, for the controller to hand to its ranks: Java
 * serialization of the records, in Base64. A rank reads it in about a quarter of the time that
 * reading and validating the JSON takes (Jackson's binding of the records, measured in a cold JVM:
 * 0.12 s against 0.50 s), and four ranks on a 2-core node pay that at the same moment.
 *
 * <p>Only the layout's own records, enums, strings and lists are accepted when reading.
 */
public final class LayoutWire {
  private static final ObjectInputFilter ONLY_LAYOUT = ObjectInputFilter.Config.createFilter(
      "maxdepth=12;maxrefs=100000;maxbytes=4000000;dev.wall.core.layout.*;java.lang.Enum;java.lang.String;"
          + "java.lang.Integer;java.lang.Number;java.util.ImmutableCollections$*;java.util.CollSer;"
          + "java.util.ArrayList;java.lang.Object;!*");

  private LayoutWire() {}

  public static String encode(Layout layout) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(layout);
    } catch (IOException e) {
      throw new IllegalStateException("a layout that cannot be written: " + e.getMessage(), e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** @throws IllegalArgumentException if {@code text} is not a layout written by {@link #encode} */
  public static Layout decode(String text) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
      in.setObjectInputFilter(ONLY_LAYOUT);
      return (Layout) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a layout from wall's controller: " + e.getMessage(), e);
    }
  }
}
