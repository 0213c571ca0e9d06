package dev.wall.player.show;

import dev.wall.core.layout.Layout;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Preflight;
import dev.wall.player.nodes.RemoteNodes;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.versions.InstalledVersions;
import java.nio.file.Path;
import java.util.List;

/**
 * What the supervisor waits for before it starts a lost job again: every node answers the checks a
 * start makes ({@link Preflight}, all nodes at once, over the wall's ssh). Only the nodes that do
 * not answer keep it waiting; anything else they report (a clip missing, say) is for the start to
 * refuse and name, as the technician would want to read it.
 */
public final class PreflightNodeCheck implements Supervisor.NodeCheck {
  private final Layout layout;
  private final LocalMachine local;
  private final Path runDir;
  private final boolean readsShare;

  /**
   * @param layout the wall, with any {@code --media-root} applied
   * @param readsShare whether the nodes play from the media share (not from their caches)
   */
  public PreflightNodeCheck(Layout layout, LocalMachine local, Path runDir, boolean readsShare) {
    this.layout = layout;
    this.local = local;
    this.runDir = runDir;
    this.readsShare = readsShare;
  }

  @Override
  public List<String> notAnswering() {
    RemoteNodes nodes = RemoteNodes.forThisJvm(local::isThisMachine, Ssh.forThisUser(), List.of());
    return new Preflight(layout, nodes, runDir, InstalledVersions.here(runDir), readsShare)
        .run()
        .unreachable();
  }
}
