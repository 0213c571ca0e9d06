package dev.wall.bench.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GrabStampsTest {
  private static final String LINE =
      "[Parsed_showinfo_0 @ 0x55d1c8c0c7c0] n:  12 pts:1795305587852896 "
          + "pts_time:1.79531e+09 duration:100000 pos:-1 fmt:bgr0 sar:0/1 s:640x360 i:P iskey:1 type:I";

  @Test
  void aShowinfoLineGivesItsFramesGrabInstantOnTheMonotonicClock() throws Exception {
    GrabStamps stamps = new GrabStamps(-1_000_000_000L);
    assertTrue(stamps.accept(LINE));
    assertEquals(
        OptionalLong.of(1795305587852896L * 1000 - 1_000_000_000L),
        stamps.grabNanos(12, Duration.ZERO));
  }

  @Test
  void otherLinesAreNotStampsAndAMissingStampTimesOut() throws Exception {
    GrabStamps stamps = new GrabStamps(0);
    assertFalse(stamps.accept("Input #0, x11grab, from ':0':"));
    assertFalse(
        stamps.accept("  Stream #0:0: Video: rawvideo (BGR[0] / 0x524742), bgr0, 640x360, 10 fps"));
    assertEquals(OptionalLong.empty(), stamps.grabNanos(0, Duration.ofMillis(20)));
  }

  @Test
  void aStampThatComesWhileWaitingIsTaken() throws Exception {
    GrabStamps stamps = new GrabStamps(0);
    Thread late = new Thread(() -> stamps.accept(LINE));
    late.start();
    assertEquals(
        OptionalLong.of(1795305587852896000L), stamps.grabNanos(12, Duration.ofSeconds(5)));
    late.join();
  }
}
