package dev.wall.core.setup.modules;

import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupRefusal;

/** Checks on the share path that the NFS modules write into exports and fstab. */
final class Shares {
  private Shares() {}

  static void check(Node node) throws SetupRefusal {
    String share = node.share();
    if (share == null || share.isBlank()) {
      throw node.layoutProblem(
          "mediaRoot",
          "missing; the NFS share is the media folder",
          "add \"mediaRoot\": \"/srv/wall\" or pass --share");
    }
    if (!Names.isSafePath(share) || share.equals("/")) {
      throw new SetupRefusal(
          "share \""
              + share
              + "\": not a plain absolute folder; use letters, digits, '.', '_', '-' and '/' only"
              + " (fstab and exports read spaces as separators), via mediaRoot or --share");
    }
    String mediaRoot = node.layout().mediaRoot();
    if (mediaRoot != null && !(mediaRoot + "/").startsWith(share.replaceFirst("/$", "") + "/")) {
      throw node.layoutProblem(
          "mediaRoot",
          mediaRoot + " is outside the share " + share,
          "pass --share with a folder that holds mediaRoot");
    }
  }
}
