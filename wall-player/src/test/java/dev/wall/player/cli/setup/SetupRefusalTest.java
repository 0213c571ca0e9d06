package dev.wall.player.cli.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not what setup expects: exit 2, one line, nothing written anywhere. */
class SetupRefusalTest {
  private static final String ALL =
      "setup all --host rpi1 --no-remote --layout <root>/home/pi/lobby.json --root <root>";

  @Test
  void twoLineCmdlineRefusesTheWholeRun(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Files.writeString(
        root.resolve("boot/firmware/cmdline.txt"),
        "console=tty1 root=PARTUUID=4e639091-02\nquiet\n");
    String before = TreeSnapshot.of(root).listing();
    Cli run = Cli.inRoot(root, ALL);
    assertEquals(2, run.code());
    assertEquals(
        "wall: <root>/boot/firmware/cmdline.txt: has more than one line; the firmware reads only the first and a"
            + " second line breaks boot: join it into one line, then run again\n",
        run.err());
    assertEquals(before, TreeSnapshot.of(root).listing(), "a refused run wrote something");
  }

  @Test
  void unknownReleaseIsRefused(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("bullseye", tmp.resolve("root"));
    Files.writeString(
        root.resolve("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nVERSION_CODENAME=trixie\n");
    String before = TreeSnapshot.of(root).listing();
    Cli run = Cli.inRoot(root, ALL);
    assertEquals(2, run.code());
    assertEquals(
        "wall: <root>/etc/os-release: unknown release \"trixie\"; wall setup knows buster, bullseye, bookworm\n",
        run.err());
    assertEquals(before, TreeSnapshot.of(root).listing());
  }

  @Test
  void hostNotInTheLayoutIsRefused(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("buster", tmp.resolve("root"));
    Cli run = Cli.inRoot(root, "setup hosts --layout <root>/home/pi/lobby.json --root <root>");
    assertEquals(2, run.code());
    assertEquals(
        "wall: <root>/etc/hostname says \"raspberrypi\", which is not a host of <root>/home/pi/lobby.json;"
            + " pass --host with one of: rpi1, rpi2, rpi3\n",
        run.err());
  }

  @Test
  void someoneElsesExportOfTheSharePathIsRefused(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Files.writeString(
        root.resolve("etc/exports"), "/srv/wall *(rw,sync,no_root_squash,no_subtree_check)\n");
    Cli run =
        Cli.inRoot(
            root, "setup nfs-server --host rpi1 --layout <root>/home/pi/lobby.json --root <root>");
    assertEquals(2, run.code());
    assertTrue(
        run.err().startsWith("wall: <root>/etc/exports: line 1 already exports /srv/wall;"),
        run.err());
    assertEquals(
        "/srv/wall *(rw,sync,no_root_squash,no_subtree_check)\n",
        Files.readString(root.resolve("etc/exports")));
  }

  @Test
  void missingAddressPointsIntoTheLayout(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("bullseye", tmp.resolve("root"));
    Path layout = root.resolve("home/pi/lobby.json");
    Files.writeString(
        layout, Files.readString(layout).replace("\"address\": \"192.168.1.102\", ", ""));
    Cli run =
        Cli.inRoot(
            root, "setup static-ip --host rpi2 --layout <root>/home/pi/lobby.json --root <root>");
    assertEquals(2, run.code());
    assertEquals(
        "wall: <root>/home/pi/lobby.json: screens[1].address: missing; static-ip needs this node's address;"
            + " add \"address\": \"192.168.1.101\"\n",
        run.err());
  }

  @Test
  void undoKeepsWhatOthersAddedSince(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("bullseye", tmp.resolve("root"));
    String original = Files.readString(root.resolve("etc/hosts"));
    String args = "setup hosts --host rpi3 --layout <root>/home/pi/lobby.json --root <root>";
    assertEquals(0, Cli.inRoot(root, args).code());
    Path hosts = root.resolve("etc/hosts");
    Files.writeString(hosts, "10.9.8.7\tnas\n" + Files.readString(hosts));
    Cli undo = Cli.inRoot(root, args, "--undo");
    assertEquals(0, undo.code(), undo.err());
    assertEquals("10.9.8.7\tnas\n" + original, Files.readString(hosts));
    assertTrue(!Files.exists(root.resolve("etc/hosts.wall-backup")));
  }

  @Test
  void anOlderUnrestrictedLineOfTheKeyIsReplacedAndOtherKeysKept(@TempDir Path tmp)
      throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    String key =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q wall@rpi1";
    Path file = tmp.resolve("wall_ed25519.pub");
    Files.writeString(file, key + "\n");
    Path authorized = root.resolve("home/pi/.ssh/authorized_keys");
    Files.createDirectories(authorized.getParent());
    String other =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherOtherOtherOtherOtherOtherOtherOther me@laptop\n";
    Files.writeString(authorized, other + key + "\n");
    String args =
        "setup ssh --host rpi2 --authorize "
            + file
            + " --layout <root>/home/pi/lobby.json --root <root>";
    Cli run = Cli.inRoot(root, args);
    assertEquals(0, run.code(), run.err());
    assertEquals(
        other + "from=\"192.168.1.0/24\",restrict " + key + "\n", Files.readString(authorized));
  }

