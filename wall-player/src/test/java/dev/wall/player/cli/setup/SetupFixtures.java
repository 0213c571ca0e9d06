package dev.wall.player.cli.setup;

import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.nio.file.Path;

/** Fixture roots and the in-process CLI, for the integration tests in other packages. */
public final class SetupFixtures {
  private SetupFixtures() {}

  public static Path root(String release, Path dest) throws IOException {
    return FixtureRoot.materialize(release, dest);
  }

  public record Run(int exitCode, String out, String err) {}

  public static Run cli(Path root, String args, String... more) {
    Cli run = Cli.inRoot(root, args, more);
    return new Run(run.code(), run.out(), run.err());
  }
}
