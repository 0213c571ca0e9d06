package dev.wall.player.cli.setup;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case under {@code setup/expected/RELEASE/CASE} (its {@code ARGS} say what to run) on a
 * fresh fixture root: the dry run writes nothing and prints the golden diff; the run produces the
 * golden tree and output; a second run changes nothing; undo gives back the fixture exactly. Run
 * with {@code -Dwall.golden.update=true} to rewrite the goldens after a deliberate change.
 */
class SetupGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("wall.golden.update");

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String release : FixtureRoot.RELEASES) {
      try (Stream<Path> dirs = Files.list(FixtureRoot.resource("expected/" + release))) {
        dirs.sorted().forEach(d -> cases.add(Arguments.of(release, d.getFileName().toString())));
      }
    }
    return cases.stream();
  }

  /**
   * The golden cases are the registry's: one per module that {@code all} runs, and {@code all} on
   * either role.
   */
  @org.junit.jupiter.api.Test
  void theGoldenCasesAreTheRegistrysModules() throws IOException {
    java.util.Set<String> expected =
        new java.util.TreeSet<>(List.of("all-controller", "all-worker"));
    SetupModules.ALL.stream().filter(e -> e.inAll() != null).forEach(e -> expected.add(e.name()));
    for (String release : FixtureRoot.RELEASES) {
      try (Stream<Path> dirs = Files.list(FixtureRoot.resource("expected/" + release))) {
        assertEquals(
            expected,
            dirs.map(d -> d.getFileName().toString())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
            release);
      }
    }
    for (SetupModules.Entry entry : SetupModules.ALL) {
      assertEquals(
          entry.name(),
          new picocli.CommandLine(entry.command().get()).getCommandName(),
          "the registry names each module as its command does");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void dryRunRunRerunUndo(String release, String name, @TempDir Path tmp) throws IOException {
    Path golden = FixtureRoot.resource("expected/" + release + "/" + name);
    String args = Files.readString(golden.resolve("ARGS"));
    Path root = FixtureRoot.materialize(release, tmp.resolve("root"));
    TreeSnapshot fixture = TreeSnapshot.of(root);

    Cli dryRun = Cli.inRoot(root, args, "--dry-run");
    assertEquals(0, dryRun.code(), dryRun.err());
    assertEquals(fixture.listing(), TreeSnapshot.of(root).listing(), "a dry run wrote something");

    Cli run = Cli.inRoot(root, args);
    assertEquals(0, run.code(), run.err());
    TreeSnapshot after = TreeSnapshot.of(root);
    if (UPDATE) {
      update(release, name, dryRun, run, fixture, after);
      return;
    }
    assertEquals(read(golden, "DRYRUN"), dryRun.out(), "dry-run output");
    assertEquals(read(golden, "OUTPUT"), run.out(), "output");
    assertEquals(read(golden, "TREE"), after.listing(), "tree after the run");
    assertChangedFilesMatch(golden, fixture, after);

    Cli again = Cli.inRoot(root, args);
    assertEquals(0, again.code(), again.err());
    assertEquals(after.listing(), TreeSnapshot.of(root).listing(), "a second run changed the tree");
    assertTrue(
        again.resultLines().stream()
            .allMatch(l -> l.contains(": already set") || l.contains(": skipped")),
        again.out());

    Cli dryAgain = Cli.inRoot(root, args, "--dry-run");
    assertTrue(dryAgain.resultLines().stream().noneMatch(l -> l.contains("would")), dryAgain.out());
    assertTrue(!dryAgain.out().contains("\n+++ "), dryAgain.out());

    Cli undoDry = Cli.inRoot(root, args, "--undo", "--dry-run");
    assertEquals(0, undoDry.code(), undoDry.err());
    assertEquals(after.listing(), TreeSnapshot.of(root).listing(), "a dry undo wrote something");

    Cli undo = Cli.inRoot(root, args, "--undo");
    assertEquals(0, undo.code(), undo.err());
    assertSameTree(fixture, TreeSnapshot.of(root));

    Cli undoAgain = Cli.inRoot(root, args, "--undo");
    assertEquals(0, undoAgain.code(), undoAgain.err());
    assertTrue(
        undoAgain.resultLines().stream()
            .allMatch(l -> l.contains("nothing to undo") || l.contains(": skipped")),
        undoAgain.out());
    assertSameTree(fixture, TreeSnapshot.of(root));
  }

  private static void assertSameTree(TreeSnapshot expected, TreeSnapshot actual) {
    List<String> want = expected.listing().lines().toList();
    List<String> got = actual.listing().lines().toList();
    List<String> missing = want.stream().filter(l -> !got.contains(l)).toList();
    List<String> extra = got.stream().filter(l -> !want.contains(l)).toList();
    assertEquals(List.of(), missing, "undo did not give back the fixture; left behind: " + extra);
    assertEquals(List.of(), extra, "undo left behind");
  }

  private static void assertChangedFilesMatch(Path golden, TreeSnapshot fixture, TreeSnapshot after)
      throws IOException {
    List<Runnable> checks = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : after.contents().entrySet()) {
      byte[] before = fixture.contents().get(file.getKey());
      if (before != null && java.util.Arrays.equals(before, file.getValue())
          || file.getKey().contains("wall_ed25519")) {
        continue;
      }
      Path expected = golden.resolve("files" + file.getKey());
      byte[] want = Files.readAllBytes(expected);
      checks.add(() -> assertArrayEquals(want, file.getValue(), file.getKey()));
    }
    assertAll(checks.stream().map(c -> c::run));
  }

  private static String read(Path golden, String name) throws IOException {
    return Files.readString(golden.resolve(name));
  }

  /** Rewrites the goldens in the source tree (Surefire runs in the module folder). */
  private static void update(
      String release, String name, Cli dryRun, Cli run, TreeSnapshot fixture, TreeSnapshot after)
      throws IOException {
    Path dir = Path.of("src/test/resources/setup/expected", release, name);
    Files.writeString(dir.resolve("DRYRUN"), dryRun.out());
    Files.writeString(dir.resolve("OUTPUT"), run.out());
    Files.writeString(dir.resolve("TREE"), after.listing());
    Path files = dir.resolve("files");
    if (Files.exists(files)) {
      try (Stream<Path> old = Files.walk(files)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    for (Map.Entry<String, byte[]> file : after.contents().entrySet()) {
      byte[] before = fixture.contents().get(file.getKey());
      if (before != null && java.util.Arrays.equals(before, file.getValue())
          || file.getKey().contains("wall_ed25519")) {
        continue;
      }
      Path to = files.resolve(file.getKey().substring(1));
      Files.createDirectories(to.getParent());
      Files.write(to, file.getValue());
    }
  }
}
