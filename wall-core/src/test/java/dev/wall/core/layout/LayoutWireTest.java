package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutWireTest {
  @Test
  void aLayoutComesBackEqual() {
    Layout layout = Layout.of(1, "lobby", 3, PlayerKind.MPV, "/srv/wall/media",
        new Network("192.168.1.0/24", "eth0", "192.168.1.1", List.of("192.168.1.1")),
        new SyncSettings(8, 400, 0.03), LoopMode.INDEPENDENT, new Size(1280, 360), null, List.of(
            new Screen("left", "rpi1", "192.168.1.101", 0, new Rect(0, 0, 640, 360), null, "a.mp4", Audio.NONE,
                List.of("--vo=gpu")),
            new Screen("right", "rpi2", null, 1, null, new Rect(640, 0, 640, 360), null, null, null)));
    assertEquals(layout, LayoutWire.decode(LayoutWire.encode(layout)));
  }

  @Test
  void anythingElseIsRefused() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new java.util.Date());
    }
    String date = Base64.getEncoder().encodeToString(bytes.toByteArray());
    assertThrows(IllegalArgumentException.class, () -> LayoutWire.decode(date));
    assertThrows(IllegalArgumentException.class, () -> LayoutWire.decode("not base64 at all!"));
  }
}
