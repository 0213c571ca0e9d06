package dev.wall.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Debian package this build made, installed into this machine once for every test of the
 * installed wall: {@code @ExtendWith(InstalledPackage.Resolver.class)}, then take an {@code
 * InstalledPackage} parameter. The classes run in the order junit-platform.properties sets: {@link
 * SetupInstallIT} installs it as a technician would ({@code wall setup install}), {@link BootIT}
 * boots its unit, {@link PackageIT} uses it and ends by removing it. Whichever runs, alone or
 * together, the package is installed where a test needs it ({@link #ensureInstalled}) and removed
 * after the test JVM's last test, even when a test failed.
 */
final class InstalledPackage {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(InstalledPackage.class);

  private final Path deb;
  private final String version;

  private InstalledPackage(Path deb, String version) {
    this.deb = deb;
    this.version = version;
  }

  /** The newest target/wall_*_all.deb of this build. */
  static Path builtPackage() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("wall_.*_all\\.deb"))
          .max(Comparator.comparing(f -> f.toFile().lastModified()))
          .orElseThrow(() -> new AssertionError("no target/wall_*_all.deb: run mvn package first"))
          .toAbsolutePath();
    }
  }

  Path deb() {
    return deb;
  }

  /** The package's version, as dpkg-deb reads it. */
  String version() {
    return version;
  }

  /** The version of wall that dpkg has installed, or "" for none. */
  static String installedVersion() throws Exception {
    return Sh.run(
            "sh",
            "-c",
            "dpkg-query -W -f='${Status} ${Version}' wall 2>/dev/null"
                + " | sed -n 's/^install ok installed //p'")
        .out()
        .trim();
  }

  /**
   * Installs this package with apt-get unless this very version is installed already; returns how
   * long the install took in seconds (0 when there was nothing to do).
   */
  double ensureInstalled() throws Exception {
    if (installedVersion().equals(version)) {
      return 0;
    }
    long started = System.nanoTime();
    Sh.Result install =
        Sh.run(
            List.of(
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "./" + deb.getFileName()),
            Map.of("DEBIAN_FRONTEND", "noninteractive"),
            deb.getParent(),
            Duration.ofMinutes(5));
    assertEquals(0, install.code(), install.all());
    return (System.nanoTime() - started) / 1e9;
  }

  /** Removes wall if dpkg has it installed: a machine that has none. */
  static void removeIfInstalled() throws Exception {
    if (!installedVersion().isEmpty()) {
      Sh.Result remove = remove();
      assertEquals(0, remove.code(), remove.all());
    }
  }

  /** {@code apt-get remove --purge wall}. */
  static Sh.Result remove() throws Exception {
    return Sh.run(
        List.of("apt-get", "remove", "--purge", "-y", "-q", "wall"),
        Map.of("DEBIAN_FRONTEND", "noninteractive"),
        null,
        Duration.ofMinutes(3));
  }

  /** Hands the package to a test that takes an {@code InstalledPackage}. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == InstalledPackage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Tools.requireRootAnd("needs root and apt-get", "apt-get", "dpkg-deb");
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(Removal.class, key -> new Removal(), Removal.class)
          .pkg;
    }
  }

  /**
   * Closed by JUnit with the root context, after the JVM's last test: removes wall if a test left
   * it.
   */
  private static final class Removal implements ExtensionContext.Store.CloseableResource {
    final InstalledPackage pkg;

    Removal() {
      try {
        Path deb = builtPackage();
        String version =
            Sh.run("dpkg-deb", "-f", deb.toString(), "Version")
                .out()
                .replace("Version:", "")
                .trim();
        pkg = new InstalledPackage(deb, version);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws Exception {
      if (!installedVersion().isEmpty()) {
        remove();
      }
    }
  }
}
