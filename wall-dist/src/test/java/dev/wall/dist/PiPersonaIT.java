package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.testing.ClusterRun;
import dev.wall.player.testing.NamespaceCluster;
import dev.wall.player.testing.TestDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arm64 node as a Pi 4 (bookworm, then trixie) and as a Pi 5, through its device tree's model
 * and its os-release: for H.264 1080p, H.264 4K and HEVC 4K, what the wall chooses there (what
 * {@code wall validate --check-media} says on the node, with mpv's options, and the decoder {@code
 * wall doctor} shows from the x86-64 controller), checked against docs/decoders.md; then the arm64
 * root's real mpv runs each clip with exactly those options on the X11 stack of the test's display,
 * and must start and play. qemu has none of a Pi's video blocks (no /dev/video*, no DRM device) and
 * Debian's FFmpeg has no DRM hwaccel, so every hardware choice falls back to software there: each
 * run says so and checks, from mpv's own log, that the fallback is what happened.
 */
@Tag("slow")
class PiPersonaIT {
  @TempDir static Path dir;
  private static NamespaceCluster cluster;
  private static VirtualDisplay display;
  private static Path layout;

  /**
   * One persona and what the wall must choose there for each clip: mpv's options, and a warning or
   * not.
   */
  record Persona(String model, String release, Map<String, Expected> clips) {
    @Override
    public String toString() {
      return model + " on " + release;
    }
  }

  /**
   * @param decoder the decoder wall doctor names
   * @param args mpv's options the wall gives
   * @param warned whether the node cannot hold the clip (a warning, a failed doctor cell)
   * @param fallback what mpv's log says when qemu has no such decoder
   */
  record Expected(String decoder, String args, boolean warned, String fallback) {}

  private static final String NO_DRM = "Unsupported hwdec: drm-copy";
  private static final String NOT_HEVC = "codec h264 is not on whitelist";

  static Stream<Persona> personas() {
    Map<String, Expected> pi4 = new LinkedHashMap<>();
    pi4.put(
        "h264-1080p",
        new Expected(
            "v4l2m2m-copy",
            "--hwdec=v4l2m2m-copy",
            false,
            "Trying hardware decoding via h264_v4l2m2m-v4l2m2m-copy"));
    pi4.put(
        "h264-4k",
        new Expected("cannot hold", "--hwdec=drm-copy --hwdec-codecs=hevc", true, NOT_HEVC));
    pi4.put(
        "hevc-4k", new Expected("drm-copy", "--hwdec=drm-copy --hwdec-codecs=hevc", false, NO_DRM));
    Map<String, Expected> pi4Trixie = new LinkedHashMap<>(pi4);
    pi4Trixie.put(
        "h264-1080p",
        new Expected("software", "--hwdec=drm-copy --hwdec-codecs=hevc", false, NOT_HEVC));
    Map<String, Expected> pi5 = new LinkedHashMap<>();
    pi5.put(
        "h264-1080p",
        new Expected("software", "--hwdec=drm-copy --hwdec-codecs=hevc", false, NOT_HEVC));
    pi5.put(
        "h264-4k",
        new Expected("cannot hold", "--hwdec=drm-copy --hwdec-codecs=hevc", true, NOT_HEVC));
    pi5.put(
        "hevc-4k", new Expected("drm-copy", "--hwdec=drm-copy --hwdec-codecs=hevc", false, NO_DRM));
    return Stream.of(
        new Persona("Raspberry Pi 4 Model B Rev 1.5", "bookworm", pi4),
        new Persona("Raspberry Pi 4 Model B Rev 1.5", "trixie", pi4Trixie),
        new Persona("Raspberry Pi 5 Model B Rev 1.0", "bookworm", pi5));
  }

  @BeforeAll
  static void start() throws Exception {
    Arm64Wall wall = Arm64Wall.shared();
    display = TestDisplay.shared();
    Path media = Files.createDirectories(dir.resolve("media"));
    clip(media, "h264-1080p", "1920x1080", "libx264");
    clip(media, "h264-4k", "3840x2160", "libx264");
    clip(media, "hevc-4k", "3840x2160", "libx265");
    Files.writeString(
        dir.resolve("os-release-trixie"),
        "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\n"
            + "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\nVERSION=\"13 (trixie)\"\nVERSION_CODENAME=trixie\nID=debian\n");
    cluster = wall.cluster(dir.resolve("cluster"), 1, List.of(dir));
    String pi = cluster.node(2).hostname();
    layout =
        Files.writeString(
            dir.resolve("personas.json"),
            "{\"version\": 1, \"loops\": 1, \"player\": \"mpv\","
                + " \"mediaRoot\": \""
                + media
                + "\", \"screens\": ["
                + "{\"name\": \"h264-1080p\", \"host\": \""
                + pi
                + "\", \"window\": {\"x\": 0, \"y\": 0, \"width\": 320,"
                + " \"height\": 180}, \"media\": \"h264-1080p.mp4\"},"
                + "{\"name\": \"h264-4k\", \"host\": \""
                + pi
                + "\", \"window\": {\"x\": 320, \"y\": 0, \"width\": 320,"
                + " \"height\": 180}, \"media\": \"h264-4k.mp4\"},"
                + "{\"name\": \"hevc-4k\", \"host\": \""
                + pi
                + "\", \"window\": {\"x\": 0, \"y\": 180, \"width\": 320,"
                + " \"height\": 180}, \"media\": \"hevc-4k.mp4\"}]}");
  }

