package dev.wall.core.setup.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Network;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.NodeUser;
import dev.wall.core.setup.Release;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.SystemTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second line of defence: a layout built in code, past the validator, still cannot write a line
 * of its own into a system file. Every writer refuses a value with a line break or another control
 * character, and names it.
 */
class SystemFileInjectionTest {
  /** The name from the security review: it ran a command as root at every boot. */
  static final String INJECTED =
      "lobby\n[Service]\nExecStartPre=+/bin/sh -c 'id > /tmp/x'\n[Unit]\n#";

  private static final AutostartModule.Display X11 =
      new AutostartModule.Display(
          "x11", Map.of("DISPLAY", ":0"), "an X11 desktop is installed", true);
  private static final Pattern RAW_CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

  @TempDir Path tmp;

  private Node node(Function<Screen, Screen> first, Network network, String name) {
    Screen left =
        first.apply(
            new Screen(
                "left", "rpi1", "192.168.1.101", 0, null, null, "left.mp4", null, List.of()));
    Screen right =
        new Screen("right", "rpi2", "192.168.1.102", 0, null, null, "right.mp4", null, List.of());
    Layout layout =
        Layout.of(
            1,
            name,
            0,
            PlayerKind.MPV,
            "/srv/wall/media",
            network,
            null,
            null,
            null,
            null,
            List.of(left, right));
    SystemTree tree = new SystemTree(tmp, Release.BULLSEYE, "/boot");
    return new Node(
        layout,
        "lobby.json",
        "/home/pi/lobby.json",
        tree,
        "rpi1",
        new NodeUser("pi", 1000, 1000, "/home/pi"),
        "/srv/wall",
        false);
  }

  private Node node(String name) {
    return node(
        s -> s, new Network("192.168.1.0/24", "eth0", "192.168.1.1", List.of("192.168.1.1")), name);
  }

  private static void refusedNaming(String shown, Executable write) {
    SetupRefusal refusal = assertThrows(SetupRefusal.class, write);
    assertTrue(refusal.getMessage().contains(shown), refusal.getMessage());
    assertTrue(refusal.getMessage().contains("nothing was written"), refusal.getMessage());
    assertFalse(
        RAW_CONTROL.matcher(refusal.getMessage()).find(),
        "raw control character in: " + refusal.getMessage());
  }

  @Test
  void theInjectedNameNeverReachesTheUnit() {
    refusedNaming(
        "/etc/systemd/system/wall.service: the layout's name \"lobby\\n[Service]\\nExecStartPre=+/bin/sh"
            + " -c 'id > /tmp/x'\\n[Unit]\\n#\" holds a line feed (U+000A)",
        () -> AutostartModule.unit(node(INJECTED), X11));
  }

  @Test
  void everyControlCharacterInTheNameIsRefused() {
    for (String bad :
        List.of("\r", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "\u2028", "\u2029")) {
      assertThrows(
          SetupRefusal.class,
          () -> AutostartModule.unit(node("lobby" + bad + "x"), X11),
          () -> "let through " + Integer.toHexString(bad.charAt(0)));
    }
  }

  /** A specifier would be expanded by systemd: '%' is doubled; a backslash is literal there. */
  @Test
  void theDescriptionEscapesSpecifiers() throws SetupRefusal {
    String unit = AutostartModule.unit(node("Salle 100% \\ \"été\" %n"), X11);
    assertTrue(
        unit.contains("\nDescription=wall: play the video wall (Salle 100%% \\ \"Ã©tÃ©\" %%n)\n"),
        unit);
  }

