package dev.wall.player.setup;

import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs one package file on one node over the wall's ssh ({@code ssh -F ~/.ssh/wall_config}):
 * the file travels on ssh's stdin, the remote commands are fixed text (package names and the
 * version go in only after a strict check), and apt-get installs it there with what it depends on.
 * A node that cannot get those dependencies (an offline Pi) is told which ones it lacks.
 */
public final class NodeInstall {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
  private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9.+-]*");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9.+~:-]+");
  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "([a-z0-9][a-z0-9.+-]*)(?::[a-z0-9]+)?\\s*(?:\\((<<|<=|=|>=|>>)\\s*([^)\\s]+)\\))?");
  private static final String INSTALL =
      "d=$(mktemp -d) || exit 90; trap 'rm -rf \"$d\"' EXIT; chmod 755 \"$d\"; cat > \"$d/wall.deb\" || exit 91;"
          + " if [ \"$(id -u)\" = 0 ]; then s=; else s='sudo -n'; fi;"
          + " $s env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \"$d/wall.deb\" 2>&1;"
          + " echo \"wall:apt=$?\"";

  /** One node's outcome, as the report line shows it. */
  public record Outcome(String node, boolean ok, String line) {}

  private final WallPackage wallPackage;
  private final Path sshConfig;

  public NodeInstall(WallPackage wallPackage, Path sshConfig) {
    this.wallPackage = wallPackage;
    this.sshConfig = sshConfig;
    if (!VERSION.matcher(wallPackage.version()).matches()) {
      throw new IllegalArgumentException(
          wallPackage.file()
              + ": version \""
              + wallPackage.version()
              + "\" is not a Debian version");
    }
  }

  public Outcome run(String node, boolean dryRun) {
    try {
      Map<String, Installed> before = probe(node);
      String had = Optional.ofNullable(before.get("wall")).map(Installed::version).orElse("none");
      if (had.equals(wallPackage.version())) {
        return new Outcome(node, true, node + ": already has wall " + had);
      }
      List<String> missing = missing(before);
      String needs =
          missing.isEmpty()
              ? ""
              : "; its package sources must provide " + String.join(", ", missing);
      if (dryRun) {
        return new Outcome(
            node,
            true,
            node + ": would install wall " + wallPackage.version() + " (has " + had + ")" + needs);
      }
      Processes.Outcome apt =
          ssh(node, INSTALL, Files.readAllBytes(wallPackage.file()), INSTALL_TIMEOUT);
      Matcher code = Pattern.compile("wall:apt=(\\d+)").matcher(apt.stdout());
      if (code.find() && code.group(1).equals("0")) {
        String now =
            Optional.ofNullable(probe(node).get("wall")).map(Installed::version).orElse("none");
        return now.equals(wallPackage.version())
            ? new Outcome(node, true, node + ": installed wall " + now + " (had " + had + ")")
            : new Outcome(
                node, false, node + ": failed: apt-get finished, but " + node + " has wall " + now);
      }
      return new Outcome(node, false, node + ": failed: " + why(node, apt, missing));
    } catch (IOException e) {
      return new Outcome(node, false, node + ": failed: " + e.getMessage());
    }
  }

  private String why(String node, Processes.Outcome apt, List<String> missing) {
    String output = apt.stdout() + apt.stderr();
    if (apt.exitCode() == 255 && !output.contains("wall:")) {
      return "ssh could not reach it ("
          + apt.lastErrorLine()
          + "); check that it is on and that wall setup ssh was run";
    }
    if (output.contains("sudo: a password is required")
        || output.contains("sudo: a terminal is required")) {
      return "sudo asks for a password there; let the wall's user run sudo without one (Raspberry Pi OS does), then run again";
    }
    if (!missing.isEmpty()) {
      String names =
          String.join(" ", missing.stream().map(m -> m.split("[ |(]")[0]).distinct().toList());
      return "it cannot get what wall needs from its package sources (is it offline?): it lacks "
          + String.join(", ", missing)
          + "; connect "
          + node
          + " to the network once and run again, or copy those"
          + " packages to it (on a machine of the same release: apt-get download "
          + names
          + "; then on "
          + node
          + ": sudo apt-get install ./*.deb)";
    }
    String last =
        output
            .lines()
            .filter(l -> l.startsWith("E: "))
            .reduce((a, b) -> b)
            .orElse(apt.lastErrorLine());
    return "apt-get could not install it: " + last;
  }

  record Installed(String version, boolean installed) {}

  /** What dpkg on the node says of wall and of every package wall depends on. */
  private Map<String, Installed> probe(String node) throws IOException {
    List<String> names = new ArrayList<>(List.of("wall"));
    for (List<String> group : wallPackage.dependencies()) {
      for (String alternative : group) {
        Matcher m = DEPENDENCY.matcher(alternative);
        if (m.matches() && PACKAGE_NAME.matcher(m.group(1)).matches()) {
          names.add(m.group(1));
        }
      }
    }
    Processes.Outcome query =
        ssh(
            node,
            "dpkg-query -W -f='${Package}\\t${Status}\\t${Version}\\n' "
                + String.join(" ", names)
                + " 2>/dev/null; echo wall:probed",
            new byte[0],
            PROBE_TIMEOUT);
    if (!query.stdout().contains("wall:probed")) {
      throw new IOException(
          "ssh could not reach it ("
              + query.lastErrorLine()
              + "); check that it is on and that"
              + " wall setup ssh was run");
    }
    Map<String, Installed> found = new HashMap<>();
    for (String line : query.stdout().lines().toList()) {
      String[] fields = line.split("\t");
      if (fields.length == 3) {
        boolean installed = fields[1].equals("install ok installed");
        if (installed) {
          found.put(fields[0].replaceFirst(":.*", ""), new Installed(fields[2], true));
        }
      }
    }
    return found;
  }

  /** The dependency groups no installed package satisfies, as the package writes them. */
  List<String> missing(Map<String, Installed> installed) throws IOException {
    List<String> missing = new ArrayList<>();
    for (List<String> group : wallPackage.dependencies()) {
      boolean satisfied = false;
      for (String alternative : group) {
        Matcher m = DEPENDENCY.matcher(alternative);
        if (!m.matches()) {
          continue;
        }
        Installed have = installed.get(m.group(1));
        if (have != null
            && (m.group(2) == null || satisfies(have.version(), m.group(2), m.group(3)))) {
          satisfied = true;
        }
      }
      if (!satisfied) {
        missing.add(String.join(" | ", group));
      }
    }
    return missing;
  }

  private static boolean satisfies(String version, String relation, String wanted)
      throws IOException {
    String op =
        switch (relation) {
          case "<<" -> "lt";
          case "<=" -> "le";
          case "=" -> "eq";
          case ">=" -> "ge";
          default -> "gt";
        };
    return Processes.run(
                List.of("dpkg", "--compare-versions", version, op, wanted),
                "",
                PROBE_TIMEOUT,
                Map.of())
            .exitCode()
        == 0;
  }

  private Processes.Outcome ssh(String node, String script, byte[] stdin, Duration timeout)
      throws IOException {
    List<String> argv =
        List.of("ssh", "-F", sshConfig.toString(), "-o", "BatchMode=yes", node, script);
    return Processes.run(argv, stdin, timeout, Map.of());
  }
}
