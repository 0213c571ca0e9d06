package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.PlayerKind;
import dev.wall.player.process.Processes;
import dev.wall.player.versions.InstalledVersions;
import dev.wall.player.wire.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks before a start answered by {@link QuickProbe}'s script, run here by /bin/sh as a node
 * runs it (without ssh): what it answers, that it reads the layout's values only as data, and that
 * it hands over to Java only what it cannot answer.
 */
class QuickProbeTest {
  @TempDir Path dir;

  private static final Optional<QuickProbe.Identity> MINE = QuickProbe.Identity.here();

  private Probe.Request startRequest(Path runDir, Path root, List<Path> clips) {
    return new Probe.Request("node2", runDir, true, true, root, clips, false, null, null, false);
  }

  /** Runs the script here as the node would, on this JVM's classpath. */
  private List<String> ask(Probe.Request request) throws IOException {
    List<String> argv =
        QuickProbe.command(RemoteNodes.PROBE_JVM_OPTIONS, System.getProperty("java.class.path"));
    Processes.Outcome done =
        Processes.run(
            argv,
            (String.join("\n", QuickProbe.lines(request, MINE)) + "\n")
                .getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(60),
            Map.of());
    assertEquals(0, done.exitCode(), done.stderr());
    return done.stdout().lines().toList();
  }