  /**
   * systemd reads the unit of an ordinary layout without a warning, even with a name full of signs.
   */
  @Test
  void systemdAnalyzeVerifiesTheUnit() throws Exception {
    String unit = AutostartModule.unit(node("Salle 100% \\ \"été\" %n $HOME"), X11);
    // The unit names the installed wall, which this machine need not have: verify checks that
    // the program exists, so it is pointed at one that does.
    Path file = tmp.resolve("wall.service");
    Files.write(
        file,
        unit.replace(AutostartModule.PROGRAM + " ", "/bin/true ")
            .getBytes(StandardCharsets.ISO_8859_1));
    Process verify =
        new ProcessBuilder("systemd-analyze", "verify", "--man=no", file.toString())
            .redirectErrorStream(true)
            .start();
    try {
      assertTrue(
          verify.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS),
          "systemd-analyze hangs");
      String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, verify.exitValue(), said);
      assertEquals("", said.strip(), "systemd-analyze warned");
    } finally {
      verify.destroyForcibly();
    }
  }

  @Test
  void hostsAndHostnameRefuseALineBreakInAHost() {
    Node node =
        node(
            s ->
                new Screen(
                    "left",
                    "rpi1\n10.0.0.9 evil",
                    "192.168.1.101",
                    0,
                    null,
                    null,
                    "left.mp4",
                    null,
                    List.of()),
            new Network("192.168.1.0/24", "eth0", null, null),
            "lobby");
    refusedNaming(
        "/etc/hosts: the host name \"rpi1\\n10.0.0.9 evil\" holds a line feed (U+000A)",
        () -> HostsModule.hosts("127.0.0.1\tlocalhost\n", node));
    Node named =
        node(
            s ->
                new Screen(
                    "left", "rpi1\rx", "192.168.1.101", 0, null, null, "left.mp4", null, List.of()),
            new Network("192.168.1.0/24", "eth0", null, null),
            "lobby");
    Node rpi1 =
        new Node(
            named.layout(),
            "lobby.json",
            "/home/pi/lobby.json",
            named.tree(),
            "rpi1\rx",
            named.user(),
            "/srv/wall",
            false);
    SetupRefusal refusal = assertThrows(SetupRefusal.class, () -> new HostsModule().plan(rpi1));
    assertTrue(refusal.getMessage().contains("\"rpi1\\rx\""), refusal.getMessage());
    assertFalse(
        RAW_CONTROL.matcher(refusal.getMessage()).find(),
        "raw control character in: " + refusal.getMessage());
  }

  @Test
  void hostsRefusesALineBreakInAnAddress() {
    Node node =
        node(
            s ->
                new Screen(
                    "left",
                    "rpi1",
                    "192.168.1.101\n0.0.0.0 bank.example",
                    0,
                    null,
                    null,
                    "left.mp4",
                    null,
                    List.of()),
            new Network("192.168.1.0/24", "eth0", null, null),
            "lobby");
    refusedNaming(
        "the address of rpi1 \"192.168.1.101\\n0.0.0.0 bank.example\"",
        () -> HostsModule.hosts("", node));
  }

  @Test
  void fstabAndExportsRefuseALineBreakInTheShareOrSubnet() {
    Node worker = node("lobby");
    Node badShare =
        new Node(
            worker.layout(),
            "lobby.json",
            "/home/pi/lobby.json",
            worker.tree(),
            "rpi2",
            worker.user(),
            "/srv/wall\n/ / nfs rw 0 0",
            false);
    refusedNaming(
        "/etc/fstab: the share \"/srv/wall\\n/ / nfs rw 0 0\"",
        () -> NfsClientModule.fstabLine(badShare));
    Node badSubnet =
        node(
            s -> s,
            new Network("192.168.1.0/24\n/ *(rw,no_root_squash)", "eth0", null, null),
            "lobby");
    refusedNaming(
        "/etc/exports: network.subnet \"192.168.1.0/24\\n/ *(rw,no_root_squash)\"",
        () -> NfsServerModule.exportLine(badSubnet, "ro"));
  }

  @Test
  void theNetworkFilesRefuseALineBreakInAnyValue() {
    Node node = node("lobby");
    StaticIpModule.Settings gateway =
        new StaticIpModule.Settings(
            "eth0",
            "192.168.1.101",
            24,
            java.util.Optional.of("192.168.1.1\n[ipv6]\nmethod=auto"),
            List.of());
    refusedNaming(
        "/etc/NetworkManager/system-connections: network.gateway \"192.168.1.1\\n[ipv6]\\nmethod=auto\"",
        () -> StaticIpModule.keyfile(gateway, node));
    refusedNaming(
        "/etc/dhcpcd.conf: network.gateway", () -> StaticIpModule.dhcpcd("", gateway, node));
    StaticIpModule.Settings dns =
        new StaticIpModule.Settings(
            "eth0", "192.168.1.101", 24, java.util.Optional.empty(), List.of("192.168.1.1\u2028x"));
    refusedNaming(
        "the DNS server \"192.168.1.1\\u2028x\" holds a line separator (U+2028)",
        () -> StaticIpModule.keyfile(dns, node));
  }

  @Test
  void theSshConfigRefusesALineBreakInAHost() {
    Node node =
        node(
            s ->
                new Screen(
                    "left",
                    "rpi1\n  ProxyCommand sh -c x",
                    null,
                    0,
                    null,
                    null,
                    "left.mp4",
                    null,
                    List.of()),
            new Network("192.168.1.0/24", "eth0", null, null),
            "lobby");
    refusedNaming(
        "/home/pi/.ssh/wall_config: the host name \"rpi1\\n  ProxyCommand sh -c x\"",
        () -> SshFilesModule.sshConfig(node));
  }

  @Test
  void aMarkedBlockTakesOnlyOneLineEach() {
    refusedNaming(
        "/etc/hosts: the line \"1.2.3.4\\tx\\ny\" holds a line feed (U+000A)",
        () -> MarkedBlock.upsert("", "hosts", List.of("1.2.3.4\tx\ny"), "/etc/hosts"));
  }

  /** A node path that exists, to check that nothing was created. */
  @Test
  void aRefusedUnitLeavesNoFile() throws IOException {
    Node node = node(INJECTED);
    assertThrows(SetupRefusal.class, () -> new AutostartModule(X11).plan(withProgram(node)));
    assertFalse(Files.exists(tmp.resolve("etc/systemd/system/wall.service")));
  }

  private Node withProgram(Node node) throws IOException {
    Path program = tmp.resolve(AutostartModule.PROGRAM.substring(1));
    Files.createDirectories(program.getParent());
    Files.writeString(program, "#!/bin/sh\n");
    return node;
  }
}
