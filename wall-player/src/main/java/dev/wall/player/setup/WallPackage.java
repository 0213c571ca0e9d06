package dev.wall.player.setup;

import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wall's Debian package file: its name, version and dependencies, read with dpkg-deb. Where the
 * controller has wall installed from its package and no file at hand, the exact same package is
 * built again from the installed files and dpkg's own record of them ({@link #rebuildInstalled}).
 */
public record WallPackage(Path file, String name, String version, String depends) {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String DPKG_INFO = "/var/lib/dpkg/info/";

  public static WallPackage read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such package file");
    }
    Processes.Outcome fields =
        Processes.run(
            List.of("dpkg-deb", "-f", file.toString(), "Package", "Version", "Depends"),
            "",
            TIMEOUT,
            Map.of());
    if (fields.exitCode() != 0) {
      throw new IOException(file + ": not a Debian package (" + fields.lastErrorLine() + ")");
    }
    Map<String, String> control = new LinkedHashMap<>();
    for (String line : fields.stdout().lines().toList()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        control.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return new WallPackage(
        file,
        control.getOrDefault("Package", ""),
        control.getOrDefault("Version", ""),
        control.getOrDefault("Depends", ""));
  }

  /** The file name apt and people expect: {@code wall_VERSION_all.deb}. */
  public String fileName() {
    return name + "_" + version + "_all.deb";
  }

  /**
   * Each dependency as its alternatives, {@code mpv | omxplayer | vlc} as three; version
   * constraints kept as written ({@code openmpi-bin (>= 4.1.4)}).
   */
  public List<List<String>> dependencies() {
    List<List<String>> all = new ArrayList<>();
    for (String group : depends.split(",")) {
      List<String> alternatives = new ArrayList<>();
      for (String alternative : group.split("\\|")) {
        if (!alternative.isBlank()) {
          alternatives.add(alternative.trim());
        }
      }
      if (!alternatives.isEmpty()) {
        all.add(alternatives);
      }
    }
    return all;
  }

  /** The installed wall's version, if dpkg says it is installed here. */
  public static Optional<String> installedVersion() throws IOException {
    Processes.Outcome query =
        Processes.run(
            List.of("dpkg-query", "-W", "-f=${Status}\\t${Version}", "wall"),
            "",
            TIMEOUT,
            Map.of());
    if (query.exitCode() != 0 || !query.stdout().startsWith("install ok installed\t")) {
      return Optional.empty();
    }
    return Optional.of(query.stdout().substring(query.stdout().indexOf('\t') + 1).trim());
  }

  /**
   * The installed wall as a package file in {@code dir}: its files as dpkg lists them, its control
   * fields as dpkg records them, built with dpkg-deb. The same files and fields as the package it
   * was installed from, so a node gets exactly what the controller runs.
   */
  public static WallPackage rebuildInstalled(Path dir) throws IOException {
    String version =
        installedVersion()
            .orElseThrow(() -> new IOException("wall is not installed from its package here"));
    Path tree = Files.createTempDirectory(dir, "wall-package");
    try {
      Path control = Files.createDirectories(tree.resolve("DEBIAN"));
      Processes.Outcome status =
          Processes.run(List.of("dpkg-query", "-s", "wall"), "", TIMEOUT, Map.of());
      StringBuilder fields = new StringBuilder();
      for (String line : status.stdout().lines().toList()) {
        if (!line.startsWith("Status:")
            && !line.startsWith("Conffiles:")
            && !(line.startsWith(" ") && fields.isEmpty())) {
          fields.append(line).append('\n');
        }
      }
      Files.writeString(control.resolve("control"), fields.toString());
      copyIfExists(Path.of(DPKG_INFO + "wall.md5sums"), control.resolve("md5sums"));
      for (String script : List.of("preinst", "postinst", "prerm", "postrm")) {
        copyIfExists(Path.of(DPKG_INFO + "wall." + script), control.resolve(script));
      }
      for (String listed : Files.readAllLines(Path.of(DPKG_INFO + "wall.list"))) {
        Path source = Path.of(listed);
        if (listed.equals("/.") || listed.isBlank()) {
          continue;
        }
        Path target = tree.resolve(listed.substring(1));
        if (Files.isSymbolicLink(source)) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      Path file = dir.resolve("wall_" + version + "_all.deb");
      Processes.Outcome built =
          Processes.run(
              List.of(
                  "dpkg-deb", "--root-owner-group", "--build", tree.toString(), file.toString()),
              "",
              TIMEOUT,
              Map.of());
      if (built.exitCode() != 0) {
        throw new IOException(
            "dpkg-deb could not rebuild the installed wall: " + built.lastErrorLine());
      }
      return read(file);
    } finally {
      deleteTree(tree);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void copyIfExists(Path from, Path to) throws IOException {
    if (Files.exists(from)) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }
}
