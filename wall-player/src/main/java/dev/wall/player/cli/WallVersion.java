package dev.wall.player.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "dev" when run from classes. */
public final class WallVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = WallVersion.class.getPackage().getImplementationVersion();
    return new String[] {"wall " + (version == null ? "dev" : version)};
  }
}
