package dev.wall.player.cli.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.Tools;
import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wall setup} runs as root and writes into the wall user's home: a link the user put there
 * is neither followed nor replaced, and a folder on the way that someone else could change is not
 * written in. Each is refused in one line (exit 2) before anything is written, and the file the
 * link points to is untouched. Refused rather than replaced: the new content of an edited file
 * depends on the old, which root must not read through the user's link (a copy of any file root can
 * read would land in the user's home), and a replaced link would silently undo a user's own
 * arrangement (their dotfiles kept elsewhere).
 */
class SetupHomeLinksTest {
  private static final String LAYOUT = "--layout <root>/home/pi/lobby.json --root <root>";

  @TempDir Path tmp;

  @Test
  void aLinkFromWallConfigToARootFileOutsideTheTreeIsRefusedAndTheFileUntouched()
      throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path secret = rootsOwnFile();
    Path ssh = usersFolder(root.resolve("home/pi/.ssh"));
    Files.createSymbolicLink(ssh.resolve("wall_config"), secret);
    String before = TreeSnapshot.of(root).listing();

    Cli run = Cli.inRoot(root, "setup ssh --host rpi1 --no-remote " + LAYOUT);

    assertEquals(2, run.code(), run.out() + run.err());
    assertEquals(
        "wall: <root>/home/pi/.ssh/wall_config: a symbolic link (to "
            + secret
            + ") where another user"
            + " controls the folder, and wall follows no link there; put the file itself in its place, or remove the link,"
            + " then run again\n",
        run.err());
    assertEquals("root's own\n", Files.readString(secret));
    assertEquals(before, TreeSnapshot.of(root).listing(), "nothing written in the tree");
    assertTrue(Files.isSymbolicLink(ssh.resolve("wall_config")), "the link is left as it was");
  }

  @Test
  void aLinkInTheWayOfTheKeyOrTheFolderItselfIsRefused() throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside/ssh"));
    Files.createSymbolicLink(root.resolve("home/pi/.ssh"), outside);

    Cli run = Cli.inRoot(root, "setup ssh --host rpi1 --no-remote " + LAYOUT);

    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(
        run.err().startsWith("wall: <root>/home/pi/.ssh: a symbolic link (to " + outside + ")"),
        run.err());
    try (var made = Files.list(outside)) {
      assertEquals(0, made.count(), "no key or config made where the link points");
    }

    Files.delete(root.resolve("home/pi/.ssh"));
    Path ssh = usersFolder(root.resolve("home/pi/.ssh"));
    Path secret = rootsOwnFile();
    Files.createSymbolicLink(ssh.resolve("wall_ed25519"), secret);
    run = Cli.inRoot(root, "setup ssh --host rpi1 --no-remote " + LAYOUT);
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(
        run.err()
            .startsWith(
                "wall: <root>/home/pi/.ssh/wall_ed25519: a symbolic link (to " + secret + ")"),
        run.err());
    assertEquals("root's own\n", Files.readString(secret));
  }

  @Test
  void aLinkedDesktopFileIsNotReadOrWrittenThroughTheLink() throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path secret = rootsOwnFile();
    Path wayfire = root.resolve("home/pi/.config/wayfire.ini");
    Files.delete(wayfire);
    Files.createSymbolicLink(wayfire, secret);
    String before = TreeSnapshot.of(root).listing();

    Cli run = Cli.inRoot(root, "setup blanking --host rpi1 " + LAYOUT);

    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(
        run.err()
            .startsWith(
                "wall: <root>/home/pi/.config/wayfire.ini: a symbolic link (to " + secret + ")"),
        run.err());
    assertEquals("root's own\n", Files.readString(secret));
    assertEquals(before, TreeSnapshot.of(root).listing());
  }

  @Test
  void aFolderOnTheWayThatAnotherUserCouldChangeIsRefused() throws IOException {
    Tools.require(Tools.isRoot(), "only root can give a folder to another user");
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path labwc = root.resolve("home/pi/.config/labwc");
    Files.setAttribute(labwc, "unix:uid", 4242);

    Cli run = Cli.inRoot(root, "setup blanking --host rpi1 " + LAYOUT);

    assertEquals(2, run.code(), run.out() + run.err());
    assertEquals(
        "wall: <root>/home/pi/.config/labwc: belongs to user id 4242, not to user id 1000 who owns"
            + " <root>/home/pi, nor to root, so its owner could swap what wall writes there; give it to 1000 (sudo chown 1000"
            + " <root>/home/pi/.config/labwc) or remove it, then run again\n",
        run.err());

    Files.setAttribute(labwc, "unix:uid", 1000);
    Files.setPosixFilePermissions(labwc, PosixFilePermissions.fromString("rwxrwxrwx"));
    run = Cli.inRoot(root, "setup blanking --host rpi1 " + LAYOUT);
    assertEquals(2, run.code(), run.out() + run.err());
    assertEquals(
        "wall: <root>/home/pi/.config/labwc: other users can write to it (mode rwxrwxrwx), so they could swap"
            + " what wall writes there; close it (chmod go-w <root>/home/pi/.config/labwc), then run again\n",
        run.err());
  }

  @Test
  void aLinkedAuthorizedKeysIsRefused() throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path key = tmp.resolve("wall_ed25519.pub");
    Files.writeString(
        key,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q wall@rpi1\n");
    Path secret = rootsOwnFile();
    Files.createSymbolicLink(
        usersFolder(root.resolve("home/pi/.ssh")).resolve("authorized_keys"), secret);

    Cli run = Cli.inRoot(root, "setup ssh --host rpi2 --authorize " + key + " " + LAYOUT);

    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(
        run.err()
            .startsWith(
                "wall: <root>/home/pi/.ssh/authorized_keys: a symbolic link (to " + secret + ")"),
        run.err());
    assertEquals("root's own\n", Files.readString(secret));
  }

  /** A file outside the tree that only root may write, as /etc/shadow is. */
  private Path rootsOwnFile() throws IOException {
    Path secret = Files.createDirectories(tmp.resolve("outside")).resolve("secret");
    Files.writeString(secret, "root's own\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    return secret;
  }

  /** A folder of pi's (uid 1000) when the test runs as root, as the user would have made it. */
  private static Path usersFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    if (Tools.isRoot()) {
      Files.setAttribute(folder, "unix:uid", 1000);
      Files.setAttribute(folder, "unix:gid", 1000);
    }
    return folder;
  }
}
