package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import dev.wall.player.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** wall assign and wall loops: the file keeps every byte that is not the edit, or all of them. */
class EditCommandsTest {
  @TempDir Path dir;
  private Path clips;
  private Path span;

  @BeforeEach
  void copyExamples() throws Exception {
    clips = copy("lobby-3-clips.json");
    span = copy("span-2x2-bezels.json");
  }

  private Path copy(String name) throws Exception {
    return Files.copy(
        Project.root().resolve("layouts").resolve(name),
        dir.resolve(name),
        StandardCopyOption.COPY_ATTRIBUTES);
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file);
  }

  private List<String> folder() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void assignChangesOnlyThatScreensClip() throws Exception {
    String before = read(clips);
    Cli result = Cli.run("assign", clips, "centre", "summer/centre.mp4");
    assertEquals(
        "screens[1].media (centre): \"lobby/centre.mp4\" -> \"summer/centre.mp4\"\n"
            + "saved "
            + clips
            + "\n",
        result.out());
    assertEquals(0, result.code(), result.err());
    assertEquals(before.replace("\"lobby/centre.mp4\"", "\"summer/centre.mp4\""), read(clips));
    assertEquals(0, Cli.run("validate", clips).code());
    assertEquals(List.of("lobby-3-clips.json", "span-2x2-bezels.json"), folder());
  }

  @Test
  void assignGivesAScreenAPlaylistAndSwapTradesPlaylists() throws Exception {
    Path gallery = copy("gallery-playlist.json");
    String before = read(gallery);
    Cli result = Cli.run("assign", gallery, "left", "a.mp4", "b.mp4", "c.mp4");
    assertEquals(
        "screens[0].media (left): [\"gallery/title-left.mp4\", \"gallery/waves-left.mp4\","
            + " \"gallery/credits-left.mp4\"] -> [\"a.mp4\", \"b.mp4\", \"c.mp4\"]\n"
            + "saved "
            + gallery
            + "\n",
        result.out());
    assertEquals(0, result.code(), result.err());
    String assigned =
        before.replace(
            "[\"gallery/title-left.mp4\", \"gallery/waves-left.mp4\", \"gallery/credits-left.mp4\"]",
            "[\"a.mp4\", \"b.mp4\", \"c.mp4\"]");
    assertEquals(assigned, read(gallery));
    assertEquals(0, Cli.run("assign", gallery, "--swap", "left", "right").code());
    assertEquals(0, Cli.run("assign", gallery, "--swap", "right", "left").code());
    assertEquals(assigned, read(gallery), "two swaps are no change");
    assertTrue(Cli.run("screens", gallery).out().contains("a.mp4 > b.mp4 > c.mp4"));
  }

  @Test
  void aPlaylistOnOneScreenOfSingleClipsIsRefusedAndNothingIsWritten() throws Exception {
    String before = read(clips);
    Cli result = Cli.run("assign", clips, "centre", "intro.mp4", "main.mp4");
    assertEquals(
        List.of(
            clips
                + ": screens[1].media: has 2 items, but screens[0].media has 1; screens move from"
                + " item to item together, so give every playlist 1 item"),
        result.errLines());
    assertEquals(2, result.code());
    assertEquals(before, read(clips));
  }

  @Test
  void assignGivesASpanScreenItsOwnClipInContractOrder() throws Exception {
    String before = read(span);
    assertEquals(0, Cli.run("assign", span, "bottom-right", "logo.mp4").code());
    String region = "\"region\": { \"x\": 1960, \"y\": 1120, \"width\": 1920, \"height\": 1080 },";
    assertEquals(before.replace(region, region + "\n      \"media\": \"logo.mp4\","), read(span));
  }

  @Test
  void assignSpanGoesBackToTheSpan() throws Exception {
    String before = read(span);
    Cli.run("assign", span, "top-left", "logo.mp4");
    Cli result = Cli.run("assign", span, "top-left", "--span");
    assertEquals(
        "screens[0].media (top-left): \"logo.mp4\" -> none, shows its region of the span\n"
            + "saved "
            + span
            + "\n",
        result.out());
    assertEquals(before, read(span));
  }

  @Test
  void swapTradesClipsAndTwiceIsNoChange() throws Exception {
    String before = read(clips);
    Cli result = Cli.run("assign", clips, "--swap", "left", "right");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        before
            .replace("lobby/left.mp4", "TMP")
            .replace("lobby/right.mp4", "lobby/left.mp4")
            .replace("TMP", "lobby/right.mp4"),
        read(clips));
    Cli.run("assign", clips, "--swap", "right", "left");
    assertEquals(before, read(clips));
  }

  @Test
  void swapWithASpanScreenMovesTheClipAcross() throws Exception {
    Cli.run("assign", span, "top-left", "logo.mp4");
    Cli result = Cli.run("assign", span, "--swap", "top-left", "bottom-left");
    assertEquals(
        "screens[0].media (top-left): \"logo.mp4\" -> none, shows its region of the span\n"
            + "screens[2].media (bottom-left): none, shows its region of the span -> \"logo.mp4\"\n"
            + "saved "
            + span
            + "\n",
        result.out());
    Cli table = Cli.run("screens", span);
    assertEquals(
        "logo.mp4", table.out().lines().skip(3).findFirst().orElseThrow().replaceAll(".* ", ""));
  }

  @Test
  void loopsSetsTheCountAndForeverIsZero() throws Exception {
    String before = read(span);
    Cli result = Cli.run("loops", span, "forever");
    assertEquals("loops: 100 -> 0 (forever)\nsaved " + span + "\n", result.out());
    assertEquals(before.replace("\"loops\": 100", "\"loops\": 0"), read(span));
  }

  @Test
  void loopsAddsTheFieldAfterNameWhenTheFileHasNone() throws Exception {
    Files.writeString(clips, read(clips).replace("  \"loops\": 0,\n", ""));
    assertEquals(0, Cli.run("loops", clips, "12").code());
    String original = read(Project.root().resolve("layouts/lobby-3-clips.json"));
    assertEquals(original.replace("\"loops\": 0", "\"loops\": 12"), read(clips));
  }

  @Test
  void dryRunShowsTheChangeAndWritesNothing() throws Exception {
    byte[] before = Files.readAllBytes(clips);
    Cli result = Cli.run("assign", clips, "left", "new.mp4", "--dry-run");
    assertEquals(
        "screens[0].media (left): \"lobby/left.mp4\" -> \"new.mp4\"\n"
            + "dry run: "
            + clips
            + " not changed\n",
        result.out());
    assertArrayEquals(before, Files.readAllBytes(clips));
    Cli.run("loops", clips, "5", "--dry-run");
    assertArrayEquals(before, Files.readAllBytes(clips));
  }

  @Test
  void anEditToTheSameValueWritesNothing() throws Exception {
    Cli result = Cli.run("loops", span, "100");
    assertEquals(
        "loops: 100 -> 100\n" + span + " already says so; nothing to save\n", result.out());
  }

  @Test
  void anEditKeepsWindowsLineEndsAndAByteOrderMark() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String crlf = read(clips).replace("\n", "\r\n");
    Files.write(clips, concat(bom, crlf.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(0, Cli.run("loops", clips, "9").code());
    byte[] expected =
        concat(
            bom,
            crlf.replace("\"loops\": 0", "\"loops\": 9")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertArrayEquals(expected, Files.readAllBytes(clips));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static Stream<Arguments> refusedEdits() {
    return Stream.of(
        Arguments.of(
            List.of("assign", "{clips}", "centre", "centre.mp3"),
            2,
            "{clips}: screens[1].media: \"centre.mp3\" is not a known video type (.mp3); use a video"
                + " file: .mp4, .m4v, .mkv, .mov, .webm, .avi and others"),
        Arguments.of(
            List.of("assign", "{clips}", "centre", "../../etc/x.mp4"),
            2,
            "{clips}: screens[1].media: \"../../etc/x.mp4\" leads out of mediaRoot (/srv/wall/media)"
                + " through \"..\"; put the clip inside /srv/wall/media and give its path relative to it"),
        Arguments.of(
            List.of("assign", "{clips}", "centr", "c.mp4"),
            2,
            "{clips}: screens: has no screen named \"centr\"; did you mean \"centre\"?"),
        Arguments.of(
            List.of("assign", "{clips}", "left", "--span"),
            2,
            "{clips}: screens[0].media: is missing, and the layout has no span to show; give the screen"
                + " a clip, like \"media\": \"left.mp4\", or add a top-level \"span\""),
        Arguments.of(
            List.of("assign", "{clips}", "--swap", "left", "left"),
            2,
            "{clips}: screens: \"left\" and \"left\" are the same screen; name two different screens"),
        Arguments.of(
            List.of("assign", "{clips}", "left"),
            2,
            "wall: give a screen and a clip: wall assign FILE SCREEN MEDIA [MEDIA...] (see wall assign --help)"),
        Arguments.of(
            List.of("loops", "{clips}", "-1"),
            2,
            "{clips}: loops: must be between 0 and 1000000, got -1; use 0 to play forever, or a count"
                + " up to 1000000"),
        Arguments.of(
            List.of("loops", "{clips}", "lots"),
            2,
            "wall: N must be a whole number from 0 to 1000000, or 'forever'; got 'lots'"),
        Arguments.of(
            List.of("loops", "{broken}", "5"),
            2,
            "{broken}: screens[0].audio: unknown audio \"loud\"; use one of hdmi, local, both, none"),
        Arguments.of(
            List.of("assign", "{gone}", "left", "a.mp4"),
            2,
            "{gone}: does not exist; check the file name and folder"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedEdits")
  void aRefusedEditLeavesTheFileByteForByte(List<String> args, int code, String expected)
      throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, read(clips).replace("\"audio\": \"none\"", "\"audio\": \"loud\""));
    byte[] clipsBefore = Files.readAllBytes(clips);
    byte[] brokenBefore = Files.readAllBytes(broken);
    List<String> folderBefore = folder();
    Object[] argv =
        args.stream()
            .map(
                a ->
                    a.replace("{clips}", clips.toString())
                        .replace("{broken}", broken.toString())
                        .replace("{gone}", dir.resolve("gone.json").toString()))
            .toArray();

    Cli result = Cli.run(argv);

    assertEquals(
        List.of(
            expected
                .replace("{clips}", clips.toString())
                .replace("{broken}", broken.toString())
                .replace("{gone}", dir.resolve("gone.json").toString())),
        result.errLines());
    assertEquals(code, result.code());
    assertArrayEquals(clipsBefore, Files.readAllBytes(clips));
    assertArrayEquals(brokenBefore, Files.readAllBytes(broken));
    assertEquals(folderBefore, folder());
  }
}