  /** Runs even when {@link #start} failed half way; the shared display stays for the next test. */
  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("personas")
  void theWallChoosesThePisDecoderForEachClipAndTheRootsMpvPlaysItWithThoseOptions(Persona persona)
      throws Exception {
    NamespaceCluster.Node pi = cluster.node(2);
    pi.model(persona.model());
    boolean trixie = persona.release().equals("trixie");
    if (trixie) {
      assertEquals(
          0,
          Sh.run(
                  pi.exec(
                          "mount",
                          "--bind",
                          dir.resolve("os-release-trixie").toString(),
                          "/etc/os-release")
                      .toArray(String[]::new))
              .code());
    }
    try {
      long started = System.nanoTime();
      Sh.Result validate =
          Sh.run(
              pi.exec(
                  "env",
                  "DISPLAY=" + display.display(),
                  "/opt/wall/bin/wall",
                  "validate",
                  "--check-media",
                  layout.toString()),
              Map.of(),
              null,
              Duration.ofMinutes(4));
      System.out.printf(
          Locale.ROOT,
          "%s: wall validate --check-media on the node (%.1f s):%n%s",
          persona,
          (System.nanoTime() - started) / 1e9,
          validate.out());
      assertEquals(0, validate.code(), validate.all());
      started = System.nanoTime();
      String doctor;
      try (ClusterRun run =
          Arm64Wall.controller(
              cluster, dir, "doctor", layout.toString(), "--display", display.display())) {
        run.await(Duration.ofMinutes(4));
        doctor = run.out();
      }
      System.out.printf(
          Locale.ROOT,
          "%s: wall doctor from the x86-64 controller (%.1f s):%n%s",
          persona,
          (System.nanoTime() - started) / 1e9,
          doctor);
      for (Map.Entry<String, Expected> clip : persona.clips().entrySet()) {
        Expected expected = clip.getValue();
        String name = clip.getKey();
        String said =
            validate
                .out()
                .lines()
                .filter(l -> l.contains(name + ".mp4 is "))
                .findFirst()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "validate said nothing of " + name + ":\n" + validate.all()));
        assertTrue(said.contains(expected.warned() ? ": warning: " : ": note: "), said);
        assertTrue(said.contains(persona.model()) || expected.warned(), said);
        String args = mpvArgs(said);
        assertEquals(expected.args(), args, persona + ", " + name + ": " + said);
        String row =
            doctor
                .lines()
                .filter(l -> l.startsWith(name + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + ":\n" + doctor));
        assertTrue(
            row.contains(" " + expected.decoder() + " ") || row.endsWith(" " + expected.decoder()),
            persona
                + ", "
                + name
                + ": doctor's decoder should be "
                + expected.decoder()
                + ": "
                + row);
        assertTrue(row.contains(persona.model() + ", aarch64"), row);
        mpvPlays(pi, persona, name, args, expected);
      }
    } finally {
      if (trixie) {
        Sh.run(pi.exec("umount", "/etc/os-release").toArray(String[]::new));
      }
    }
  }

  /**
   * The root's own mpv, with the wall's options for this clip and the stack the wall would use here
   * (X11 without a GPU: {@code --vo=x11}), plays the first frames of the clip; its log shows the
   * hardware decoder tried and software taking over.
   */
  private static void mpvPlays(
      NamespaceCluster.Node pi, Persona persona, String clip, String args, Expected expected)
      throws Exception {
    Path log =
        dir.resolve(
            "mpv-" + persona.release() + "-" + persona.model().charAt(13) + "-" + clip + ".log");
    List<String> argv =
        new ArrayList<>(
            List.of(
                "env",
                "DISPLAY=" + display.display(),
                "mpv",
                "--no-config",
                "--vo=x11",
                "--no-audio",
                "--geometry=320x180+320+180",
                "--frames=3",
                "--msg-level=all=v",
                "--log-file=" + log));
    argv.addAll(List.of(args.split(" ")));
    argv.addAll(List.of("--", dir.resolve("media").resolve(clip + ".mp4").toString()));
    long started = System.nanoTime();
    Sh.Result mpv = Sh.run(pi.exec(argv), Map.of(), null, Duration.ofMinutes(4));
    double seconds = (System.nanoTime() - started) / 1e9;
    String text = Files.readString(log);
    assertEquals(
        0, mpv.code(), persona + ", " + clip + ": mpv " + args + "\n" + mpv.all() + tail(text));
    assertTrue(
        text.contains(expected.fallback()),
        persona + ", " + clip + ": " + expected.fallback() + tail(text));
    assertTrue(
        text.contains("Using software decoding"),
        "qemu has no Pi decoder: software took over" + tail(text));
    assertTrue(text.contains("VO: [x11] "), "the clip reached the X11 output" + tail(text));
    System.out.printf(
        Locale.ROOT,
        "%s, %s: mpv %s played 3 frames in %.1f s, emulated: %s, then software%n",
        persona,
        clip,
        args,
        seconds,
        expected.fallback());
  }

  private static final Pattern MPV_ARGS = Pattern.compile("\\(mpv ([^)]*)\\)$");

  private static String mpvArgs(String line) {
    Matcher m = MPV_ARGS.matcher(line);
    return m.find() ? m.group(1) : "";
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return "\nmpv's log ends:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }

  private static void clip(Path media, String name, String size, String codec) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=" + size + ":rate=30",
                "-t",
                "0.2",
                "-c:v",
                codec,
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p"));
    if (codec.equals("libx265")) {
      argv.addAll(List.of("-tag:v", "hvc1", "-x265-params", "log-level=error"));
    }
    argv.add(media.resolve(name + ".mp4").toString());
    Sh.Result made = Sh.run(argv, Map.of(), null, Duration.ofMinutes(3));
    assertEquals(0, made.code(), made.all());
  }
}
