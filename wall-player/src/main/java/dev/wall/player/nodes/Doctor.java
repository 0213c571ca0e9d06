package dev.wall.player.nodes;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.HardwareDecode;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.versions.InstalledVersions;
import dev.wall.player.wire.Probe;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code wall doctor}: every check of every node, all nodes at once, each check with its deadline
 * (on the node, {@link NodeProbe}); one row per screen, one cell per check, and a fix for each
 * failure. It changes nothing on any node (no sweep; ssh insists on the recorded host keys).
 */
public final class Doctor {
  /** The checks, in the table's order. */
  public static final List<String> CHECKS =
      List.of(
          "ssh",
          "name",
          "versions",
          "mpi.jar",
          "player",
          "display",
          "media",
          "clip",
          "decoder",
          "codec");

  /** Checksums of a first run over a large media share take long; every other check is quick. */
  static final Duration DEADLINE = Duration.ofMinutes(25);

  private static final Duration RESOLVE_DEADLINE = Duration.ofSeconds(5);

  private final Layout layout;
  private final RemoteNodes nodes;
  private final Map<String, String> display;
  private final Map<String, String> here;
  private final String layoutName;

  /**
   * @param nodes how to ask the nodes (with strict host key checking)
   * @param display the display settings the ranks would get
   * @param here the controller's versions
   */
  public Doctor(
      Layout layout, RemoteNodes nodes, Map<String, String> display, Map<String, String> here) {
    this(layout, nodes, display, here, "LAYOUT");
  }

  /**
   * @param layoutName the layout file as the user named it, for the fix of a clip a node cannot
   *     decode in hardware ({@code wall media prepare LAYOUT})
   */
  public Doctor(
      Layout layout,
      RemoteNodes nodes,
      Map<String, String> display,
      Map<String, String> here,
      String layoutName) {
    this.layoutName = layoutName;
    this.layout = layout;
    this.nodes = nodes;
    this.display = Map.copyOf(display);
    this.here = Map.copyOf(here);
  }

  /**
   * One check's result for one screen: {@code ok} or a short word for the fault, and how to fix it.
   */
  public record Cell(boolean ok, String text, String fix) {
    static Cell pass(String text) {
      return new Cell(true, text, null);
    }

    static Cell fail(String text, String fix) {
      return new Cell(false, text, fix);
    }

    static final Cell NOT_CHECKED = new Cell(false, "-", null);
  }

  /** One screen's row: a cell per check, and what the node is. */
  public record Row(Screen screen, Map<String, Cell> cells, String node) {
    public boolean ok() {
      return cells.values().stream().allMatch(Cell::ok);
    }
  }

  /** Every row, in rank order. */
  public List<Row> examine() {
    Map<String, Probe.Request> requests = new LinkedHashMap<>();
    for (String host : layout.hosts()) {
      List<Path> clips =
          layout.screens().stream()
              .filter(s -> s.host().equals(host))
              .flatMap(s -> layout.clips(s).stream())
              .distinct()
              .toList();
      requests.put(
          host,
          new Probe.Request(
                  host,
                  null,
                  false,
                  true,
                  Path.of(layout.mediaRoot()),
                  clips,
                  true,
                  layout.player(),
                  display,
                  true)
              .withDecoding());
    }
    Map<String, CompletableFuture<String>> resolved = new LinkedHashMap<>();
    for (String host : layout.hosts()) {
      resolved.put(host, CompletableFuture.supplyAsync(() -> resolve(host)));
    }
    CompletableFuture<Map<Path, String>> ours =
        CompletableFuture.supplyAsync(this::controllerChecksums);
    Map<String, RemoteNodes.Reply> replies = nodes.ask(requests, DEADLINE);
    Map<Path, String> controllerSums = ours.join();
    List<Row> rows = new ArrayList<>();
    for (Screen screen : layout.screens()) {
      RemoteNodes.Reply reply = replies.get(screen.host());
      String address = resolvedOrDash(resolved.get(screen.host()));
      rows.add(row(screen, reply, address, controllerSums));
    }
    return rows;
  }

