package dev.wall.player.nodes;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.player.versions.InstalledVersions;
import dev.wall.player.wire.Probe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quick checks {@code wall play} makes on every node before it starts a player, all nodes at
 * once: the node answers, the media share is mounted (no {@code NFS_NOT_MOUNTED}), every clip it
 * plays is there, and it runs the controller's wall and Open MPI (with mpi.jar built for it). On
 * the way it stops what a previous run left there ({@link RunRecord}). Every failing screen is
 * named, with what to do. The unattended supervisor calls it too, to wait for a lost node.
 */
public final class Preflight {
  /** A node that has not answered by then is unreachable (ssh gives up connecting after 5 s). */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Layout layout;
  private final RemoteNodes nodes;
  private final Path runDir;
  private final Map<String, String> here;
  private final boolean readsShare;

  /**
   * @param layout the wall, with any {@code --media-root} applied
   * @param here the controller's own versions ({@link InstalledVersions#here})
   */
  public Preflight(Layout layout, RemoteNodes nodes, Path runDir, Map<String, String> here) {
    this(layout, nodes, runDir, here, true);
  }

  /**
   * @param readsShare whether the nodes play from the media share: false for a wall that plays each
   *     node's cached copies ({@code wall publish}), whose start then does not ask after the share
   *     at all (a hung share would only hold it up), only after the cached clips
   */
  public Preflight(
      Layout layout, RemoteNodes nodes, Path runDir, Map<String, String> here, boolean readsShare) {
    this.layout = layout;
    this.nodes = nodes;
    this.runDir = runDir;
    this.here = Map.copyOf(here);
    this.readsShare = readsShare;
  }

  /**
   * What the checks found.
   *
   * @param unreachable one line per node that did not answer (exit 3)
   * @param problems one line per other problem (exit 2)
   * @param seconds how long the checks took
   */
  public record Result(List<String> unreachable, List<String> problems, double seconds) {
    public Result {
      unreachable = List.copyOf(unreachable);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return unreachable.isEmpty() && problems.isEmpty();
    }
  }

  public Result run() {
    long started = System.nanoTime();
    Map<String, Probe.Request> requests = new LinkedHashMap<>();
    for (String host : layout.hosts()) {
      requests.put(
          host,
          new Probe.Request(
              host,
              runDir,
              true,
              true,
              readsShare ? Path.of(layout.mediaRoot()) : null,
              clipsOn(host),
              false,
              null,
              null,
              false));
    }
    List<String> unreachable = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (RemoteNodes.Reply reply : nodes.ask(requests, DEADLINE).values()) {
      String who = reply.host() + " (" + screensOn(reply.host()) + ")";
      if (!reply.answered()) {
        String line = unreached(who, reply);
        (reply.unreached() == RemoteNodes.Unreached.UNREACHABLE ? unreachable : problems).add(line);
        continue;
      }
      problems.addAll(problems(reply.host(), who, reply.answer()));
    }
    return new Result(unreachable, problems, (System.nanoTime() - started) / 1e9);
  }

  /** Why a node could not be asked, and what to do about it. */
  static String unreached(String who, RemoteNodes.Reply reply) {
    String said =
        reply.detail() == null || reply.detail().isEmpty() ? "" : " (" + reply.detail() + ")";
    return who
        + switch (reply.unreached()) {
          case UNREACHABLE ->
              " does not answer"
                  + said
                  + "; check that it is on and connected (network cable, switch)";
          case NO_NAME ->
              " is not a name this controller can resolve"
                  + said
                  + "; add it to /etc/hosts (wall setup hosts) or fix the layout's host";
          case KEY_REFUSED ->
              " refused the wall's ssh key" + said + "; run wall setup ssh on the controller";
          case HOST_KEY ->
              " has a host key that is not the one recorded"
                  + said
                  + "; if the node was reinstalled, remove its line from ~/.ssh/wall_known_hosts and run wall setup ssh";
          case NOT_INSTALLED -> noWall(reply.detail());
          case NO_JAVA ->
              " has no Java"
                  + said
                  + "; install the same wall there (wall setup install), which brings"
                  + " openjdk-17-jre-headless";
          case OTHER -> " could not be checked" + said;
        };
  }

  private static final java.util.regex.Pattern NODE_WORDS =
      java.util.regex.Pattern.compile(
          "no wall at (\\S+) on \\S+ \\(([^)]+)\\)(; it has one in (\\S+))?");

  /**
   * A node without the wall at this controller's path: what to install, and whether it is of
   * another architecture, which is fine (the package is the same for every architecture, and each
   * node runs its own Java and Open MPI).
   */
  static String noWall(String detail) {
    java.util.regex.Matcher m = NODE_WORDS.matcher(detail == null ? "" : detail);
    if (!m.find()) {
      return " has no wall where this controller has it"
          + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
          + "; install the same wall there (wall setup install)";
    }
    String machine = m.group(2);
    String here = NodeJava.machine();
    String arch =
        machine.equals(here)
            ? ""
            : " (it is an "
                + machine
                + " node and this controller "
                + here
                + ", which is fine: the package is the"
                + " same for both, and each node runs its own Java and Open MPI)";
    if (m.group(4) != null) {
      return " has no wall at "
          + m.group(1)
          + " but one in "
          + m.group(4)
          + arch
          + "; run the wall from the same"
          + " place on every node: install this controller's package here too (apt-get install ./wall_*.deb)";
    }
    return " has no wall at "
        + m.group(1)
        + ", where this controller has it"
        + arch
        + "; install the same wall there (wall setup install)";
  }

