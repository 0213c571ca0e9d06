package dev.wall.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The least of a node's root that {@code wall setup autostart --root} reads: a Debian release, the
 * user pi, the installed wall, a layout.
 */
final class NodeTree {
  static final String FULL_SCREEN =
      "{\"version\": 1, \"name\": \"lobby\", \"player\": \"mpv\", \"mediaRoot\": \"/srv/wall/media\","
          + " \"screens\": [{\"name\": \"left\", \"host\": \"localhost\", \"media\": \"demo-top-left.mp4\"}]}";
  static final String WINDOWED =
      FULL_SCREEN.replace(
          "\"host\": \"localhost\",",
          "\"host\": \"localhost\", \"window\": {\"x\": 0, \"y\": 0, \"width\": 640, \"height\": 360},");

  private NodeTree() {}

  static Path minimal(Path root, String layout) throws Exception {
    Files.createDirectories(root.resolve("etc/systemd/system"));
    Files.writeString(
        root.resolve("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
            + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
    Files.writeString(root.resolve("etc/hostname"), "localhost\n");
    Files.writeString(
        root.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000:pi:/home/pi:/bin/bash\n");
    Files.writeString(
        root.resolve("etc/group"), "root:x:0:\nvideo:x:44:pi\nrender:x:105:pi\npi:x:1000:\n");
    Files.createDirectories(root.resolve("home/pi"));
    Files.writeString(root.resolve("home/pi/lobby.json"), layout);
    Files.createDirectories(root.resolve("opt/wall/bin"));
    Files.writeString(root.resolve("opt/wall/bin/wall"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        root.resolve("opt/wall/bin/wall"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return root;
  }
}
