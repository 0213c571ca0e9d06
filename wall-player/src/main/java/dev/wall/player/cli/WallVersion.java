package dev.wall.player.cli;

import dev.wall.player.versions.InstalledVersion;
import java.nio.file.Path;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code wall --version}: the release, the commit and the Open MPI underneath (see {@link
 * InstalledVersion}).
 */
public final class WallVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Path scratch =
        Path.of(System.getProperty("java.io.tmpdir"), "wall-" + System.getProperty("user.name"));
    return InstalledVersion.current(scratch).lines();
  }
}
