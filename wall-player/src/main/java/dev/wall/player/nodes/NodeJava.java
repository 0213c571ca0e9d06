package dev.wall.player.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the wall runs Java on another node: with that node's own Java and its own Open MPI library
 * folder, never the controller's. A Pi node is arm64 (or armhf) and keeps both under other paths
 * than a PC controller ({@code /usr/lib/jvm/java-17-openjdk-arm64}, {@code
 * /usr/lib/aarch64-linux-gnu/openmpi/lib}); only the wall itself (its classpath, pure Java) is at
 * the same path on every node.
 *
 * <p>The command is {@code /bin/sh -c SCRIPT wall-java KIND WALL JVM-ARGUMENTS...}: a fixed script,
 * the same text every time, and everything else its positional arguments, so nothing the layout
 * holds is ever read by a shell. The script finds {@code java} on the node's PATH (else under
 * {@code /usr/lib/jvm}), and for a rank the folder of the node's {@code libmpi_java.so}, which it
 * hands to Java as {@code java.library.path}: mpirun would otherwise give a Java rank its own (the
 * controller's) library folder. It checks that the wall is there ({@code WALL}, where this wall's
 * classes are, such as {@code /opt/wall/lib/wall-player.jar}) and says in one line what is missing,
 * with the node's machine ({@code uname -m}), so that the controller can tell "no wall there" from
 * "no Java there" and from a node of another architecture, which is fine.
 */
public final class NodeJava {
  /** The script's {@code $0}: what {@code ps} shows until it execs Java. */
  static final String NAME = "wall-java";

  /** The first word of each of the script's failure lines, which the controller recognises. */
  static final String NO_JAVA = "wall-java: no Java";

  static final String NO_WALL = "wall-java: no wall";
  static final String NO_MPI = "wall-java: no Open MPI";

  /** Exit codes of the script's failures: no Java, no wall, no Open MPI Java library. */
  static final int NO_JAVA_CODE = 127;

  static final int NO_WALL_CODE = 126;
  static final int NO_MPI_CODE = 125;

  /** A probe's first line, before its Java starts: the node is reached. */
  static final String STARTING = "wall-java: starting";

  /** The wall as the Debian package installs it. */
  static final String INSTALLED = "/opt/wall/lib/wall-player.jar";

  /**
   * The script's first part, shared with {@link QuickProbe}'s: {@code $1} the kind, {@code $2} the
   * wall; finds {@code java} (in {@code $java}) and checks that the wall is there, else says which
   * is missing and exits.
   */
  static final String PRELUDE =
      String.join(
          "\n",
          "kind=$1 wall=$2; shift 2",
          "java=$(command -v java) || java=",
          "if [ -z \"$java\" ]; then",
          "  for j in /usr/lib/jvm/*/bin/java; do if [ -x \"$j\" ]; then java=$j; break; fi; done",
          "fi",
          "if [ -z \"$java\" ]; then",
          "  echo \""
              + NO_JAVA
              + " on $(hostname) ($(uname -m)): install openjdk-17-jre-headless\" >&2",
          "  exit " + NO_JAVA_CODE,
          "fi",
          "if [ ! -e \"$wall\" ]; then",
          "  other=; if [ -e "
              + INSTALLED
              + " ] && [ \"$wall\" != "
              + INSTALLED
              + " ]; then other=\"; it has one in /opt/wall\"; fi",
          "  echo \"" + NO_WALL + " at $wall on $(hostname) ($(uname -m))$other\" >&2",
          "  exit " + NO_WALL_CODE,
          "fi",
          "");

  static final String SCRIPT =
      String.join(
          "\n",
          PRELUDE,
          "if [ \"$kind\" = probe ]; then echo " + STARTING + "; fi",
          "if [ \"$kind\" = rank ]; then",
          "  lib=",
          "  for d in /usr/lib/*/openmpi/lib /usr/lib/openmpi/lib /usr/lib64/openmpi/lib; do",
          "    if [ -e \"$d/libmpi_java.so\" ]; then lib=$d; break; fi",
          "  done",
          "  if [ -z \"$lib\" ]; then",
          "    echo \""
              + NO_MPI
              + " Java library (libmpi_java.so) on $(hostname) ($(uname -m)):"
              + " install libopenmpi-dev\" >&2",
          "    exit " + NO_MPI_CODE,
          "  fi",
          "  set -- \"-Djava.library.path=$lib\" \"$@\"",
          "fi",
          "exec \"$java\" \"$@\"",
          "");

  /** What the Java is for: a rank needs the node's Open MPI; a probe does not. */
  public enum Kind {
    RANK,
    PROBE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private NodeJava() {}

  /**
   * The command that runs {@code main} on another node with its own Java.
   *
   * @param jvmOptions options for the node's JVM, before the classpath
   * @param classpath the wall's classpath, the same on every node
   * @param args the program's arguments
   */
  public static List<String> command(
      Kind kind, List<String> jvmOptions, String classpath, String main, List<String> args) {
    List<String> command =
        new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, NAME, kind.word(), wall()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, main));
    command.addAll(args);
    return command;
  }

  /**
   * Where this wall's classes are (its jar, or a build's classes folder): the same path on every
   * node.
   */
  public static String wall() {
    try {
      return java.nio.file.Path.of(
              NodeJava.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return "/";
    }
  }

  /** This JVM's machine, as {@code uname -m} names it ({@code x86_64}, {@code aarch64}, ...). */
  public static String machine() {
    return machine(System.getProperty("os.arch", "?"));
  }

  /** Java's {@code os.arch} in {@code uname -m}'s words. */
  static String machine(String osArch) {
    return switch (osArch) {
      case "amd64" -> "x86_64";
      case "arm" -> "armv7l";
      default -> osArch;
    };
  }
}
