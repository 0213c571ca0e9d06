package dev.wall.player.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed scripts {@link RemoteAuthorize} runs on a worker, run here by the shells a worker's
 * login shell may be, with {@code ulimit -f 1} standing in for a full disk: a failed write never
 * replaces {@code authorized_keys}, and the failure is reported. Both ways a shell meets the limit
 * are tried: with SIGXFSZ ignored (as a JVM's children get it), writes fail; with its default
 * action, the writer is killed.
 */
class AuthorizedKeysScriptTest {
  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q"
          + " wall@rpi1";
  private static final String LINE = "from=\"192.168.1.0/24\",restrict " + KEY;
  private static final String BLOB =
      "AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q";

  @TempDir Path home;

  /** Thirty lines of other keys, well past the limit of one block. */
  private String thirtyLines() throws Exception {
    StringBuilder text = new StringBuilder();
    IntStream.range(0, 30)
        .forEach(
            i ->
                text.append("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI")
                    .append("x".repeat(40))
                    .append(String.format("%02d", i))
                    .append(" someone@laptop")
                    .append(i)
                    .append('\n'));
    Path file = Files.createDirectories(home.resolve(".ssh")).resolve("authorized_keys");
    Files.writeString(file, text.toString());
    return text.toString();
  }

  private Processes.Outcome run(String shell, String signal, String script) throws Exception {
    List<String> argv = new ArrayList<>();
    if (signal.equals("default")) {
      argv.addAll(List.of("env", "--default-signal=XFSZ"));
    }
    String limit = (signal.equals("ignored") ? "trap '' XFSZ\n" : "") + "ulimit -f 1\n";
    argv.addAll(List.of(shell, "-c", signal.equals("none") ? script : limit + script));
    return Processes.run(
        argv, LINE + "\n" + BLOB + "\n", Duration.ofSeconds(20), Map.of("HOME", home.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh ignored", "sh default", "bash ignored", "bash default"})
  void aFullDiskLeavesTheThirtyLinesAndSaysItFailed(String how) throws Exception {
    String shell = how.split(" ")[0];
    String signal = how.split(" ")[1];
    String before = thirtyLines();
    Path file = home.resolve(".ssh/authorized_keys");

    Processes.Outcome added = run(shell, signal, RemoteAuthorize.ADD_ONCE);

    assertNotEquals(0, added.exitCode(), added.toString());
    assertFalse(added.stdout().contains("wall:added"), added.toString());
    assertEquals(before, Files.readString(file), "30 lines stay 30");
    assertEquals(30, Files.readAllLines(file).size());
    assertFalse(
        Files.exists(home.resolve(".ssh/authorized_keys.wall-tmp")), "no half-written file left");
    assertTrue(
        RemoteAuthorize.why(added).startsWith("~/.ssh/authorized_keys could not be written there"),
        RemoteAuthorize.why(added));

    Files.writeString(file, before + LINE + "\n");
    Processes.Outcome removed = run(shell, signal, RemoteAuthorize.REMOVE);
    assertNotEquals(0, removed.exitCode(), removed.toString());
    assertEquals(
        before + LINE + "\n",
        Files.readString(file),
        "nothing taken out when the rest cannot be written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void withRoomItAddsTheLineOnceKeepsTheOthersAndTakesItOutAgain(String shell) throws Exception {
    String before = thirtyLines();
    Path file = home.resolve(".ssh/authorized_keys");
    Files.writeString(file, before + "ssh-ed25519 " + BLOB + " wall@rpi1\n");

    Processes.Outcome added = run(shell, "none", RemoteAuthorize.ADD_ONCE);
    assertEquals(0, added.exitCode(), added.toString());
    assertEquals("wall:added\n", added.stdout());
    assertEquals(
        before + LINE + "\n",
        Files.readString(file),
        "the older line of the key replaced, the rest kept");
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    assertEquals("wall:present\n", run(shell, "none", RemoteAuthorize.ADD_ONCE).stdout());
    assertEquals("wall:removed\n", run(shell, "none", RemoteAuthorize.REMOVE).stdout());
    assertEquals(before, Files.readString(file));
    assertEquals("wall:absent\n", run(shell, "none", RemoteAuthorize.REMOVE).stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void aFirstKeyMakesTheFolderAndTheFile(String shell) throws Exception {
    Processes.Outcome added = run(shell, "none", RemoteAuthorize.ADD_ONCE);
    assertEquals(0, added.exitCode(), added.toString());
    assertEquals(LINE + "\n", Files.readString(home.resolve(".ssh/authorized_keys")));
    assertEquals(
        "rwx------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(home.resolve(".ssh"))));
  }
}