  private Path runFolder() throws IOException {
    Path run = Files.createDirectory(dir.resolve("run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
    return run;
  }

  @Test
  void aStartsChecksAreAnsweredWithoutJava() throws IOException {
    assertTrue(MINE.isPresent(), "this build's wall and mpi.jar are found");
    Path root = Files.createDirectory(dir.resolve("media"));
    Path clip = Files.write(root.resolve("a.mp4"), new byte[1234]);
    Path folder = Files.createDirectory(root.resolve("b.mp4"));
    Probe.Request request =
        startRequest(runFolder(), root, List.of(clip, folder, root.resolve("c.mp4")));
    assertTrue(QuickProbe.answerable(request, MINE));
    List<String> lines = ask(request);
    assertTrue(QuickProbe.withoutJava(lines), String.join("\n", lines));
    Probe.Answer answer = QuickProbe.answer(lines, request, MINE);
    assertEquals("ok", answer.mediaRoot());
    assertEquals(
        List.of(
            new Probe.Clip(clip, "ok", 1234, null),
            new Probe.Clip(folder, "folder", 0, null),
            new Probe.Clip(root.resolve("c.mp4"), "missing", 0, null)),
        answer.clips());
    Map<String, String> here = InstalledVersions.here(dir);
    for (String name :
        List.of(InstalledVersions.WALL, InstalledVersions.OPEN_MPI, InstalledVersions.MPI_JAR)) {
      assertEquals(here.get(name), answer.versions().get(name), name);
    }
    assertEquals(List.of(), answer.timeouts());
    assertEquals(0, answer.swept());
  }

  @Test
  void theShareNotMountedIsSaid() throws IOException {
    Path root = Files.createDirectory(dir.resolve("media"));
    Files.createFile(root.resolve(NodeProbe.NOT_MOUNTED_SENTINEL));
    List<String> lines = ask(startRequest(null, root, List.of()));
    assertEquals("not-mounted", Probe.Answer.parse(lines).mediaRoot());
    assertEquals(
        "missing",
        Probe.Answer.parse(ask(startRequest(null, dir.resolve("none"), List.of()))).mediaRoot());
  }

  /** A layout's value is data to the script: nothing in it is run, expanded or split. */
  @Test
  void shellMetacharactersInAPathReachTheNodeOnlyAsData() throws IOException {
    Path marker = dir.resolve("ran");
    Path root = Files.createDirectory(dir.resolve("media $(x) `y`"));
    List<Path> clips =
        List.of(
            root.resolve("$(touch " + marker + ").mp4"),
            root.resolve("`touch " + marker + "`.mp4"),
            root.resolve("a; touch " + marker + " #.mp4"),
            root.resolve("it's \"quoted\" \\c \\n %s *.mp4"),
            root.resolve("-n.mp4"));
    Path there = Files.write(clips.get(3), new byte[7]);
    Probe.Request request = startRequest(runFolder(), root, clips);
    assertTrue(QuickProbe.answerable(request, MINE));
    List<String> lines = ask(request);
    assertTrue(QuickProbe.withoutJava(lines));
    Probe.Answer answer = Probe.Answer.parse(lines);
    assertFalse(Files.exists(marker), "a value was run as a command");
    assertEquals("ok", answer.mediaRoot());
    assertEquals(clips, answer.clips().stream().map(Probe.Clip::path).toList());
    assertEquals(new Probe.Clip(there, "ok", 7, null), answer.clips().get(3));
    assertEquals("missing", answer.clips().get(0).state());
  }

  @Test
  void valuesOutsideTheAllowListGoToJava() {
    Path run = Path.of("/run/wall");
    Path clip = Path.of("/srv/wall/media/a.mp4");
    assertTrue(
        QuickProbe.answerable(startRequest(run, Path.of("/srv/wall/media"), List.of(clip)), MINE));
    assertFalse(
        QuickProbe.answerable(startRequest(run, null, List.of(Path.of("/srv/a\nsweep.mp4"))), MINE),
        "a newline would end the line");
    assertFalse(
        QuickProbe.answerable(startRequest(run, null, List.of(Path.of("/srv/../a.mp4"))), MINE));
    assertFalse(QuickProbe.answerable(startRequest(run, null, List.of(Path.of("a.mp4"))), MINE));
    assertFalse(
        QuickProbe.answerable(
            new Probe.Request(
                "node2; reboot", run, true, true, null, List.of(), false, null, null, false),
            MINE));
    assertFalse(
        QuickProbe.answerable(
            new Probe.Request(
                "node2", run, true, true, null, List.of(), false, PlayerKind.MPV, null, false),
            MINE),
        "the doctor's questions need Java");
    assertFalse(QuickProbe.answerable(startRequest(run, null, List.of()).withDecoding(), MINE));
    assertFalse(QuickProbe.answerable(startRequest(run, null, List.of()), Optional.empty()));
  }

  @Test
  void aPreviousRunToSweepIsHandedToJava() throws IOException {
    Path run = runFolder();
    Path pids = Files.createDirectories(run.resolve("pids/node2"));
    Files.writeString(pids.resolve("rank-0"), "rank 999999999 1\n");
    List<String> lines = ask(startRequest(run, null, List.of()));
    assertTrue(lines.contains(QuickProbe.HANDED_OVER + " for a previous run to sweep"), "" + lines);
    assertFalse(QuickProbe.withoutJava(lines));
    assertTrue(lines.contains("end"));
    assertFalse(Files.exists(pids.resolve("rank-0")), "Java swept it");
  }

  @Test
  void aRunFolderOpenToOthersIsHandedToJavaWhichSaysWhy() throws IOException {
    Path run = runFolder();
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> lines = ask(startRequest(run, null, List.of()));
    assertFalse(QuickProbe.withoutJava(lines));
    assertTrue(
        Probe.Answer.parse(lines).refused().get(0).contains("is open to other users"), "" + lines);
  }

  @Test
  void anotherWallThereIsHandedToJava() throws IOException {
    Probe.Request request = startRequest(null, null, List.of());
    QuickProbe.Identity mine = MINE.orElseThrow();
    Optional<QuickProbe.Identity> other =
        Optional.of(
            new QuickProbe.Identity(
                mine.wall(),
                "0".repeat(64),
                mine.mpiJar(),
                mine.mpiJarSha256(),
                mine.mpiJarVersion()));
    Processes.Outcome done =
        Processes.run(
            QuickProbe.command(
                RemoteNodes.PROBE_JVM_OPTIONS, System.getProperty("java.class.path")),
            (String.join("\n", QuickProbe.lines(request, other)) + "\n")
                .getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(60),
            Map.of());
    List<String> lines = done.stdout().lines().toList();
    assertTrue(lines.contains(QuickProbe.HANDED_OVER + " for another wall"), "" + lines);
    assertEquals(
        InstalledVersions.here(dir).get(InstalledVersions.WALL),
        Probe.Answer.parse(lines).versions().get(InstalledVersions.WALL));
  }

  @Test
  void theScriptsAnswerIsReadAsTheNodesAnswer() {
    List<String> lines =
        List.of(
            QuickProbe.ANSWERING,
            "media-root ok",
            "clip missing 0 - /srv/wall/media/a b.mp4",
            "timeout clips 5s",
            "version openmpi 4.1.4",
            "swept 0",
            "end");
    assertTrue(QuickProbe.withoutJava(lines));
    assertFalse(
        QuickProbe.withoutJava(
            List.of(QuickProbe.ANSWERING, NodeJava.STARTING, NodeProbe.STARTED + " 800", "end")));
    Probe.Request request = startRequest(null, null, List.of());
    QuickProbe.Identity mine =
        new QuickProbe.Identity(
            "1.0 commit abc", "x", Path.of("/opt/wall/lib/mpi.jar"), "y", "4.1.4");
    Probe.Answer answer = QuickProbe.answer(lines, request, Optional.of(mine));
    assertEquals(
        Map.of(
            InstalledVersions.WALL, "1.0 commit abc",
            InstalledVersions.OPEN_MPI, "4.1.4",
            InstalledVersions.MPI_JAR, "4.1.4"),
        answer.versions());
    assertEquals(
        List.of(new Probe.Clip(Path.of("/srv/wall/media/a b.mp4"), "missing", 0, null)),
        answer.clips());
    assertEquals(List.of("clips 5s"), answer.timeouts());
    assertNull(answer.resolves());
  }
}
