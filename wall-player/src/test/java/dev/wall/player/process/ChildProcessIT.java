package dev.wall.player.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.playertest.TestMedia;
import dev.wall.player.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stop contract and the shutdown hook, with real processes. */
@Tag("smoke")
class ChildProcessIT {

  @Test
  void stopAsksFirstAndAPoliteChildIsGoneAtOnce() throws Exception {
    Path dir = TestMedia.workDir("child-polite");
    ChildProcess sleeper =
        ChildProcess.start("sleeper", List.of("sleep", "600"), dir.resolve("sleep.log"), Map.of());
    long started = System.nanoTime();
    int code = sleeper.stop(Duration.ofSeconds(5));
    double took = (System.nanoTime() - started) / 1e9;
    assertFalse(sleeper.isAlive());
    assertEquals(143, code, "ended by SIGTERM, not forced");
    assertTrue(took < 2, "no waiting for the grace period: " + took + " s");
  }

  @Test
  void stopForcesAChildThatIgnoresTheAskAfterTheGracePeriod() throws Exception {
    Path dir = TestMedia.workDir("child-stubborn");
    Path ready = dir.resolve("ready");
    // A child that ignores SIGTERM (fixed test text, not layout content).
    List<String> argv =
        List.of(
            "python3",
            "-c",
            "import signal, time, pathlib; signal.signal(signal.SIGTERM,"
                + " signal.SIG_IGN); pathlib.Path('"
                + ready
                + "').touch(); time.sleep(600)");
    ChildProcess stubborn =
        ChildProcess.start("stubborn", argv, dir.resolve("stubborn.log"), Map.of());
    Poll.until(Duration.ofSeconds(10), "the child to ignore SIGTERM", () -> Files.exists(ready));
    long started = System.nanoTime();
    int code = stubborn.stop(Duration.ofMillis(500));
    double took = (System.nanoTime() - started) / 1e9;
    assertFalse(stubborn.isAlive());
    assertEquals(137, code, "forced with SIGKILL");
    assertTrue(took >= 0.5 && took < 3, "waited the grace period, then forced: " + took + " s");
  }

  /**
   * The lifeline's script is fixed text: a clip name or player argument from a layout reaches the
   * program as it is.
   */
  @Test
  void argumentsPassThroughTheLifelineAsTextNeverAsShell() throws Exception {
    Path dir = TestMedia.workDir("child-lifeline-args");
    Path marker = dir.resolve("ran");
    Files.deleteIfExists(marker);
    String hostile =
        "a b; touch " + marker + " $(touch " + marker + ") `touch " + marker + "` \"$HOME\" *";
    ChildProcess echo =
        ChildProcess.startWithLifeline(
            "args",
            Lifeline.wrap(List.of("printf", "[%s]\\n", hostile, "--x=y z")),
            dir.resolve("args.log"),
            Map.of());
    assertEquals(0, echo.waitFor(Duration.ofSeconds(10)).orElse(-1));
    assertEquals(
        List.of("[" + hostile + "]", "[--x=y z]"), Files.readAllLines(dir.resolve("args.log")));
    assertFalse(Files.exists(marker), "no shell ran any part of an argument");
  }

  @Test
  void underItsLifelineAProgramEndsAsItWouldAndIsStoppedWithItsOwnChildren() throws Exception {
    Path dir = TestMedia.workDir("child-lifeline");
    ChildProcess exits =
        ChildProcess.startWithLifeline(
            "exits",
            Lifeline.wrap(List.of("sh", "-c", "exit 7")),
            dir.resolve("exits.log"),
            Map.of());
    assertEquals(
        7,
        exits.waitFor(Duration.ofSeconds(10)).orElse(-1),
        "its exit status, through the lifeline");

    // A program that starts one of its own, as runuser starts VLC.
    ChildProcess parent =
        ChildProcess.startWithLifeline(
            "parent",
            Lifeline.wrap(List.of("sh", "-c", "sleep 600 & wait")),
            dir.resolve("parent.log"),
            Map.of());
    ProcessHandle program =
        Poll.until(
            Duration.ofSeconds(10),
            "the program",
            () ->
                Lifeline.program(parent)
                    .filter(p -> p.children().findAny().isPresent())
                    .orElse(null));
    ProcessHandle grandchild = program.children().findFirst().orElseThrow();
    program.destroyForcibly();
    assertEquals(
        137,
        parent.waitFor(Duration.ofSeconds(10)).orElse(-1),
        "killed, as Java reports a SIGKILL");
    grandchild.destroyForcibly();

    ChildProcess stopped =
        ChildProcess.startWithLifeline(
            "stopped",
            Lifeline.wrap(List.of("sh", "-c", "sleep 600 & wait")),
            dir.resolve("stopped.log"),
            Map.of());
    ProcessHandle its =
        Poll.until(
            Duration.ofSeconds(10),
            "the program's child",
            () -> Lifeline.program(stopped).flatMap(p -> p.children().findFirst()).orElse(null));
    stopped.stop(Duration.ofSeconds(2));
    Poll.until(Duration.ofSeconds(5), "its child to go too", () -> !its.isAlive());
  }

  @Test
  void aProgramUnderItsLifelineGoesWhenTheJvmThatStartedItIsKilled() throws Exception {
    Path dir = TestMedia.workDir("child-lifeline-kill");
    Path output = dir.resolve("fixture.out");
    List<String> argv =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ChildProcessFixture.class.getName(),
            "lifeline",
            dir.resolve("sleep.log").toString());
    Process jvm =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      long child =
          Poll.until(
              Duration.ofSeconds(30),
              "the fixture to start its child",
              () ->
                  Files.readAllLines(output).stream()
                      .filter(l -> l.startsWith("child "))
                      .map(l -> Long.parseLong(l.substring(6)))
                      .findFirst()
                      .orElse(null));
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
      Poll.until(
          Duration.ofSeconds(5),
          "the program to go with the JVM",
          () -> !ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
    } finally {
      jvm.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "JVM ends by {0}")
  @ValueSource(strings = {"exit", "SIGTERM"})
  void theShutdownHookStopsEveryChild(String how) throws Exception {
    Path dir = TestMedia.workDir("child-hook");
    Path output = dir.resolve("fixture.out");
    List<String> argv =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ChildProcessFixture.class.getName(),
            how.equals("exit") ? "exit" : "wait",
            dir.resolve("sleep.log").toString());
    Process jvm =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      long child =
          Poll.until(
              Duration.ofSeconds(30),
              "the fixture to start its child",
              () ->
                  Files.readAllLines(output).stream()
                      .filter(l -> l.startsWith("child "))
                      .map(l -> Long.parseLong(l.substring(6)))
                      .findFirst()
                      .orElse(null));
      if (how.equals("SIGTERM")) {
        jvm.destroy();
      }
      Poll.until(Duration.ofSeconds(10), "the fixture JVM to end", () -> !jvm.isAlive());
      assertFalse(
          ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
          "the child " + child + " outlived the JVM");
    } finally {
      jvm.destroyForcibly();
    }
  }
}
