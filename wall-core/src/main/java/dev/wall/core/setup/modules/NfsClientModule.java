package dev.wall.core.setup.modules;

import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.EnsureDir;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.LineValue;
import dev.wall.core.setup.MarkedBlock;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The media share on a worker: the mount point with a {@code NFS_NOT_MOUNTED} sentinel inside, and
 * an fstab line that mounts it on first use and never holds up boot.
 */
public final class NfsClientModule implements SetupModule {
  public static final String NAME = "nfs-client";
  public static final String SENTINEL = "NFS_NOT_MOUNTED";
  static final String FSTAB = "/etc/fstab";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> skipReason(Node node) {
    return node.isController()
        ? Optional.of("the controller holds the share itself")
        : Optional.empty();
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    Shares.check(node);
    String line = fstabLine(node);
    List<Action> actions = new ArrayList<>();
    actions.add(new EnsureDir(node.share(), FileAttrs.mode("rwxr-xr-x")));
    if (sentinelFits(node)) {
      actions.add(
          FileEdit.whole(
              node.share() + "/" + SENTINEL,
              "The media share "
                  + node.controller()
                  + ":"
                  + node.share()
                  + " is not mounted here.\n"
                  + "Check that "
                  + node.controller()
                  + " is up, then: sudo mount "
                  + node.share()
                  + "\n",
              FileAttrs.mode("rw-r--r--")));
    }
    actions.add(
        new FileEdit(FSTAB, current -> fstab(current, line, node), FileAttrs.mode("rw-r--r--")));
    return actions;
  }

  public static String fstabLine(Node node) throws SetupRefusal {
    LineValue.of(FSTAB, "the controller's host name", node.controller());
    LineValue.of(FSTAB, "the share", node.share());
    // nosuid,nodev: nothing on the share can gain privileges on the node, whoever can write it.
    // hard: while the server is gone a read waits (the wall names the share as the cause within
    // 10 s, and NFSv4 lets a stalled player be stopped), and goes on by itself when it is back;
    // soft would end a clip early with a read error. timeo=50: the client tries again after 5 s,
    // then 10, 15 ... (not 60 s first), so a wall plays again soon after its server returns.
    // noatime: playing a clip writes nothing to the server. mount-timeout: a node whose server is
    // down at boot gives up mounting after 10 s instead of holding whatever first reads the share.
    String options =
        (node.readWrite() ? "rw" : "ro")
            + ",nosuid,nodev,noatime,hard,timeo=50,retrans=3,nofail,_netdev,x-systemd.automount,x-systemd.mount-timeout=10,nfsvers=4";
    return node.controller() + ":" + node.share() + " " + node.share() + " nfs " + options + " 0 0";
  }

  /** A sentinel only goes into an empty folder: anything else may be the mounted share itself. */
  private static boolean sentinelFits(Node node) throws SetupRefusal {
    Path dir = node.tree().resolve(node.share());
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (var children = Files.list(dir)) {
      return children.allMatch(p -> p.getFileName().toString().equals(SENTINEL));
    } catch (IOException e) {
      throw new SetupRefusal(
          node.tree().show(node.share()) + ": cannot list it (" + e.getMessage() + ")");
    }
  }

  static String fstab(String current, String line, Node node) throws SetupRefusal {
    if (current == null) {
      throw new SetupRefusal(
          node.tree().show(FSTAB) + ": missing; is this a Raspberry Pi OS root?");
    }
    List<String> others = Text.lines(MarkedBlock.remove(current, NAME, FSTAB));
    for (int i = 0; i < others.size(); i++) {
      String[] words = Text.strip(others.get(i)).trim().split("\\s+");
      if (words.length >= 2 && !words[0].startsWith("#") && words[1].equals(node.share())) {
        throw new SetupRefusal(
            node.tree().show(FSTAB)
                + ": line "
                + (i + 1)
                + " already mounts something on "
                + node.share()
                + "; remove that line so wall can mount the share there");
      }
    }
    return MarkedBlock.upsert(current, NAME, List.of(Text.utf8(line)), FSTAB);
  }
}
