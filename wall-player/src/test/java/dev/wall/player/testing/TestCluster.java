package dev.wall.player.testing;

import dev.wall.core.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The test JVM's one {@link NamespaceCluster} of {@value #NODES} nodes, for every cluster test:
 * {@code @ExtendWith(TestCluster.class)}, then take a {@code NamespaceCluster} parameter (in a
 * {@code @BeforeAll} method, say). Built on first use, torn down and its folder deleted when the
 * test JVM's last test is done. A test that breaks a node (a bind mount) undoes it when it ends.
 */
public final class TestCluster implements ParameterResolver {
  /** Enough for the largest cluster test (seven nodes, six of them broken one way each). */
  public static final int NODES = 7;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestCluster.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == NamespaceCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Tools.require(
        NamespaceCluster.available(), "needs root, iproute2, util-linux and openssh-server");
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class)
        .cluster;
  }

  /** Closed by JUnit with the root context: after the JVM's last test. */
  private static final class Shared implements ExtensionContext.Store.CloseableResource {
    final Path state;
    final NamespaceCluster cluster;

    private Shared(Path state, NamespaceCluster cluster) {
      this.state = state;
      this.cluster = cluster;
    }

    static Shared start() {
      try {
        Path state = Files.createTempDirectory("wall-test-cluster");
        return new Shared(state, NamespaceCluster.start(state.resolve("state"), NODES));
      } catch (IOException e) {
        throw new UncheckedIOException("starting the namespace cluster", e);
      }
    }

    @Override
    public void close() throws IOException {
      cluster.close();
      try (Stream<Path> walk = Files.walk(state)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