  private Row row(
      Screen screen, RemoteNodes.Reply reply, String address, Map<Path, String> controllerSums) {
    Map<String, Cell> cells = new LinkedHashMap<>();
    if (!reply.answered()) {
      cells.put(
          "ssh", Cell.fail(word(reply.unreached()), Preflight.unreached(screen.host(), reply)));
      CHECKS.stream().skip(1).forEach(c -> cells.put(c, Cell.NOT_CHECKED));
      return new Row(screen, cells, "-");
    }
    Probe.Answer answer = reply.answer();
    cells.put("ssh", Cell.pass("ok"));
    cells.put("name", name(screen, address, answer.resolves()));
    cells.put("versions", versions(screen, answer));
    cells.put("mpi.jar", mpiJar(screen, answer));
    cells.put(
        "player",
        answer.player() != null
            ? Cell.pass(answer.player())
            : Cell.fail("none", answer.playerProblem()));
    cells.put(
        "display",
        answer.display() != null && answer.display().startsWith("ok ")
            ? Cell.pass(answer.display().split(" ")[1])
            : Cell.fail(
                "none",
                answer.display() == null
                    ? "the display check ran out of time"
                    : answer.display().replaceFirst("^failed: ", "")
                        + "; start the desktop (or give wall play --display)"));
    Cell media = media(answer);
    cells.put("media", media);
    cells.put("clip", media.ok() ? clip(screen, answer, controllerSums) : Cell.NOT_CHECKED);
    cells.put(
        "decoder",
        media.ok() && answer.player() != null ? decoder(screen, answer) : Cell.NOT_CHECKED);
    cells.put("codec", media.ok() ? codec(screen, answer) : Cell.NOT_CHECKED);
    for (String timeout : answer.timeouts()) {
      String check = timeout.split(" ")[0];
      String column =
          switch (check) {
            case "clips" -> "clip";
            case "media-root" -> "media";
            case "name" -> "name";
            default -> CHECKS.contains(check) ? check : null;
          };
      if (column != null) {
        cells.put(
            column,
            Cell.fail(
                "timeout", "the " + check + " check did not finish in time on " + screen.host()));
      }
    }
    return new Row(screen, cells, node(answer.facts()));
  }

  private static String word(RemoteNodes.Unreached why) {
    return switch (why) {
      case UNREACHABLE -> "no answer";
      case NO_NAME -> "no name";
      case KEY_REFUSED -> "key refused";
      case HOST_KEY -> "host key";
      case NOT_INSTALLED -> "no wall";
      case NO_JAVA -> "no java";
      case OTHER -> "failed";
    };
  }

  private Cell name(Screen screen, String here, String there) {
    if ("-".equals(there)) {
      return Cell.fail(
          "unknown",
          screen.host()
              + " does not resolve on the node itself; set its host name"
              + " (wall setup hosts)");
    }
    if (!there.equals(here)) {
      return Cell.fail(
          "differs",
          screen.host()
              + " is "
              + here
              + " on the controller but "
              + there
              + " on the node; make /etc/hosts agree (wall setup hosts)");
    }
    if (screen.address() != null && !screen.address().equals(here)) {
      return Cell.fail(
          "differs",
          screen.host()
              + " resolves to "
              + here
              + ", but the layout gives it "
              + screen.address()
              + "; run wall setup hosts, or fix the layout's address");
    }
    return Cell.pass("ok");
  }

  private Cell versions(Screen screen, Probe.Answer answer) {
    List<String> differ = new ArrayList<>();
    for (String name :
        List.of(InstalledVersions.WALL, InstalledVersions.JAVA, InstalledVersions.OPEN_MPI)) {
      String there = answer.versions().getOrDefault(name, InstalledVersions.MISSING);
      String mine = here.getOrDefault(name, InstalledVersions.MISSING);
      // Each node runs its own Java: only its feature release (17) must agree, not the updates of
      // each architecture.
      boolean same =
          name.equals(InstalledVersions.JAVA)
              ? feature(there).equals(feature(mine))
              : there.equals(mine);
      if (!same) {
        differ.add(
            (name.equals(InstalledVersions.OPEN_MPI) ? "Open MPI" : name)
                + " "
                + there
                + " there, "
                + mine
                + " here");
      }
    }
    return differ.isEmpty()
        ? Cell.pass("ok")
        : Cell.fail("differ", String.join(", ", differ) + "; install the same on every node");
  }

