package dev.wall.core.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The filesystem setup edits: {@code /} on a live node, any folder in tests or for an SD card
 * image. Paths inside it are written as the node sees them ({@code /etc/hosts}).
 */
public record SystemTree(Path root, Release release, String bootDir) {

  /**
   * Reads the release from {@code etc/os-release} and finds the boot folder as raspi-config does.
   */
  public static SystemTree detect(Path given) throws SetupRefusal {
    Path root = given.toAbsolutePath().normalize();
    Path osRelease = root.resolve("etc/os-release");
    if (!Files.isRegularFile(osRelease)) {
      throw new SetupRefusal(
          show(root, "/etc/os-release") + ": missing; is " + root + " a Raspberry Pi OS root?");
    }
    String codename = codename(osRelease);
    Release release =
        Release.byCodename(codename)
            .orElseThrow(
                () ->
                    new SetupRefusal(
                        show(root, "/etc/os-release")
                            + ": unknown release \""
                            + codename
                            + "\"; wall setup knows "
                            + Release.known()));
    String boot =
        Files.isRegularFile(root.resolve("boot/firmware/config.txt")) ? "/boot/firmware" : "/boot";
    return new SystemTree(root, release, boot);
  }

  private static String codename(Path osRelease) throws SetupRefusal {
    try {
      return Files.readAllLines(osRelease, StandardCharsets.ISO_8859_1).stream()
          .filter(line -> line.startsWith("VERSION_CODENAME="))
          .map(line -> line.substring("VERSION_CODENAME=".length()).replace("\"", "").trim())
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      throw new SetupRefusal(osRelease + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** The real location of a node path such as {@code /etc/hosts}. */
  public Path resolve(String nodePath) {
    return root.resolve(nodePath.replaceFirst("^/+", ""));
  }

  public boolean isLive() {
    return root.toAbsolutePath().normalize().equals(Path.of("/"));
  }

  /** How to name a node path to the user: as is on a live node, with the root otherwise. */
  public String show(String nodePath) {
    return show(root, nodePath);
  }

  private static String show(Path root, String nodePath) {
    Path abs = root.toAbsolutePath().normalize();
    return abs.equals(Path.of("/")) ? nodePath : abs + nodePath;
  }
}
