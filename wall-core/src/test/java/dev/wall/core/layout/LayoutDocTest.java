package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.testing.RepoFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The commented examples in docs/layout.md are the files in layouts/, comments aside. */
class LayoutDocTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("```jsonc\\n// (layouts/[^\\n]+\\.json)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyCommentedExampleIsTheLayoutFileItNames() throws Exception {
    String doc = Files.readString(RepoFiles.root().resolve("docs/layout.md"));
    ObjectMapper json = new ObjectMapper();
    List<String> checked = new ArrayList<>();
    Matcher example = EXAMPLE.matcher(doc);
    while (example.find()) {
      String withoutComments = example.group(2).replaceAll("(?m)\\s*//.*$", "");
      String file = example.group(1);
      assertEquals(
          json.readTree(RepoFiles.root().resolve(file).toFile()),
          json.readTree(withoutComments),
          "docs/layout.md differs from " + file);
      checked.add(file);
    }
    assertTrue(checked.size() >= 3, "examples found: " + checked);
  }
}
