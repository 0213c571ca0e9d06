package dev.wall.player.control.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The OSC 1.0 reader: what liblo's oscsend writes is read; everything else is refused, briefly. */
class OscMessageTest {
  /** {@code oscsend 127.0.0.1 9000 /wall/goto si KEY 3}, byte for byte as liblo 0.31 sent it. */
  static final byte[] GOTO =
      HexFormat.of()
          .parseHex(
              "2f77616c6c2f676f746f0000"
                  + "2c73690000000000".substring(0, 8)
                  + "4b455900"
                  + "00000003");

  @Test
  void readsWhatOscsendWrites() throws Exception {
    OscMessage message = OscMessage.read(ByteBuffer.wrap(GOTO));
    assertEquals("/wall/goto", message.address());
    assertEquals(List.of("KEY", 3), message.args());
    assertArrayEquals(GOTO, message.bytes());
  }

  @Test
  void writesAndReadsBackEveryType() throws Exception {
    OscMessage message =
        new OscMessage(
            "/wall/event/item-changed", List.of("2026-12-07T10:00:00Z", "item", 7, 1.5f, ""));
    assertEquals(message, OscMessage.read(ByteBuffer.wrap(message.bytes())));
    assertEquals(0, message.bytes().length % 4);
  }

  @Test
  void refusesEachMalformedForm() {
    for (String hex :
        List.of(
            "",
            "2f77", // not a multiple of 4, or empty
            "2f77616c6c2f706175736500", // no type tags
            "2f77616c6c2f7061757365002c620000", // a blob
            "2362756e646c650000000000", // a bundle
            "77616c6c00000000", // no leading slash
            "2f77616c6c2f706175736501" + "2c000000", // padding not NUL
            "2f77616c6c2f70617573650a2c000000".substring(0, 24)
                + "2c000000", // padding not NUL (\n)
            "2f77616c6c2f706175736500" + "2c690000", // an int cut short
            "2f77616c6c2f706175736500" + "73000000", // tags without a comma
            "2f77616c6c2f706175736500" + "2c000000" + "00000001", // bytes after the last argument
            "2f77616c6c2f70617573650000000000" + "2c737373737373737373000000000000", // 9 arguments
            "2f1b5b324a00000000000000" + "2c000000", // an escape in the address
            "2f77616c6c2f7061757365")) { // no NUL at all
      byte[] bytes = HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : hex + "0");
      assertThrows(OscMessage.Malformed.class, () -> OscMessage.read(ByteBuffer.wrap(bytes)), hex);
    }
    assertThrows(
        OscMessage.Malformed.class,
        () -> OscMessage.read(ByteBuffer.wrap(new byte[OscMessage.MAX_BYTES + 4])));
  }

  /**
   * A brief fuzz: 200,000 mutations of real messages (bytes flipped, cut, grown, spliced) each end
   * in a message or a Malformed, never another exception, and the whole run is quick.
   */
  @Test
  void mutationsEndInAMessageOrMalformedOnly() {
    List<byte[]> seeds =
        List.of(
            GOTO,
            new OscMessage("/wall/trigger", List.of("KEY", "clips/door.mp4", "span", "start"))
                .bytes(),
            new OscMessage("/wall/pause", List.of("KEY")).bytes(),
            new OscMessage("/wall/loops", List.of("KEY", 2.0f)).bytes());
    Random random = new Random(25);
    int read = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] bytes = mutate(seed, random);
      try {
        OscMessage message = OscMessage.read(ByteBuffer.wrap(bytes));
        read++;
        assertTrue(message.address().startsWith("/"));
        assertTrue(message.args().size() <= OscMessage.MAX_ARGS);
      } catch (OscMessage.Malformed expected) {
        assertTrue(expected.getMessage().lines().count() == 1, expected.getMessage());
      }
    }
    assertTrue(read > 100, "the fuzz should keep some messages valid, kept " + read);
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] bytes = seed.clone();
    switch (random.nextInt(5)) {
      case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      case 2 -> {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length + 4 * (1 + random.nextInt(3)));
        for (int i = seed.length; i < bytes.length; i++) {
          bytes[i] = (byte) random.nextInt(256);
        }
      }
      case 3 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      default -> {} // unchanged: still read
    }
    return bytes;
  }
}
