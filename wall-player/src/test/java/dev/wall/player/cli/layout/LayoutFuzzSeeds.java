package dev.wall.player.cli.layout;

import dev.wall.player.testing.Project;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the validator is fuzzed from: every example layout, the malformed corpus, and the crafted
 * layouts of the security review; and a small mutator for the deterministic run of the unit tests.
 */
final class LayoutFuzzSeeds {
  private LayoutFuzzSeeds() {}

  /** Text that past bugs hid behind, spliced in by the mutator. */
  static final List<String> TOKENS =
      List.of(
          "1e10000000",
          "1e-999999999",
          "1e999999999",
          "-0",
          "0.5",
          "1" + "0".repeat(60),
          "1E+40",
          "null",
          "true",
          "\"\\n\"",
          "\"\\u0000\"",
          "\"\\u001b[2J\"",
          "\"\\u2028\"",
          "\"\\ud800\"",
          "\"\u0661\u0669\u0662.\u0661.\u0661.\u0661\"",
          "\"beef:cafe.dead\"",
          "\"::ffff:1.2.3.4\"",
          "[",
          "]",
          "{",
          "}",
          ",",
          ":",
          "\"",
          "\\",
          "[[[[[[[[",
          "{\"a\":",
          "\"screens\"",
          "\"name\"",
          "\"host\"",
          "\"media\"",
          "\"window\"",
          "\"region\"",
          "\"span\"",
          "\"schedule\"",
          "\"timezone\"",
          "\"reference\"",
          "\"playerArgs\"",
          "\"%n\"",
          "\"..\"",
          "\"/\"",
          "\"a.mp4\"",
          "\u00e9",
          "\ufeff");

  static List<byte[]> all() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (Path example : Project.exampleLayouts()) {
      seeds.add(Files.readAllBytes(example));
    }
    for (Path malformed : malformedCorpus()) {
      seeds.add(Files.readAllBytes(malformed));
    }
    crafted().forEach(text -> seeds.add(text.getBytes(StandardCharsets.UTF_8)));
    return seeds;
  }

  static List<Path> malformedCorpus() throws IOException {
    try {
      Path folder = Path.of(LayoutFuzzSeeds.class.getResource("/malformed").toURI());
      try (Stream<Path> files = Files.list(folder)) {
        return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  /** The inputs of the review, each once a hang, an OutOfMemoryError or a line in the unit. */
  static List<String> crafted() {
    String base = CraftedLayoutTest.BASE;
    String screens =
        IntStream.range(0, 2000)
            .mapToObj(
                i -> String.format("{\"name\":\"s%05d\",\"host\":\"rpi1\",\"media\":\"a.mp4\"}", i))
            .collect(Collectors.joining(","));
    return List.of(
        base.replace(
            "\"lobby\"",
            "\"lobby\\n[Service]\\nExecStartPre=+/bin/sh -c 'id > /tmp/x'\\n[Unit]\\n#\""),
        base.replace("\"loops\": 1", "\"loops\": 1e10000000"),
        base.replace("\"loops\": 1", "\"loops\": 1e-999999999"),
        base.replace("\"maxRateTrim\": 0.05", "\"maxRateTrim\": 1e999999999"),
        "{\"version\":1,\"mediaRoot\":\"/m\",\"screens\":[" + screens + "]}",
        base.replace("\"rpi1\"", "\"beef:cafe.dead\""),
        base.replace("\"rpi1\"", "\"\u0661\u0669\u0662.\u0661\u0666\u0668.\u0661.\u0661\""),
        base.replace("\"loops\": 1", "\"loops\": " + "[".repeat(40) + "]".repeat(40)));
  }

  /** {@code seed} changed in 1 to 4 places: bytes flipped, cut, repeated, or a token spliced in. */
  static byte[] mutate(byte[] seed, List<byte[]> others, Random random) {
    byte[] data = seed;
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
      data =
          switch (random.nextInt(6)) {
            case 0 ->
                splice(data, at, Math.min(data.length - at, 1 + random.nextInt(8)), new byte[0]);
            case 1 ->
                splice(
                    data,
                    at,
                    0,
                    TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
            case 2 -> {
              byte[] copy = data.clone();
              if (copy.length > 0) {
                copy[Math.min(at, copy.length - 1)] ^= (byte) (1 << random.nextInt(8));
              }
              yield copy;
            }
            case 3 -> {
              int length = Math.min(data.length - at, random.nextInt(64));
              byte[] span = java.util.Arrays.copyOfRange(data, at, at + length);
              yield splice(data, at, 0, span);
            }
            case 4 -> {
              byte[] other = others.get(random.nextInt(others.size()));
              int from = other.length == 0 ? 0 : random.nextInt(other.length);
              yield splice(
                  data,
                  at,
                  0,
                  java.util.Arrays.copyOfRange(other, from, Math.min(other.length, from + 200)));
            }
            default -> splice(data, at, 0, new byte[] {(byte) random.nextInt(256)});
          };
    }
    return data;
  }

  private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
    byte[] out = new byte[data.length - remove + insert.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
    return out;
  }
}