  private List<String> problems(String host, String who, Probe.Answer answer) {
    List<String> problems = new ArrayList<>();
    for (String name : List.of(InstalledVersions.WALL, InstalledVersions.OPEN_MPI)) {
      String there = answer.versions().getOrDefault(name, InstalledVersions.MISSING);
      String mine = here.getOrDefault(name, InstalledVersions.MISSING);
      if (!there.equals(mine)) {
        problems.add(
            who
                + ": "
                + label(name)
                + " "
                + there
                + " there, "
                + mine
                + " on this controller;"
                + " install the same "
                + label(name)
                + " on every node");
      }
    }
    String jar =
        answer.versions().getOrDefault(InstalledVersions.MPI_JAR, InstalledVersions.MISSING);
    String mpi =
        answer.versions().getOrDefault(InstalledVersions.OPEN_MPI, InstalledVersions.MISSING);
    if (!answer.versions().isEmpty() && !jar.equals(mpi)) {
      problems.add(
          who
              + ": mpi.jar "
              + (jar.equals(InstalledVersions.MISSING)
                  ? "is missing"
                  : "was built for Open MPI " + jar)
              + " and Open MPI "
              + mpi
              + " is installed; run bin/bootstrap on "
              + host);
    }
    String root = layout.mediaRoot();
    if ("missing".equals(answer.mediaRoot())) {
      problems.add(
          who
              + ": mediaRoot "
              + root
              + " is not a folder there; mount the media share there (wall setup nfs-client)");
    } else if ("not-mounted".equals(answer.mediaRoot())) {
      problems.add(
          who
              + ": the media share is not mounted at "
              + root
              + " (it holds "
              + NodeProbe.NOT_MOUNTED_SENTINEL
              + "); mount it: sudo mount "
              + root);
    } else {
      for (Probe.Clip clip : answer.clips()) {
        if (!clip.ok()) {
          problems.add(
              screensPlaying(host, clip.path())
                  + " on "
                  + host
                  + ": "
                  + clip.path()
                  + " "
                  + (clip.state().equals("missing")
                      ? "does not exist there"
                      : "is " + clip.state() + " there")
                  + (clip.path().startsWith(Path.of(root))
                      ? "; copy it to the media share"
                      : "; it is the node's cached copy (wall publish): publish the layout again,"
                          + " or play from the share with wall play --from-share"));
        }
      }
    }
    boolean shareSaid = false;
    for (String timeout : answer.timeouts()) {
      String[] words = timeout.split(" ");
      String within = words.length > 1 ? " within " + words[1].replace("s", " s") : "";
      String check = words[0];
      if (check.equals("media-root")
          || (check.equals("clips") && clipsOn(host).stream().anyMatch(onShare(root)))) {
        if (shareSaid) {
          continue;
        }
        shareSaid = true;
        problems.add(
            who
                + ": the media share "
                + root
                + " did not answer"
                + within
                + " (its server gone, or the network to it?); the wall starts once it answers");
      } else {
        problems.add(who + ": the " + check + " check ran out of time");
      }
    }
    if (!answer.left().isEmpty()) {
      problems.add(
          who
              + ": a previous run's "
              + String.join(", ", answer.left())
              + " would not stop; reboot the node");
    }
    answer.refused().forEach(r -> problems.add(who + ": not swept: " + r));
    return problems;
  }

  private static java.util.function.Predicate<Path> onShare(String root) {
    return clip -> clip.startsWith(Path.of(root));
  }

  private static String label(String name) {
    return name.equals(InstalledVersions.OPEN_MPI) ? "Open MPI" : name;
  }

  /** The clips the screens on {@code host} play, each once. */
  private List<Path> clipsOn(String host) {
    Set<Path> clips = new LinkedHashSet<>();
    for (Screen screen : layout.screens()) {
      if (screen.host().equals(host)) {
        clips.addAll(layout.clips(screen));
      }
    }
    return List.copyOf(clips);
  }

  private String screensOn(String host) {
    List<String> names =
        layout.screens().stream().filter(s -> s.host().equals(host)).map(Screen::name).toList();
    return (names.size() == 1 ? "screen " : "screens ") + String.join(", ", names);
  }

  private String screensPlaying(String host, Path clip) {
    List<String> names =
        layout.screens().stream()
            .filter(s -> s.host().equals(host) && layout.clips(s).contains(clip))
            .map(Screen::name)
            .toList();
    return (names.size() == 1 ? "screen " : "screens ") + String.join(", ", names);
  }
}
