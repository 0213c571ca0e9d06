package dev.wall.core.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  @Test
  void unifiedDiffLooksLikeDiffU() {
    String a = "one\ntwo\nthree\nfour\n";
    String b = "one\ntwo\n3\nfour\nfive\n";
    assertEquals(
        "--- /a\n+++ /a\n@@ -1,4 +1,5 @@\n one\n two\n-three\n+3\n four\n+five\n",
        LineDiff.unified(a, b, "/a", "/a"));
  }

  @Test
  void equalTextsGiveNoDiff() {
    assertEquals("", LineDiff.unified("same\n", "same\n", "/a", "/a"));
  }

  @Test
  void marksAMissingFinalNewline() {
    assertTrue(
        LineDiff.unified("x", "x y", "/a", "/a")
            .contains("-x\n\\ No newline at end of file\n+x y\n"));
  }

  @Test
  void reverseTakesOutOnlyItsOwnChangeAndKeepsLaterEdits() {
    String original = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
    String changed = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nmine\n";
    String edited = "first\na\nB\nc\nd\ne\nF\ng\nh\ni\nj\nk\nl\nmine\n";
    assertEquals(
        Optional.of("first\na\nb\nc\nd\ne\nF\ng\nh\ni\nj\nk\nl\n"),
        LineDiff.reverse(original, changed, edited));
  }

  @Test
  void reverseRefusesWhenItsLinesWereEdited() {
    assertEquals(Optional.empty(), LineDiff.reverse("a\nb\n", "a\nb\nmine\n", "a\nb\nyours\n"));
  }

  @Test
  void reverseOfAnUntouchedChangeIsTheOriginalExactly() {
    assertEquals(
        Optional.of("x\r\ny"), LineDiff.reverse("x\r\ny", "x\r\ny\r\nz\r\n", "x\r\ny\r\nz\r\n"));
  }
}
