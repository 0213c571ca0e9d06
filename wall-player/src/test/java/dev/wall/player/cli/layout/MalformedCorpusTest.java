package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed layouts, each a realistic mistake in a real example: every one is refused with exit 2,
 * one line per problem naming the file and a JSON path, and never a stack trace.
 */
class MalformedCorpusTest {
  /** FILE: path: what; fix -- the path as in screens[2].window.width or network.dns[1]. */
  private static final String PATH =
      "[A-Za-z_][A-Za-z0-9_]*(\\[\\d+\\])*(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\d+\\])*)*";

  private static final Pattern STACK_LINE = Pattern.compile("^\\s*at .*|.*\\tat .*");

  static List<Path> corpus() throws IOException, URISyntaxException {
    Path folder = Path.of(MalformedCorpusTest.class.getResource("/malformed").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void theCorpusHasAtLeast40Layouts() throws Exception {
    assertTrue(corpus().size() >= 40, "only " + corpus().size() + " malformed layouts");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRefusedWithAPathAndNoStackTrace(Path layout) throws IOException {
    byte[] before = Files.readAllBytes(layout);
    Cli result = Cli.run("validate", layout);

    assertEquals(2, result.code(), result.err());
    assertEquals("", result.out());
    assertFalse(result.errLines().isEmpty());
    Pattern line = Pattern.compile(Pattern.quote(layout.toString()) + ": " + PATH + ": [^;]+; .+");
    for (String problem : result.errLines()) {
      assertTrue(line.matcher(problem).matches(), "no JSON path, what and fix in: " + problem);
    }
    String all = result.out() + result.err();
    assertFalse(all.contains("Exception"), all);
    assertFalse(all.lines().anyMatch(l -> STACK_LINE.matcher(l).matches()), all);
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(layout)));
  }
}
