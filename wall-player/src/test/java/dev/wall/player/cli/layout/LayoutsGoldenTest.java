package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import dev.wall.player.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layout in layouts/ is valid, and {@code wall screens} prints its expected table, kept in
 * src/test/resources/golden/screens/NAME.txt. After adding a layout or changing the table on
 * purpose, write the golden files with {@code -Dwall.golden.update=true} and review the diff.
 */
class LayoutsGoldenTest {
  private static final Path GOLDEN =
      Project.root().resolve("wall-player/src/test/resources/golden/screens");

  static List<Path> layouts() {
    return Project.exampleLayouts();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void validates(Path layout) {
    Cli result = Cli.run("validate", layout);
    assertEquals(layout + ": ok\n", result.out(), result.err());
    assertEquals(0, result.code());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void screensTableMatchesItsGoldenFile(Path layout) throws IOException {
    Cli result = Cli.run("screens", layout);
    assertEquals(0, result.code(), result.err());
    String name = layout.getFileName().toString().replaceFirst("\\.json$", ".txt");
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("wall.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, result.out());
    }
    assertTrue(
        Files.exists(golden),
        "no golden file "
            + golden
            + " for "
            + layout
            + "; run: mvn -pl wall-player test -Dtest=LayoutsGoldenTest -Dwall.golden.update=true");
    assertEquals(Files.readString(golden), result.out());
  }
}