  /** Java's feature release: {@code 17} of {@code 17.0.15}. */
  static String feature(String javaVersion) {
    int dot = javaVersion.indexOf('.');
    return dot < 0 ? javaVersion : javaVersion.substring(0, dot);
  }

  private Cell mpiJar(Screen screen, Probe.Answer answer) {
    String jar =
        answer.versions().getOrDefault(InstalledVersions.MPI_JAR, InstalledVersions.MISSING);
    String mpi =
        answer.versions().getOrDefault(InstalledVersions.OPEN_MPI, InstalledVersions.MISSING);
    if (jar.equals(InstalledVersions.MISSING)) {
      return Cell.fail(
          "missing",
          "Open MPI's Java bindings (mpi.jar) are missing; run bin/bootstrap on " + screen.host());
    }
    if (!jar.equals(mpi)) {
      return Cell.fail(
          "mismatch",
          "mpi.jar was built for Open MPI "
              + jar
              + " but "
              + mpi
              + " is installed; run"
              + " bin/bootstrap on "
              + screen.host());
    }
    return Cell.pass("ok");
  }

  private Cell media(Probe.Answer answer) {
    String root = layout.mediaRoot();
    if ("ok".equals(answer.mediaRoot())) {
      return Cell.pass("ok");
    }
    if ("not-mounted".equals(answer.mediaRoot())) {
      return Cell.fail(
          "unmounted",
          "the media share is not mounted at "
              + root
              + " (it holds "
              + NodeProbe.NOT_MOUNTED_SENTINEL
              + "); mount it: sudo mount "
              + root);
    }
    return Cell.fail(
        "missing",
        root + " is not a folder there; mount the media share there (wall setup nfs-client)");
  }

  /** Every clip the screen plays (its playlist): the first one that is wrong, or ok. */
  private Cell clip(Screen screen, Probe.Answer answer, Map<Path, String> controllerSums) {
    boolean allCompared = true;
    for (Path clip : layout.clips(screen)) {
      Probe.Clip there =
          answer.clips().stream().filter(c -> c.path().equals(clip)).findFirst().orElse(null);
      if (there == null) {
        return Cell.fail("timeout", "the clips were not checked in time");
      }
      if (!there.ok()) {
        return Cell.fail(
            there.state(),
            clip
                + " "
                + (there.state().equals("missing") ? "does not exist" : "is " + there.state())
                + " there; copy it to the media share");
      }
      String mine = controllerSums.get(clip);
      if (mine != null && there.sha256() != null && !mine.equals(there.sha256())) {
        return Cell.fail(
            "checksum",
            clip
                + " differs from the controller's copy (SHA-256 "
                + abbreviate(there.sha256())
                + " there, "
                + abbreviate(mine)
                + " here); copy it again");
      }
      allCompared &= mine != null;
    }
    return Cell.pass(allCompared ? "ok" : "there");
  }

  /**
   * How the screen's clips are decoded on its node, worked out as the rank works it out there
   * ({@link Decoding}) from what the node said of itself and of the clips: a clip it cannot hold
   * fails, with what to do.
   */
  private Cell decoder(Screen screen, Probe.Answer answer) {
    Board board = board(screen, answer);
    String[] stack =
        answer.stack() == null ? new String[] {"x11", "no-gpu"} : answer.stack().split(" ");
    DisplayStack.Kind kind = DisplayStack.Kind.valueOf(stack[0].toUpperCase(Locale.ROOT));
    List<MediaInfo> clips =
        layout.clips(screen).stream()
            .map(c -> answer.media().get(c))
            .filter(java.util.Objects::nonNull)
            .map(m -> new MediaInfo(m.width(), m.height(), m.frameRate(), 0, m.codec()))
            .toList();
    Decoding decoding =
        Backends.ALL.decoding(
            PlayerKind.valueOf(answer.player().toUpperCase(Locale.ROOT)),
            board,
            kind,
            stack.length > 1 && stack[1].equals("gpu"),
            clips);
    return decoding.ok()
        ? Cell.pass(decoding.decoder())
        : Cell.fail(
            "cannot hold", decoding.problem() + " (decoded there by " + decoding.decoder() + ")");
  }