  @Test
  void aKeyAuthorizedWithoutASubnetSaysItLogsInFromAnyAddress(@TempDir Path tmp)
      throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path layout = root.resolve("home/pi/lobby.json");
    String withSubnet = Files.readString(layout);
    Files.writeString(
        layout,
        withSubnet
            .replaceAll("(?s)\"network\": \\{.*?\\},", "")
            .replace("\"address\": \"192.168.1.101\", ", ""));
    Path key = tmp.resolve("wall_ed25519.pub");
    Files.writeString(
        key,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q wall@rpi1\n");
    String args =
        "setup ssh --host rpi2 --authorize "
            + key
            + " --layout <root>/home/pi/lobby.json --root <root>";

    Cli run = Cli.inRoot(root, args);

    assertEquals(0, run.code(), run.err());
    assertEquals(
        List.of(
            "ssh: /home/pi/.ssh: changed (created)",
            "ssh: /home/pi/.ssh/authorized_keys: changed (the key"
                + " logs in from any address: <root>/home/pi/lobby.json has no network.subnet (nor an address for the controller"
                + " rpi1); add \"network\": {\"subnet\": \"192.168.1.0/24\"} and run again, so that only the wall's network may"
                + " use it)"),
        run.resultLines());
    assertEquals(
        "restrict " + Files.readString(key),
        Files.readString(root.resolve("home/pi/.ssh/authorized_keys")));

    Files.writeString(layout, withSubnet);
    run = Cli.inRoot(root, args);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.resultLines().stream().noneMatch(l -> l.contains("any address")), run.out());
  }

  @Test
  void workerAuthorizesTheControllersKeyLocallyOnce(@TempDir Path tmp) throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path key = tmp.resolve("wall_ed25519.pub");
    Files.writeString(
        key,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q wall@rpi1\n");
    String args =
        "setup ssh --host rpi2 --authorize "
            + key
            + " --layout <root>/home/pi/lobby.json --root <root>";
    assertEquals(0, Cli.inRoot(root, args).code());
    assertEquals(0, Cli.inRoot(root, args).code());
    Path authorized = root.resolve("home/pi/.ssh/authorized_keys");
    assertEquals(
        "from=\"192.168.1.0/24\",restrict " + Files.readString(key),
        Files.readString(authorized),
        "only from the wall's subnet, and restricted to running commands");
    assertEquals(1000, Files.getAttribute(authorized, "unix:uid"));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(authorized)));
    assertEquals(0, Cli.inRoot(root, args, "--undo").code());
    assertTrue(!Files.exists(root.resolve("home/pi/.ssh")));
  }
}
