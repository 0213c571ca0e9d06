package dev.wall.player.wire;

import dev.wall.core.layout.Layout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A validated layout, or a record that holds one (a show's plan), as one command-line word, for the
 * controller to hand to its ranks: the records' components in declaration order, in Base64. Four
 * ranks on a 2-core node decode it at the same moment as their players start, so it must be cheap
 * in a cold JVM: Jackson's binding took about 0.5 s there, Java serialization 0.12 s alone and 0.5
 * s under that load (its filter set-up alone starts the JDK's logging and security properties);
 * this takes milliseconds.
 *
 * <p>The word starts with a fingerprint of the records' shape, so a rank built from another version
 * of the model refuses it. Only the named record and its components' records are ever built,
 * through their canonical constructors.
 */
public final class LayoutWire {
  private static final int MAGIC = 0x57414c31; // "WAL1"

  private LayoutWire() {}

  public static String encode(Layout layout) {
    return encode(Layout.class, layout);
  }

  /**
   * @throws IllegalArgumentException if {@code text} is not a layout written by {@link #encode}
   */
  public static Layout decode(String text) {
    return decode(Layout.class, text);
  }

  /**
   * {@code value}, a record of {@code type} whose components are records, lists, enums, text and
   * numbers.
   */
  static <R extends Record> String encode(Class<R> type, R value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(shape(type));
      write(out, type, value);
    } catch (IOException | ReflectiveOperationException e) {
      throw new IllegalStateException(
          "a " + type.getSimpleName() + " that cannot be written: " + e, e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /**
   * @throws IllegalArgumentException if {@code text} is not a {@code type} written by {@link
   *     #encode}
   */
  static <R extends Record> R decode(Class<R> type, String text) {
    String what =
        "not a "
            + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
            + " from wall's controller: ";
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
      if (in.readInt() != MAGIC || in.readInt() != shape(type)) {
        throw new IllegalArgumentException("written by another version of wall");
      }
      R value = type.cast(read(in, type));
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return value;
    } catch (IOException
        | ReflectiveOperationException
        | ClassCastException
        | NegativeArraySizeException e) {
      throw new IllegalArgumentException(what + e, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + e.getMessage(), e);
    }
  }

  private static int shape(Class<?> type) {
    return shape(type, new StringBuilder()).toString().hashCode();
  }

  private static void write(DataOutputStream out, Type type, Object value)
      throws IOException, ReflectiveOperationException {
    Class<?> raw = raw(type);
    if (raw == int.class) {
      out.writeInt((Integer) value);
      return;
    }
    if (raw == double.class) {
      out.writeDouble((Double) value);
      return;
    }
    if (raw == boolean.class) {
      out.writeBoolean((Boolean) value);
      return;
    }
    out.writeBoolean(value != null);
    if (value == null) {
      return;
    }
    if (raw == String.class) {
      writeString(out, (String) value);
    } else if (raw.isEnum()) {
      writeString(out, ((Enum<?>) value).name());
    } else if (raw == List.class) {
      List<?> list = (List<?>) value;
      out.writeInt(list.size());
      for (Object element : list) {
        write(out, elementType(type), element);
      }
    } else if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        write(out, component.getGenericType(), component.getAccessor().invoke(value));
      }
    } else {
      throw new IllegalStateException("LayoutWire cannot carry a " + raw.getName());
    }
  }

  private static Object read(DataInputStream in, Type type)
      throws IOException, ReflectiveOperationException {
    Class<?> raw = raw(type);
    if (raw == int.class) {
      return in.readInt();
    }
    if (raw == double.class) {
      return in.readDouble();
    }
    if (raw == boolean.class) {
      return in.readBoolean();
    }
    if (!in.readBoolean()) {
      return null;
    }
    if (raw == String.class) {
      return readString(in);
    }
    if (raw.isEnum()) {
      return enumValue(raw, readString(in));
    }
    if (raw == List.class) {
      int size = in.readInt();
      List<Object> list = new ArrayList<>(Math.min(size, 1024));
      for (int i = 0; i < size; i++) {
        list.add(read(in, elementType(type)));
      }
      return java.util.Collections.unmodifiableList(list);
    }
    return readRecord(in, raw);
  }

  private static Object readRecord(DataInputStream in, Class<?> raw)
      throws IOException, ReflectiveOperationException {
    RecordComponent[] components = raw.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = read(in, components[i].getGenericType());
    }
    Constructor<?> canonical = raw.getDeclaredConstructor(types);
    try {
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "a " + raw.getSimpleName() + " the model refuses: " + e.getCause(), e);
    }
  }

  private static Object enumValue(Class<?> type, String name) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("no " + type.getSimpleName() + " " + name);
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType parameterized
        ? (Class<?>) parameterized.getRawType()
        : (Class<?>) type;
  }

  private static Type elementType(Type listType) {
    return ((ParameterizedType) listType).getActualTypeArguments()[0];
  }

  /** The records' component names and types, depth first: what both ends must agree on. */
  private static StringBuilder shape(Type type, StringBuilder into) {
    Class<?> raw = raw(type);
    into.append(type.getTypeName());
    if (raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        into.append(' ').append(((Enum<?>) constant).name());
      }
    } else if (raw == List.class) {
      into.append('<');
      shape(elementType(type), into).append('>');
    } else if (raw.isRecord()) {
      into.append('(');
      for (RecordComponent component : raw.getRecordComponents()) {
        into.append(component.getName()).append(':');
        shape(component.getGenericType(), into).append(';');
      }
      into.append(')');
    }
    return into;
  }
}
