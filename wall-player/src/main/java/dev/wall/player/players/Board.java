package dev.wall.player.players;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a node is, as it knows itself: its board, from the model its firmware writes into the device
 * tree ({@code /proc/device-tree/model}, which is {@code /sys/firmware/devicetree/base/model};
 * "Raspberry Pi 5 Model B Rev 1.0"), and its Debian release ({@code /etc/os-release}: Raspberry Pi
 * OS is Debian underneath). They decide how a clip is decoded there ({@link Decoding}).
 *
 * @param model the device tree's model, or empty off a board that has one (a PC)
 * @param release the Debian release's number ({@code 12} for bookworm), or 0 when unknown
 */
public record Board(String model, int release) {
  static final List<Path> MODEL_FILES =
      List.of(Path.of("/proc/device-tree/model"), Path.of("/sys/firmware/devicetree/base/model"));
  static final Path OS_RELEASE = Path.of("/etc/os-release");

  /** Debian's code names by release number, for an os-release that gives only the name. */
  private static final Map<String, Integer> CODENAMES =
      Map.of("buster", 10, "bullseye", 11, "bookworm", 12, "trixie", 13, "forky", 14, "duke", 15);

  /** Debian 13, trixie: its kernels hang the Pi 4's H.264 decoder (see docs/decoders.md). */
  public static final int TRIXIE = 13;

  /** The video blocks that decide decoding: a Pi 4's (BCM2711) or a Pi 5's (BCM2712). */
  public enum Soc {
    /**
     * Pi 4, Pi 400, Compute Module 4: H.264 up to 1080p (stateful V4L2), HEVC up to 4Kp60
     * (stateless).
     */
    BCM2711,
    /** Pi 5, Pi 500, Compute Module 5: HEVC up to 4Kp60 only; no H.264 decoder. */
    BCM2712,
    /** Anything else: a PC, an older Pi, another board. */
    OTHER
  }

  /** The board a layout's {@code "board"} (or {@code --board}) names, of an unknown release. */
  public static Board of(dev.wall.core.layout.BoardKind kind) {
    return switch (kind) {
      case PI4 -> new Board("Raspberry Pi 4 Model B", 0);
      case PI5 -> new Board("Raspberry Pi 5 Model B", 0);
      case PC -> new Board("", 0);
    };
  }

  /** This node. */
  public static Board here() {
    return read(
        file -> {
          try {
            return Files.isReadable(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
          } catch (IOException e) {
            return Optional.empty();
          }
        });
  }

  /** A node whose files {@code read} gives. */
  public static Board read(Function<Path, Optional<String>> read) {
    String model = "";
    for (Path file : MODEL_FILES) {
      Optional<String> text =
          read.apply(file).map(t -> t.replace("\0", "").strip()).filter(t -> !t.isEmpty());
      if (text.isPresent()) {
        model = text.get();
        break;
      }
    }
    return new Board(model, release(read.apply(OS_RELEASE).orElse("")));
  }

  /**
   * The Debian release of an os-release file: {@code VERSION_ID}, else {@code VERSION_CODENAME}.
   */
  static int release(String osRelease) {
    String id = field(osRelease, "VERSION_ID");
    if (id.matches("\\d+(\\.\\d+)*")) {
      return Integer.parseInt(id.split("\\.")[0]);
    }
    return CODENAMES.getOrDefault(field(osRelease, "VERSION_CODENAME").toLowerCase(Locale.ROOT), 0);
  }

  private static String field(String osRelease, String name) {
    return osRelease
        .lines()
        .filter(l -> l.startsWith(name + "="))
        .findFirst()
        .map(l -> l.substring(name.length() + 1).strip().replace("\"", ""))
        .orElse("");
  }

  public Soc soc() {
    if (model.startsWith("Raspberry Pi 5")
        || model.startsWith("Raspberry Pi 500")
        || model.startsWith("Raspberry Pi Compute Module 5")) {
      return Soc.BCM2712;
    }
    if (model.startsWith("Raspberry Pi 4")
        || model.startsWith("Raspberry Pi 400")
        || model.startsWith("Raspberry Pi Compute Module 4")) {
      return Soc.BCM2711;
    }
    return Soc.OTHER;
  }

  /** The release's name, for messages: {@code bookworm}, or {@code Debian 16}. */
  public String releaseName() {
    return CODENAMES.entrySet().stream()
        .filter(e -> e.getValue() == release)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(release == 0 ? "an unknown release" : "Debian " + release);
  }
}