  /**
   * Each clip's codec, profile, level, size and frame rate against the node's video block ({@link
   * HardwareDecode}): a clip the block does not decode fails, with the command that makes every
   * screen a clip its node does. A PC has no block the wall uses: nothing is judged there.
   */
  private Cell codec(Screen screen, Probe.Answer answer) {
    Board board = board(screen, answer);
    Board said = nodeBoard(answer);
    if (screen.board() != null
        && said.soc() != Board.Soc.OTHER
        && said.soc() != Board.of(screen.board()).soc()) {
      return Cell.fail(
          "board",
          "the layout says "
              + screen.host()
              + " is a "
              + screen.board().jsonName()
              + ", and it is a "
              + said.model()
              + "; correct \"board\" on its screens (or leave it out), then run wall media prepare "
              + layoutName);
    }
    if (board.soc() == Board.Soc.OTHER) {
      return Cell.pass("n/a");
    }
    List<String> problems = new ArrayList<>();
    java.util.Set<String> codecs = new java.util.TreeSet<>();
    for (Path clip : layout.clips(screen)) {
      Probe.Media m = answer.media().get(clip);
      if (m == null) {
        continue; // not there, or not read: the clip and media checks say so
      }
      MediaInfo info =
          new MediaInfo(m.width(), m.height(), m.frameRate(), 0, m.codec(), m.profile(), m.level());
      codecs.add(Decoding.codecName(info));
      String why = HardwareDecode.whyNot(board, info);
      if (why != null) {
        problems.add(clip.getFileName() + " is " + why);
      }
    }
    if (problems.isEmpty()) {
      return Cell.pass(codecs.isEmpty() ? "-" : String.join(",", codecs));
    }
    return Cell.fail(
        "software",
        String.join("; ", problems)
            + "; make each screen a clip this "
            + board.model()
            + " decodes in hardware: wall media prepare "
            + layoutName);
  }

  /**
   * The node's board: its own model where it says one (a Pi), else what the layout says of it
   * ({@code "board"}), else what it said (a PC).
   */
  private static Board board(Screen screen, Probe.Answer answer) {
    Board said = nodeBoard(answer);
    if (said.soc() != Board.Soc.OTHER || screen.board() == null) {
      return said;
    }
    Board layoutSays = Board.of(screen.board());
    return new Board(layoutSays.model(), said.release());
  }

  private static Board nodeBoard(Probe.Answer answer) {
    return new Board(
        answer.facts().getOrDefault("model", ""), release(answer.facts().get("release")));
  }

  private static int release(String value) {
    return value != null && value.matches("\\d+") ? Integer.parseInt(value) : 0;
  }

  /** SHA-256 of the clips this machine has, through the same cache. */
  private Map<Path, String> controllerChecksums() {
    Checksums sums = Checksums.forThisUser();
    Map<Path, String> found = new LinkedHashMap<>();
    for (Path clip :
        layout.screens().stream().flatMap(s -> layout.clips(s).stream()).distinct().toList()) {
      if (Files.isRegularFile(clip) && Files.isReadable(clip)) {
        try {
          found.put(clip, sums.sha256(clip));
        } catch (IOException e) {
          // Unreadable here: the nodes' copies are only checked for presence.
        }
      }
    }
    sums.save();
    return found;
  }

  private static String resolve(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (IOException e) {
      return "-";
    }
  }

  private static String resolvedOrDash(CompletableFuture<String> address) {
    try {
      return address.get(RESOLVE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return "-";
    }
  }

  private static String node(Map<String, String> facts) {
    List<String> parts = new ArrayList<>();
    parts.add(facts.getOrDefault("model", "?"));
    if (facts.containsKey("machine")) {
      parts.add(facts.get("machine"));
    }
    parts.add(bytes(facts.get("disk-free")) + " disk free");
    parts.add(bytes(facts.get("memory-available")) + " memory free");
    return String.join(", ", parts);
  }

  private static String bytes(String value) {
    if (value == null || !value.matches("\\d+")) {
      return "?";
    }
    double b = Long.parseLong(value);
    return b >= 1e9
        ? String.format(Locale.ROOT, "%.1f GB", b / 1e9)
        : String.format(Locale.ROOT, "%.0f MB", b / 1e6);
  }

  private static String abbreviate(String sha) {
    return sha.substring(0, Math.min(12, sha.length())) + "...";
  }
}
