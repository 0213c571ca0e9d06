package dev.wall.core.layout;

import dev.wall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open MPI files that put rank i on {@code screens[i].host}, however the screens are ordered
 * and however many share a host.
 *
 * <ul>
 *   <li>The hostfile is the allocation: each host once, with one slot per screen it drives.
 *   <li>The rankfile pins each rank: {@code rank i=host slot=s}, where s counts that host's screens
 *       from 0. A plain hostfile cannot do this: Open MPI fills hosts in order, which puts ranks on
 *       the wrong host when screens are not grouped by host.
 * </ul>
 *
 * <p>Run them with {@link #mpirunArgs}. Open MPI binds each rank to core s of its host (a rankfile
 * always binds; {@code --bind-to none} does not undo it), and a player started by the rank inherits
 * that binding.
 */
public final class HostfileWriter {
  private final Layout layout;
  private final String source;

  /** {@code source} names the layout file in the files' header comment. */
  public HostfileWriter(Layout layout, String source) {
    this.layout = layout;
    this.source = source;
  }

  /** {@code host slots=N} per host, in order of first use. */
  public String hostfile() {
    StringBuilder text = new StringBuilder(header("hostfile"));
    slotsPerHost()
        .forEach((host, slots) -> text.append(host).append(" slots=").append(slots).append('\n'));
    return text.toString();
  }

  /** {@code rank i=host slot=s} per screen, in rank order. */
  public String rankfile() {
    StringBuilder text = new StringBuilder(header("rankfile"));
    Map<String, Integer> nextSlot = new LinkedHashMap<>();
    List<Screen> screens = layout.screens();
    for (int rank = 0; rank < screens.size(); rank++) {
      String host = screens.get(rank).host();
      int slot = nextSlot.merge(host, 1, Integer::sum) - 1;
      text.append("rank ")
          .append(rank)
          .append('=')
          .append(host)
          .append(" slot=")
          .append(slot)
          .append('\n');
    }
    return text.toString();
  }

  /** The mpirun options that use the two files: allocation, placement and rank count. */
  public List<String> mpirunArgs(Path hostfile, Path rankfile) {
    return List.of(
        "--hostfile", hostfile.toString(),
        "--rankfile", rankfile.toString(),
        "-np", Integer.toString(layout.screens().size()));
  }

  /** Writes both files, each atomically. */
  public void write(Path hostfile, Path rankfile) throws IOException {
    AtomicFile files = new AtomicFile();
    files.write(hostfile, hostfile().getBytes(StandardCharsets.UTF_8));
    files.write(rankfile, rankfile().getBytes(StandardCharsets.UTF_8));
  }

  /** Hosts in order of first use, each with its number of screens. */
  public Map<String, Integer> slotsPerHost() {
    Map<String, Integer> slots = new LinkedHashMap<>();
    layout.screens().forEach(screen -> slots.merge(screen.host(), 1, Integer::sum));
    return slots;
  }

  private String header(String kind) {
    String wall =
        layout.name() == null ? "" : " \"" + layout.name().replaceAll("[\\r\\n]", " ") + "\"";
    return "# Open MPI "
        + kind
        + " for the wall"
        + wall
        + ", written by `wall hostfile` from "
        + source.replaceAll("[\\r\\n]", " ")
        + "\n# Rank i drives screens[i]. Do not edit: run"
        + " `wall hostfile` again after changing the layout.\n";
  }
}
