package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> RECT = List.of("x", "y", "width", "height");
  private static final List<String> TOP = List.of("version", "loops", "mediaRoot", "screens");

  @ParameterizedTest
  @CsvSource({
    "widht, width",
    "hieght, height",
    "heigth, height",
    "wdth, width",
    "Width, width",
  })
  void suggestsTheFieldATypoMeant(String typed, String meant) {
    assertEquals(Optional.of(meant), Suggestions.closest(typed, RECT));
  }

  @ParameterizedTest
  @CsvSource({"media_root, mediaRoot", "MediaRoot, mediaRoot", "loop, loops", "screen, screens"})
  void ignoresCaseAndSeparators(String typed, String meant) {
    assertEquals(Optional.of(meant), Suggestions.closest(typed, TOP));
  }

  @ParameterizedTest
  @CsvSource({"colour", "z", "bezel", "ww"})
  void suggestsNothingForAWordFarFromEveryField(String typed) {
    assertEquals(Optional.empty(), Suggestions.closest(typed, RECT));
  }

  @ParameterizedTest
  @CsvSource({"mvp, mpv", "vcl, vlc", "omxplayr, omxplayer", "hdm, hdmi", "hmdi, hdmi"})
  void suggestsEnumValues(String typed, String meant) {
    List<String> known =
        List.of("auto", "omxplayer", "mpv", "vlc", "hdmi", "local", "both", "none");
    assertEquals(Optional.of(meant), Suggestions.closest(typed, known));
  }

  @ParameterizedTest
  @CsvSource({"widht, width, 1", "abc, abc, 0", "kitten, sitting, 3"})
  void countsASwapOfNeighboursAsOneEdit(String a, String b, int distance) {
    assertEquals(distance, Suggestions.distance(a, b));
  }
}
